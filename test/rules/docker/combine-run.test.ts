import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, SAFE_FIXES, selectFix } from '../../../server/src/engine';
import { ruleTester, type InvalidCase, type ValidCase } from '../../harness/ruleTester';

const MERGE = 'Merge into the previous RUN with && \\';
const GROUP = 'Merge into the previous RUN as && { …; } (grouped, so that it runs only if the previous RUN succeeds)';
const carries = (what: string) => `${MERGE} (carries the previous RUN's \`${what}\` over to these commands)`;

/**
 * Shell state a RUN leaves behind for the commands after it in the same shell: merged, the next RUN's commands
 * would run with it. Each is offered as a suggestion naming it, never as the preferred fix.
 */
const STATEFUL: Array<[name: string, run: string, carried: string]> = [
  ['cd in an && chain', 'apt-get update && cd /src && make', 'cd /src'],
  ['pushd', 'pushd /src', 'pushd /src'],
  ['popd', 'popd', 'popd'],
  ['set', 'set -o pipefail && curl -fsSL https://x | tar -xz', 'set -o pipefail'],
  ['export', 'export PATH=/opt/bin:$PATH && tool --version', 'export PATH=/opt/bin:$PATH'],
  ['unset', 'unset http_proxy', 'unset http_proxy'],
  ['umask', 'umask 077 && mkdir /secrets', 'umask 077'],
  ['ulimit', 'ulimit -n 4096', 'ulimit -n 4096'],
  ['source', 'source /opt/venv/bin/activate && pip install x', 'source /opt/venv/bin/activate'],
  ['.', '. /etc/profile', '. /etc/profile'],
  ['alias', 'alias ll=ls', 'alias ll=ls'],
  ['trap', "trap 'rm -rf /tmp/x' EXIT", "trap 'rm -rf /tmp/x' EXIT"],
  ['shopt', 'shopt -s globstar', 'shopt -s globstar'],
  ['exec redirecting the shell', 'exec >/tmp/log 2>&1', 'exec >/tmp/log 2>&1'],
  ['eval', 'eval "$(ssh-agent -s)"', 'eval "$(ssh-agent -s)"'],
  ['a function definition', 'build() { make; } && build', 'build()'],
  // (A RUN of declarations alone is not reported: it runs no command.)
  ['readonly', 'readonly A=1 && env', 'readonly A=1'],
  ['declare', 'declare -x A=1 && env', 'declare -x A=1'],
  ['local', 'local A=1 || true', 'local A=1'],
  ['typeset', 'typeset A=1 && env', 'typeset A=1'],
  ['a variable', 'ARCH="$(uname -m)" && echo "$ARCH"', 'ARCH="$(uname -m)"'],
  ['a for loop variable', 'for f in a b; do touch "/$f"; done', 'for f'],
  ['a ${X:=default} expansion', ': "${MODE:=prod}"', '${MODE:=prod}'],
  ['conda activate', 'conda activate app', 'conda activate app'],
  ['command cd', 'command cd /src', 'command cd /src'],
  ['a command named by a variable (it may be cd)', '$TOOL --init', '$TOOL --init'],
];

const statefulCases: InvalidCase[] = STATEFUL.map(([name, run, carried]) => ({
  name: `previous RUN leaves ${name} behind: a suggestion that says so`,
  code: `FROM debian:12\nRUN ${run}\nRUN make install\n`,
  errors: [{ line: 3 }],
  fixTitles: [carries(carried)],
  suggestion: { title: carries(carried), output: `FROM debian:12\nRUN ${run} \\\n    && make install\n` },
}));

/** Merges that change nothing: preferred, applied by plain --fix (checked after the cases). */
const preferred: InvalidCase[] = [
  {
    name: 'without errexit, a compound command last is fine',
    code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN if [ -f /x ]; then rm /x; fi\nRUN make\n',
    errors: [{ line: 4 }],
    output: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN if [ -f /x ]; then rm /x; fi \\\n    && make\n',
  },
  {
    name: 'a cd in a subshell leaves the shell where it was',
    code: 'FROM debian:12\nRUN (cd /tmp && tar xzf x.tgz)\nRUN make install\n',
    errors: [{ line: 3 }],
    output: 'FROM debian:12\nRUN (cd /tmp && tar xzf x.tgz) \\\n    && make install\n',
  },
  {
    name: "the next RUN's own cd and set: nothing of the merge runs after them",
    code: 'FROM debian:12\nRUN apt-get update\nRUN set -e && cd /src && make\n',
    errors: [{ line: 3 }],
    output: 'FROM debian:12\nRUN apt-get update \\\n    && set -e && cd /src && make\n',
  },
  {
    name: 'a previous RUN that is a list with ||: its status decides, as before; a program by its path is no builtin',
    code: 'FROM debian:12\nRUN apt-get update; "$HOME"/bin/setup --quiet || true\nRUN make\n',
    errors: [{ line: 3 }],
    output: 'FROM debian:12\nRUN apt-get update; "$HOME"/bin/setup --quiet || true \\\n    && make\n',
  },
];

const cases: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    { code: 'FROM alpine:3.19\nRUN a\nWORKDIR /x\nRUN b\n' },
    {
      name: "a builder stage's layers are discarded (microservices-demo's adservice): only the shipped stages count",
      code: 'FROM gradle:8 AS builder\nRUN chmod +x gradlew\nRUN ./gradlew installDist\n\nFROM eclipse-temurin:21-jre\nCOPY --from=builder /app /app\n',
    },
    { name: 'a --mount on one RUN only', code: 'FROM alpine:3.19\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN echo b\n' },
    {
      name: 'different --mount flags',
      code: 'FROM alpine:3.19\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN --mount=type=secret,id=npm npm ci\n',
    },
    { name: 'different --network', code: 'FROM alpine:3.19\nRUN --network=none make\nRUN --network=host make test\n' },
    { name: 'different --security', code: 'FROM alpine:3.19\nRUN --security=insecure make\nRUN make test\n' },
    {
      name: 'user creation stays its own layer',
      code: 'FROM alpine:3.19\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\n',
    },
    { name: 'across stages', code: 'FROM alpine:3.19\nRUN a\nFROM alpine:3.19\nRUN b\n' },
    { name: 'exec form', code: 'FROM alpine:3.19\nRUN ["/bin/sh", "-c", "a"]\nRUN b\n' },
    { name: 'a heredoc', code: 'FROM alpine:3.19\nRUN <<EOF\nset -e\ncd /tmp\nEOF\nRUN b\n' },
    { name: 'a SHELL between them', code: 'FROM alpine:3.19\nRUN a\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN b\n' },
  ],
  invalid: [
    {
      name: 'a stage the final one is built on ships its layers',
      code: 'FROM debian:12 AS base\nRUN apt-get update\nRUN apt-get install -y ca-certificates\n\nFROM base\nCOPY app /app\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12 AS base\nRUN apt-get update \\\n    && apt-get install -y ca-certificates\n\nFROM base\nCOPY app /app\n',
    },
    {
      code: 'FROM alpine:3.19\nRUN apk add --no-cache curl\nRUN curl -fsSL https://x -o /x\nRUN chmod +x /x\n',
      errors: [{ line: 3, column: 1, message: 'This RUN directly follows another RUN; merge them with && into one layer.' }, { line: 4 }],
      fixTitles: [MERGE],
      output: 'FROM alpine:3.19\nRUN apk add --no-cache curl \\\n    && curl -fsSL https://x -o /x \\\n    && chmod +x /x\n',
    },
    {
      name: 'escape directive and CRLF',
      code: '# escape=`\r\nFROM debian:12\r\nRUN echo a `\r\n    && echo b\r\nRUN echo c\r\n',
      errors: [{ line: 5 }],
      output: '# escape=`\r\nFROM debian:12\r\nRUN echo a `\r\n    && echo b `\r\n    && echo c\r\n',
    },
    { name: 'a comment between them: reported, no fix', code: 'FROM alpine:3.19\nRUN a\n# why\nRUN b\n', errors: [{ line: 4 }] },
    {
      name: "the same --mount flags (in any order): merged under the first RUN's flags",
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip --network=default pip install a\nRUN --network=default --mount=type=cache,target=/root/.cache/pip pip install b\n',
      errors: [{ line: 3 }],
      output: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip --network=default pip install a \\\n    && pip install b\n',
    },
    { name: 'previous RUN ends with ;: no fix', code: 'FROM alpine:3.19\nRUN a;\nRUN b\n', errors: [{ line: 3 }] },

    // What the merge may and may not carry from one RUN's shell into the next (docker-library/postgres).
    {
      name: "a cd would move the next RUN's commands (make install runs in /tmp, not in the WORKDIR)",
      code: 'FROM debian:12\nWORKDIR /src\nRUN cd /tmp && tar xzf x.tgz\nRUN make install\n',
      errors: [{ line: 4 }],
      fixTitles: [carries('cd /tmp')],
      suggestion: { title: carries('cd /tmp'), output: 'FROM debian:12\nWORKDIR /src\nRUN cd /tmp && tar xzf x.tgz \\\n    && make install\n' },
    },
    ...statefulCases,
    {
      name: 'set -eu; then a list: grouped, and the set carries over',
      code: 'FROM debian:12\nRUN set -eu; echo start\nRUN test -z "$OPTIONAL" || echo "$OPTIONAL"\n',
      errors: [{ line: 3 }],
      fixTitles: [`${GROUP.slice(0, -1)}; carries the previous RUN's \`set -eu\` over to these commands)`],
    },
    {
      name: 'exit 0 ends the merged shell: the next RUN would never run, no fix',
      code: 'FROM debian:12\nRUN exit 0\nRUN echo must > /marker\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'an exit that may succeed, inside a block: no fix',
      code: 'FROM debian:12\nRUN [ -f /done ] && { echo skip; exit; }\nRUN make\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'exec of a program replaces the shell: no fix',
      code: 'FROM debian:12\nRUN exec ./install.sh\nRUN make\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'exit 1 fails the build either way (moby): safe',
      code: 'FROM golang:1.22\nRUN go telemetry off && [ "$(go telemetry)" = "off" ] || { echo "Failed to disable Go telemetry"; exit 1; }\nRUN echo done > /marker\n',
      errors: [{ line: 3 }],
      output:
        'FROM golang:1.22\nRUN go telemetry off && [ "$(go telemetry)" = "off" ] || { echo "Failed to disable Go telemetry"; exit 1; } \\\n    && echo done > /marker\n',
    },
    {
      name: 'a list after && would run even when the previous RUN failed: grouped in { …; }, a suggestion',
      code: 'FROM debian:12\nRUN apt-get update\nRUN test -z "$OPTIONAL" || echo "$OPTIONAL"\n',
      errors: [{ line: 3 }],
      fixTitles: [GROUP],
      suggestion: { title: GROUP, output: 'FROM debian:12\nRUN apt-get update \\\n    && { test -z "$OPTIONAL" || echo "$OPTIONAL"; }\n' },
    },
    {
      name: 'a ;-list ending with ; is grouped without a second ;',
      code: 'FROM debian:12\nRUN apt-get update\nRUN set -eux; \\\n\tapt-get install -y curl; \\\n\trm -rf /var/lib/apt/lists/*;\n',
      errors: [{ line: 3 }],
      suggestion: {
        title: GROUP,
        output: 'FROM debian:12\nRUN apt-get update \\\n    && { set -eux; \\\n\tapt-get install -y curl; \\\n\trm -rf /var/lib/apt/lists/*; }\n',
      },
      output: 'FROM debian:12\nRUN apt-get update \\\n    && { set -eux; \\\n\tapt-get install -y curl; \\\n\trm -rf /var/lib/apt/lists/*; }\n',
    },
    {
      name: 'a background job in the next RUN is grouped too',
      code: 'FROM debian:12\nRUN apt-get update\nRUN sleep 1 & wait\n',
      errors: [{ line: 3 }],
      suggestion: { title: GROUP, output: 'FROM debian:12\nRUN apt-get update \\\n    && { sleep 1 & wait; }\n' },
    },
    {
      name: 'a list ending with a comment cannot be grouped: no fix',
      code: 'FROM debian:12\nRUN apt-get update\nRUN a; b # why\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'a job left running would run on beside the next RUN: no fix',
      code: 'FROM mysql:8\nRUN mysqld & sleep 5 && mysql -e "create database app"\nRUN mysql -e "create database other"\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'a daemon started: no fix',
      code: 'FROM debian:12\nRUN service postgresql start\nRUN psql -c "select 1"\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'a comment at the end of the previous RUN would comment out the merged commands: no fix',
      code: 'FROM debian:12\nRUN apt-get update # refresh\nRUN apt-get install -y curl\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'the previous RUN ends with &: no fix',
      code: 'FROM debian:12\nRUN sleep 1 &\nRUN make\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'the next RUN reads $_, the last argument of the previous command: a suggestion',
      code: 'FROM debian:12\nRUN mkdir -p /opt/app\nRUN cd "$_" && make\n',
      errors: [{ line: 3 }],
      fixTitles: [`${MERGE} (carries the previous RUN's \`$_\` over to these commands)`],
    },
    {
      name: 'with errexit from SHELL, a compound command the && follows would no longer stop the build: no fix',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN if [ -f /x ]; then false; echo ok; fi\nRUN make\n',
      errors: [{ line: 4 }],
    },
    {
      name: 'with set -e in a subshell that the && follows: no fix',
      code: 'FROM debian:12\nRUN (set -e; false; echo ok)\nRUN make\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'a SHELL that is not a POSIX shell: no fix',
      code: 'FROM debian:12\nSHELL ["/usr/bin/fish", "-c"]\nRUN echo a\nRUN echo b\n',
      errors: [{ line: 4 }],
    },

    ...preferred,
  ],
};

ruleTester('docker/combine-run', cases);

describe('docker/combine-run: plain --fix on the docker-library/postgres case', () => {
  const code = [
    'FROM debian:12',
    'WORKDIR /src',
    'RUN cd /tmp && tar xzf x.tgz',
    'RUN make install',
    'RUN set -eu; echo start',
    'RUN test -z "$OPTIONAL" || echo "$OPTIONAL"',
    'RUN exit 0',
    'RUN echo must > /marker',
    '',
  ].join('\n');
  const linter = new Linter({ rules: { 'docker/combine-run': 'info' } });
  const file = { path: '/work/Dockerfile', text: code };

  it('prefers no merge that changes what the build does', () => {
    const findings = linter.lint(file).findings.filter((f) => f.ruleId === 'docker/combine-run');
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line + 1}: ${f.fixes.filter((x) => !x.suppression).map((x) => x.kind)}`),
      // `make install` after a cd; a ;-list; after set -eu; `exit 0` after a list (fine: it ends the step either
      // way); `/marker` after exit 0.
      ['4: suggestion', '5: suggestion', '6: suggestion', '7: safe', '8: '],
    );
    assert.deepEqual(
      findings.filter((f) => selectFix(f, SAFE_FIXES)).map((f) => f.range.start.line + 1),
      [7],
    );
  });

  it('merges only `exit 0` into the list before it, and never /marker after it', () => {
    const fixed = linter.fixAll(file).text;
    assert.equal(fixed, code.replace('"$OPTIONAL"\nRUN exit 0', '"$OPTIONAL" \\\n    && exit 0'));
    assert.equal(linter.fixAll({ ...file, text: fixed }).text, fixed, 'a second --fix changes nothing');
  });
});

describe('docker/combine-run: merges that change nothing are the preferred fix', () => {
  const linter = new Linter({ rules: { 'docker/combine-run': 'info' } });
  // Every case whose `output` is not a suggestion's: the ruleTester applies fixes of either kind.
  for (const c of cases.invalid.filter((x) => x.output !== undefined && !x.suggestion)) {
    it(c.name ?? c.code, () => {
      const findings = linter.lint({ path: '/work/Dockerfile', text: c.code }).findings.filter((f) => f.ruleId === 'docker/combine-run');
      assert.ok(findings.length > 0);
      for (const f of findings) assert.equal(selectFix(f, SAFE_FIXES)?.title, MERGE, `line ${f.range.start.line + 1}`);
    });
  }
});

// docker-library style: `set -eux;` first; a RUN that only repeats the removal the previous one ends with.
const listsKept =
  'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\nUSER 1000\n';
const listsRemoved =
  'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nUSER 1000\n';
const DROP = 'Remove this RUN: the previous RUN already ends with the same command';

ruleTester('docker/combine-run', {
  valid: [
    {
      name: 'user creation after set -eux stays its own layer (docker-library/redis)',
      code: 'FROM alpine:3.20\nRUN set -eux; \\\n\taddgroup -S -g 1000 redis; \\\n\tadduser -S -G redis -u 999 redis\nRUN set -eux; \\\n\tapk add --no-cache tzdata\nUSER 999:1000\n',
    },
    {
      name: 'groupadd and useradd after set -eux and set -o pipefail',
      code: 'FROM debian:12\nRUN apt-get update\nRUN set -eux; set -o pipefail; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis\n',
    },
  ],
  invalid: [
    {
      name: 'set -eux, a user, and other work: merged',
      code: 'FROM debian:12\nRUN apt-get update\nRUN set -eux; useradd -r app; mkdir /data\n',
      errors: [{ line: 3 }],
      fixTitles: [GROUP],
    },
    {
      name: 'the previous RUN already ends with the same forced rm: the repeat is dropped',
      code: listsRemoved.replace('USER', 'RUN rm -rf /var/lib/apt/lists/*\nUSER'),
      errors: [{ line: 4 }],
      fixTitles: [DROP],
      output: listsRemoved,
    },
    {
      name: 'a repeated command that is not a forced rm runs twice: merged',
      code: 'FROM debian:12\nRUN make && echo x >> /etc/f\nRUN echo x >> /etc/f\n',
      errors: [{ line: 3 }],
      fixTitles: [MERGE],
      output: 'FROM debian:12\nRUN make && echo x >> /etc/f \\\n    && echo x >> /etc/f\n',
    },
    {
      name: 'after a cd, the same rm removes something else: merged, as a suggestion',
      code: 'FROM debian:12\nRUN cd /tmp && rm -rf build\nRUN rm -rf build\n',
      errors: [{ line: 3 }],
      fixTitles: [carries('cd /tmp')],
    },
    {
      name: 'the removal is not the last command of the previous RUN: merged',
      code: 'FROM debian:12\nRUN rm -rf /tmp/x && make\nRUN rm -rf /tmp/x\n',
      errors: [{ line: 3 }],
      fixTitles: [MERGE],
      output: 'FROM debian:12\nRUN rm -rf /tmp/x && make \\\n    && rm -rf /tmp/x\n',
    },
  ],
});

describe('docker/combine-run: safe --fix with docker/package-cache (docker-library)', () => {
  it('removes the apt lists once', () => {
    const linter = new Linter({});
    const file = { path: '/work/Dockerfile', text: listsKept };
    const fixed = linter.fixAll(file).text;
    assert.equal(fixed, listsRemoved);
    assert.equal(linter.fixAll({ ...file, text: fixed }).text, fixed, 'a second --fix changes nothing');
  });
});
