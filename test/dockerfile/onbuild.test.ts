// ONBUILD triggers: the model parses each trigger as an instruction in offsets of the file, and the rules that judge
// one instruction by its own text (a RUN's commands, an ADD's sources, an ENV's values, a WORKDIR's path) judge
// triggers too, reporting on the trigger's text; stage-level rules do not. Fixes offered on triggers edit the
// trigger's own text: each is applied here and checked (the file still parses with the same triggers, the finding is
// gone, nothing else changed, applying again changes nothing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits, type Finding } from '../../server/src/engine';
import { parseDockerfile, parseDockerfileUncut, shellOf, withTriggers } from '../../server/src/engine/testing';
import { ruleTester } from '../harness/ruleTester';
import { checkFile } from '../safety/fixSafety';

describe('ONBUILD triggers in the Dockerfile model', () => {
  it('parses the trigger as an instruction with keyword, flags, arguments and offsets in the file', () => {
    const text = 'FROM alpine:3.20\nONBUILD RUN --mount=type=cache,target=/root/.cache \\\n    pip install -r requirements.txt\n';
    const model = parseDockerfile(text);
    const onbuild = model.instructions[1];
    const trigger = onbuild.trigger!;
    assert.equal(onbuild.keyword, 'ONBUILD');
    assert.equal(trigger.keyword, 'RUN');
    assert.equal(trigger.onbuild, onbuild);
    assert.equal(trigger.stage, model.stages[0]);
    assert.equal(text.slice(trigger.start, trigger.keywordEnd), 'RUN');
    assert.equal(trigger.start, text.indexOf('RUN'));
    assert.equal(trigger.end, onbuild.end);
    assert.deepEqual(
      trigger.flags.map((f) => [f.name, text.slice(f.start, f.end), text.slice(f.valueStart, f.valueEnd)]),
      [['mount', '--mount=type=cache,target=/root/.cache', 'type=cache,target=/root/.cache']],
    );
    assert.deepEqual(
      trigger.args.map((a) => text.slice(a.start, a.end)),
      ['pip', 'install', '-r', 'requirements.txt'],
    );
    assert.equal(trigger.argsStart, text.indexOf('pip'));
    // The shell script of the trigger, in offsets of the file.
    const script = shellOf(model, trigger)!;
    assert.deepEqual(
      script.commands.map((c) => text.slice(c.start, c.end)),
      ['pip install -r requirements.txt'],
    );
  });

  it('keeps triggers out of the instruction lists and puts each after its ONBUILD in withTriggers', () => {
    const model = parseDockerfile('FROM alpine:3.20\nONBUILD COPY . /app\nRUN true\nONBUILD ENV A=b\n');
    assert.deepEqual(
      model.instructions.map((i) => i.keyword),
      ['FROM', 'ONBUILD', 'RUN', 'ONBUILD'],
    );
    assert.deepEqual(
      model.stages[0].instructions.map((i) => i.keyword),
      ['ONBUILD', 'RUN', 'ONBUILD'],
    );
    assert.deepEqual(
      withTriggers(model.instructions).map((i) => (i.onbuild ? `trigger ${i.keyword}` : i.keyword)),
      ['FROM', 'ONBUILD', 'trigger COPY', 'RUN', 'ONBUILD', 'trigger ENV'],
    );
    assert.deepEqual(
      model.instructions[3].trigger!.properties.map((p) => [p.name, p.value]),
      [['A', 'b']],
    );
  });

  it('reads exec-form, lower-case and heredoc triggers', () => {
    const text = 'FROM alpine:3.20\nONBUILD RUN ["apk", "add", "curl"]\nonbuild add a.sh /b/\nONBUILD RUN <<EOF\napk add git\nEOF\n';
    const [, json, lower, heredoc] = parseDockerfile(text).instructions.map((i) => i.trigger!);
    assert.deepEqual(json.json, ['apk', 'add', 'curl']);
    assert.equal(lower.keyword, 'ADD');
    assert.equal(text.slice(lower.start, lower.keywordEnd), 'add');
    assert.deepEqual(
      heredoc.heredocs.map((h) => text.slice(h.contentStart, h.contentEnd)),
      ['apk add git'],
    );
    const model = parseDockerfile(text);
    assert.deepEqual(
      shellOf(model, heredoc)!.commands.map((c) => text.slice(c.start, c.end)),
      ['apk add git'],
    );
  });

  it('has no trigger for a bare ONBUILD nor for the triggers Docker refuses', () => {
    const model = parseDockerfile('FROM alpine:3.20\nONBUILD\nONBUILD ONBUILD RUN x\nONBUILD FROM debian\nONBUILD MAINTAINER me\n');
    assert.deepEqual(
      model.instructions.slice(1).map((i) => i.trigger),
      [undefined, undefined, undefined, undefined],
    );
  });

  it('places triggers of later stages at their offsets in the file, cut or uncut, also after an edit above', () => {
    const text = '# escape=`\nFROM alpine:3.20 AS base\nRUN true\nFROM base\nONBUILD RUN apk add `\n    curl\nFROM base AS last\nONBUILD ADD x.sh /x/\n';
    const check = (source: string) => {
      for (const model of [parseDockerfile(source), parseDockerfileUncut(source)]) {
        const triggers = model.instructions.flatMap((i) => (i.trigger ? [i.trigger] : []));
        assert.deepEqual(
          triggers.map((t) => source.slice(t.start, t.keywordEnd)),
          ['RUN', 'ADD'],
        );
        assert.deepEqual(
          triggers.map((t) => t.stage?.index),
          [1, 2],
        );
        assert.deepEqual(
          shellOf(model, triggers[0])!.commands.map((c) => c.args.map((a) => source.slice(a.start, a.end))),
          [['add', 'curl']],
        );
      }
    };
    check(text);
    check(text.replace('RUN true', 'RUN true && echo a longer first stage'));
  });
});

ruleTester('docker/sudo', {
  valid: [{ name: 'a trigger that installs the sudo package', code: 'FROM debian:12\nONBUILD RUN apt-get install -y --no-install-recommends sudo\n' }],
  invalid: [
    {
      name: 'sudo in an ONBUILD RUN, on the trigger text',
      code: 'FROM debian:12\nUSER app\nONBUILD RUN sudo make install\n',
      errors: [{ line: 3, column: 13, message: /^ONBUILD RUN uses sudo to run make/ }],
    },
  ],
});

ruleTester('docker/cd-in-run', {
  valid: [{ name: 'a trigger that enters a folder it removes', code: 'FROM debian:12\nONBUILD RUN cd /tmp/build && make && rm -rf /tmp/build\n' }],
  invalid: [
    {
      name: 'cd in an ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN cd /src && make\n',
      errors: [{ line: 2, column: 13, message: 'cd /src lasts only for this RUN: use ONBUILD WORKDIR /src for the folder later instructions need.' }],
    },
  ],
});

ruleTester('docker/pipefail', {
  valid: [
    {
      // The trigger runs in the SHELL the stage ends with, even one set after the ONBUILD.
      name: 'a pipefail SHELL after the ONBUILD covers the trigger',
      code: 'FROM alpine:3.20\nONBUILD RUN wget -qO- https://example.com/install.sh | sh\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\n',
    },
  ],
  invalid: [
    {
      name: 'a pipe in an ONBUILD RUN: set -o pipefail at the start of the trigger',
      code: 'FROM alpine:3.20\nONBUILD RUN wget -qO- https://example.com/install.sh | sh\n',
      errors: [{ line: 2, column: 54, message: /^ONBUILD RUN pipes wget into sh/ }],
      fixTitles: ['Set -o pipefail at the start of the RUN'],
      output: 'FROM alpine:3.20\nONBUILD RUN set -o pipefail && wget -qO- https://example.com/install.sh | sh\n',
    },
    {
      name: 'a SHELL set before the ONBUILD and reset after it: the trigger gets the last one',
      code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nONBUILD RUN set -eux; wget -qO- https://example.com/x | sh\nSHELL ["/bin/sh", "-c"]\n',
      errors: [{ line: 3, message: /^ONBUILD RUN pipes wget into sh/ }],
      output:
        'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nONBUILD RUN set -euxo pipefail; wget -qO- https://example.com/x | sh\nSHELL ["/bin/sh", "-c"]\n',
    },
    {
      // Debian's dash has no pipefail: a RUN would get a bash SHELL line, which for a trigger would change the image's shell.
      name: 'no SHELL fix for a trigger on an older Debian',
      code: 'FROM debian:12\nONBUILD RUN curl -fsSL https://example.com/x.tgz | tar -xz\n',
      errors: [{ line: 2, message: /^ONBUILD RUN pipes curl into tar/ }],
      fixTitles: [],
    },
  ],
});

ruleTester('docker/add-instead-of-copy', {
  valid: [
    { name: 'a trigger that extracts an archive', code: 'FROM debian:12\nONBUILD ADD app.tar.gz /srv/\n' },
    {
      name: 'a trigger download checked by a later trigger',
      code: 'FROM debian:12\nONBUILD ADD https://example.com/tool.tgz /tmp/tool.tgz\nONBUILD RUN echo "abc  /tmp/tool.tgz" | sha256sum -c -\n',
    },
  ],
  invalid: [
    {
      name: 'ONBUILD ADD of a script: COPY, on the trigger keyword',
      code: 'FROM debian:12\nONBUILD ADD app.sh /app/\n',
      errors: [{ line: 2, column: 9, message: /^Use COPY for app\.sh/ }],
      output: 'FROM debian:12\nONBUILD COPY app.sh /app/\n',
    },
    {
      name: 'lower-case trigger keeps its case',
      code: 'FROM debian:12\nonbuild add --chown=1:1 conf.json /etc/app/\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM debian:12\nonbuild copy --chown=1:1 conf.json /etc/app/\n',
    },
    {
      name: 'a trigger download without --checksum, checked by no trigger (a RUN of the stage ran in an earlier build)',
      code: 'FROM debian:12\nONBUILD ADD https://example.com/tool.tgz /tmp/tool.tgz\nRUN echo "abc  /tmp/tool.tgz" | sha256sum -c -\n',
      errors: [{ line: 2, column: 13, message: /^ONBUILD ADD downloads https:\/\/example\.com\/tool\.tgz without --checksum/ }],
    },
  ],
});

ruleTester('docker/version-pinning', {
  valid: [{ name: 'pinned in a trigger', code: 'FROM python:3.12-slim\nONBUILD RUN pip install flask==3.0.3\n' }],
  invalid: [
    {
      name: 'apt-get install in a trigger, on the package',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 32, message: 'apt-get install without a version for curl: pin it as <package>=<version>.' }],
    },
    {
      name: 'npm in a trigger continued over two lines',
      code: 'FROM node:20\nONBUILD RUN npm install \\\n    express\n',
      errors: [{ line: 3, column: 5, message: /^npm install without a version for express/ }],
    },
  ],
});

ruleTester('docker/package-cache', {
  valid: [
    {
      // A builder stage's layers are thrown away, and so are those of the stages built on it.
      name: 'a trigger of a builder stage outside the final image',
      code: 'FROM python:3.12-slim AS build\nONBUILD RUN pip install -r requirements.txt\nFROM python:3.12-slim\nUSER 1000\n',
    },
  ],
  invalid: [
    {
      name: 'pip install in a trigger: --no-cache-dir after install',
      code: 'FROM python:3.12-slim\nONBUILD RUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 13, message: /^pip install without --no-cache-dir/ }],
      output: 'FROM python:3.12-slim\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'apk add in a trigger',
      code: 'FROM alpine:3.20\nONBUILD RUN apk add curl\n',
      errors: [{ line: 2, column: 13, message: /^apk add without --no-cache/ }],
      output: 'FROM alpine:3.20\nONBUILD RUN apk add --no-cache curl\n',
    },
    {
      name: 'apt lists kept by a trigger: removed at the end of the trigger',
      code: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      errors: [{ line: 2, column: 31, message: /leaves the package lists/ }],
      output: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'CRLF: the removal continues the trigger with the file line ending',
      code: 'FROM debian:12\r\nONBUILD RUN apt-get update \\\r\n\t&& apt-get install -y --no-install-recommends curl\r\n',
      errors: [{ line: 3, message: /leaves the package lists/ }],
      output:
        'FROM debian:12\r\nONBUILD RUN apt-get update \\\r\n\t&& apt-get install -y --no-install-recommends curl \\\r\n\t&& rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'no removal where a later trigger installs from the lists',
      code:
        'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl\n' +
        'ONBUILD RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, message: /leaves the package lists/ }],
      fixTitles: [],
    },
    {
      // A trigger runs after every instruction of the stage: it reads the lists this RUN would remove.
      name: 'no removal in a RUN whose lists a trigger of the stage installs from, even one written before it',
      code:
        'FROM debian:12\nONBUILD RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      errors: [{ line: 3, message: /leaves the package lists/ }],
      fixTitles: [],
    },
  ],
});

ruleTester('docker/secret-in-env-arg', {
  valid: [{ name: 'a plain ONBUILD ENV', code: 'FROM debian:12\nONBUILD ENV PATH=/opt/app/bin:$PATH\n' }],
  invalid: [
    {
      name: 'a secret in an ONBUILD ENV, on its name',
      code: 'FROM debian:12\nONBUILD ENV API_TOKEN=s3cr3t-value-123456\n',
      errors: [{ line: 2, column: 13, message: /^ONBUILD ENV API_TOKEN looks like a secret; an ONBUILD trigger stays in the image configuration/ }],
    },
  ],
});

ruleTester('docker/relative-workdir', {
  valid: [{ name: 'an absolute ONBUILD WORKDIR', code: 'FROM debian:12\nONBUILD WORKDIR /app\n' }],
  invalid: [
    {
      // The child's build starts in the WORKDIR the stage ends with, also one set after the ONBUILD.
      name: 'a relative ONBUILD WORKDIR resolves against the WORKDIR the stage ends with',
      code: 'FROM debian:12\nWORKDIR /app\nONBUILD WORKDIR src\nWORKDIR /srv\n',
      errors: [{ line: 3, column: 17, message: 'ONBUILD WORKDIR src is relative to the previous WORKDIR /srv: write the absolute path (/srv/src).' }],
    },
  ],
});

/** Stage-level rules leave triggers alone: a trigger runs in the build of a child image, not in this stage. */
describe('rules that do not judge ONBUILD triggers', () => {
  const findings = (code: string, ruleId: string): Finding[] =>
    new Linter({ rules: { [ruleId]: 'warning' } }).lint({ path: '/work/Dockerfile', text: code }).findings.filter((f) => f.ruleId === ruleId);
  const cases: Array<[string, string]> = [
    ['docker/combine-run', 'FROM debian:12\nUSER 1000\nONBUILD RUN make\nONBUILD RUN make install\n'],
    ['docker/update-alone', 'FROM debian:12\nUSER 1000\nONBUILD RUN apt-get update\nONBUILD RUN apt-get install -y --no-install-recommends curl\n'],
    ['docker/multi-stage', 'FROM golang:1.22\nUSER 1000\nONBUILD RUN go build ./...\n'],
    ['docker/exec-form', 'FROM node:20\nUSER 1000\nONBUILD CMD node server.js\n'],
    ['docker/user-fixed-uid', 'FROM debian:12\nUSER 1000\nONBUILD RUN useradd app\n'],
  ];
  for (const [ruleId, code] of cases) {
    it(`${ruleId} is silent on triggers`, () => assert.deepEqual(findings(code, ruleId), []));
  }
});

describe('fixes on ONBUILD triggers', () => {
  const text = [
    'FROM alpine:3.20',
    'ONBUILD ADD app.sh /app/',
    'ONBUILD RUN apk add curl \\',
    '    && pip install -r requirements.txt',
    'ONBUILD RUN wget -qO- https://example.com/install.sh | sh',
    '# a comment between triggers',
    'onbuild add conf.json /etc/app/',
    'USER 1000',
    '',
  ].join('\n');

  it('edit the trigger text only: the file keeps its instructions and triggers, fixes apply once', () => {
    const linter = new Linter();
    const path = '/work/Dockerfile';
    const fixed = linter.lint({ path, text }).findings.filter((f) => f.fixes.some((x) => !x.suppression && x.edits.length > 0));
    // The fixable findings are all on triggers.
    assert.deepEqual(fixed.map((f) => `${f.ruleId}:${f.range.start.line + 1}`).sort(), [
      'docker/add-instead-of-copy:2',
      'docker/add-instead-of-copy:7',
      'docker/package-cache:3',
      'docker/package-cache:4',
      'docker/pipefail:5',
    ]);
    const shape = (source: string) => parseDockerfile(source).instructions.map((i) => `${i.keyword}${i.trigger ? ` ${i.trigger.keyword}` : ''}`);
    for (const finding of fixed) {
      for (const fix of finding.fixes.filter((x) => !x.suppression)) {
        const after = applyTextEdits(text, fix.edits);
        // Still the same instructions, each ONBUILD with its trigger (ADD becoming COPY for that rule's fix).
        const same = finding.ruleId === 'docker/add-instead-of-copy' ? (s: string) => s.replace(/ COPY$/, ' ADD') : (s: string) => s;
        assert.deepEqual(shape(after).map(same), shape(text), `${fix.title}:\n${after}`);
        assert.notEqual(after, text);
      }
    }
    // Every fix alone and fix-all: parses, keeps comments, changes only its lines, clears its finding, adds none,
    // is not offered again; fix-all reaches a fixed point.
    const report = checkFile(path, text);
    assert.ok(report.fixesChecked >= 5, `checked ${report.fixesChecked} fixes`);
    const all = linter.fixAll({ path, text }).text;
    assert.equal(
      all,
      [
        'FROM alpine:3.20',
        'ONBUILD COPY app.sh /app/',
        'ONBUILD RUN apk add --no-cache curl \\',
        '    && pip install --no-cache-dir -r requirements.txt',
        'ONBUILD RUN wget -qO- https://example.com/install.sh | sh',
        '# a comment between triggers',
        'onbuild copy conf.json /etc/app/',
        'USER 1000',
        '',
      ].join('\n'),
    );
  });
});
