import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile, shellOf } from '../../../server/src/engine/testing';
import { applyTextEdits } from '../../../server/src/engine';
import { lintCase, ruleFixes, ruleTester } from '../../harness/ruleTester';

ruleTester('docker/package-cache', {
  valid: [
    { name: 'seed 000', code: 'FROM python:3.12\nRUN pip install --no-cache-dir --requirement requirements.txt \\\n    && rm -rfv requirements.txt\n' },
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { code: 'FROM alpine:3.19\nRUN apk add --no-cache curl\n' },
    { name: 'cache mount', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n' },
    { name: 'PIP_NO_CACHE_DIR', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n' },
    { name: 'builder stage caches are thrown away', code: 'FROM python:3.12 AS build\nRUN pip install x\nFROM python:3.12-slim\nCOPY --from=build /x /x\n' },
  ],
  invalid: [
    {
      name: 'pip',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 5, message: 'pip install without --no-cache-dir keeps the download cache in the layer; add --no-cache-dir.' }],
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'python -m pip after set -eux',
      code: 'FROM python:3.12\nRUN set -eux; python3 -m pip install x\n',
      errors: [{ line: 2 }],
      output: 'FROM python:3.12\nRUN set -eux; python3 -m pip install --no-cache-dir x\n',
    },
    {
      name: 'apt-get: recommends and lists, across continuations',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n',
      errors: [
        { line: 3, message: /--no-install-recommends/ },
        { line: 3, message: /\/var\/lib\/apt\/lists/ },
      ],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      // Base images ship no lists: removing them here makes the later install fail (`Unable to locate package git`).
      name: 'apt lists a later RUN installs from without updating: reported, not fixed',
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nENV A=1\nRUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, message: /\/var\/lib\/apt\/lists/ }],
    },
    {
      // The stage built FROM this one starts from its file system, lists included.
      name: 'apt lists a stage built on this one installs from without updating: reported, not fixed',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends tzdata\nFROM base\nRUN apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nUSER 1000\n',
      errors: [{ line: 2, message: /\/var\/lib\/apt\/lists/ }],
    },
    {
      // Without the lists, the upgrade finds nothing newer and the simulated install takes the other branch: no error, another image.
      name: 'apt lists a later upgrade reads: reported, not fixed',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends tzdata\nRUN apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, message: /\/var\/lib\/apt\/lists/ }],
    },
    {
      name: 'apt lists a later simulated install tests: reported, not fixed',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends tzdata\nRUN if apt-get install -s pg16 >/dev/null; then echo yes > /pg; fi\n',
      errors: [{ line: 2, message: /\/var\/lib\/apt\/lists/ }],
    },
    {
      name: 'a stage built on this one that updates first: the removal is safe',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends tzdata\nFROM base\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, message: /\/var\/lib\/apt\/lists/ }],
      output:
        'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends tzdata \\\n    && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a later RUN that updates first: the removal is safe',
      code: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, message: /\/var\/lib\/apt\/lists/ }],
      output:
        'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apk add in a heredoc',
      code: 'FROM alpine:3.19\nRUN <<EOF\nset -e\napk add curl\nEOF\n',
      errors: [{ line: 4 }],
      output: 'FROM alpine:3.19\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get install --no-install-recommends -y curl `\n    && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});

// pip reads PIP_NO_CACHE_DIR with strtobool; a --mount counts only over the manager's own cache folder.
ruleTester('docker/package-cache', {
  valid: [
    { name: 'PIP_NO_CACHE_DIR=1 on the command', code: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install x\n' },
    { name: 'export PIP_NO_CACHE_DIR=true earlier in the RUN', code: 'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=true && pip install x\n' },
    { name: 'ENV PIP_NO_CACHE_DIR=on', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=on\nRUN pip install x\n' },
    { name: 'a cache mount over ~/.cache of another user', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/home/app/.cache pip install x\n' },
    { name: 'a tmpfs over /root/.cache/pip', code: 'FROM python:3.12\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install x\n' },
    {
      name: 'apt lists on a cache mount',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl\n',
    },
    { name: 'apk cache on a cache mount', code: 'FROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n' },
    { name: 'aptitude with -R and lists removed', code: 'FROM debian:12\nRUN aptitude update && aptitude install -y -R curl && rm -rf /var/lib/apt/lists/*\n' },
  ],
  invalid: [
    {
      name: 'PIP_NO_CACHE_DIR=false/0/off/no keep the cache',
      code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN PIP_NO_CACHE_DIR=0 pip install x\nRUN export PIP_NO_CACHE_DIR=no && pip install y\n',
      errors: [{ line: 3, message: /pip install without --no-cache-dir/ }, { line: 4 }],
      output:
        'FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN PIP_NO_CACHE_DIR=0 pip install --no-cache-dir x\nRUN export PIP_NO_CACHE_DIR=no && pip install --no-cache-dir y\n',
    },
    {
      name: 'a cache mount elsewhere does not cover pip; a bind mount is no cache',
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.npm pip install x\nRUN --mount=type=bind,target=/root/.cache/pip pip install y\n',
      errors: [{ line: 2 }, { line: 3 }],
      output:
        'FROM python:3.12\nRUN --mount=type=cache,target=/root/.npm pip install --no-cache-dir x\nRUN --mount=type=bind,target=/root/.cache/pip pip install --no-cache-dir y\n',
    },
    {
      name: 'a cache mount does not excuse --no-install-recommends',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, message: /apt-get install without --no-install-recommends/ }],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'aptitude is a package manager',
      code: 'FROM debian:12\nRUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, message: 'aptitude install without --without-recommends also installs recommended packages; add --without-recommends.' }],
      output: 'FROM debian:12\nRUN aptitude update && aptitude install --without-recommends -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});

// The removal is appended in the script's own style and indentation, and never where it would not parse or would
// change the RUN's status: `… ; && rm` is a syntax error, and `x; rm` without errexit hides a failed install.
const docker = {
  semicolons:
    'FROM debian:bookworm-slim\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends \\\n\t\tca-certificates \\\n\t;\nUSER 1000\n',
  semicolonsFixed:
    'FROM debian:bookworm-slim\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends \\\n\t\tca-certificates \\\n\t; \\\n\trm -rf /var/lib/apt/lists/*;\nUSER 1000\n',
  tabs: 'FROM debian:12\nRUN apt-get update \\\n\t&& apt-get install -y --no-install-recommends curl\n',
  tabsFixed: 'FROM debian:12\nRUN apt-get update \\\n\t&& apt-get install -y --no-install-recommends curl \\\n\t&& rm -rf /var/lib/apt/lists/*\n',
};

ruleTester('docker/package-cache', {
  valid: [
    {
      name: 'apt-get dist-clean removes the lists (apt 2.7.8+, docker-library on trixie)',
      code: 'FROM debian:trixie-slim\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends ca-certificates; \\\n\tapt-get dist-clean\nUSER 1000\n',
    },
    { name: 'apt dist-clean', code: 'FROM debian:trixie\nRUN apt update && apt install -y --no-install-recommends curl && apt dist-clean\n' },
  ],
  invalid: [
    {
      name: 'a script ending with `;` under set -eux: rm on a line of its own, in its style (docker-library)',
      code: docker.semicolons,
      errors: [{ line: 4, message: /\/var\/lib\/apt\/lists/ }],
      output: docker.semicolonsFixed,
    },
    { name: 'tab-indented continuations keep their tabs', code: docker.tabs, errors: [{ line: 3 }], output: docker.tabsFixed },
    {
      name: 'SHELL with -e counts as errexit',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN apt-get update; apt-get install -y --no-install-recommends curl;\n',
      errors: [{ line: 3 }],
      output:
        'FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN apt-get update; apt-get install -y --no-install-recommends curl; \\\n    rm -rf /var/lib/apt/lists/*;\n',
    },
    {
      name: 'a script ending with `;` without errexit: no fix (rm would hide a failed install)',
      code: 'FROM debian:12\nRUN apt-get update; apt-get install -y --no-install-recommends curl;\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'a script ending with `&`: no fix',
      code: 'FROM debian:12\nRUN set -e; apt-get update; apt-get install -y --no-install-recommends curl &\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'a script ending with a comment: no fix',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl # tools\n',
      errors: [{ line: 2 }],
    },
  ],
});

describe('docker/package-cache fixes parse as shell', () => {
  for (const text of [docker.semicolonsFixed, docker.tabsFixed]) {
    it(text.split('\n')[1], () => {
      const model = parseDockerfile(text);
      for (const run of model.instructions.filter((i) => i.keyword === 'RUN')) assert.ok(shellOf(model, run)?.parsed, `RUN does not parse:\n${text}`);
    });
  }
});

// What installs nothing or keeps nothing: a simulated apt install, apk without the network, pip's own prefixes.
ruleTester('docker/package-cache', {
  valid: [
    {
      name: 'apt-get install -s tests availability and installs nothing (docker-library/postgres)',
      code: 'FROM debian:bookworm-slim\nRUN set -eux; \\\n\tapt-get update; \\\n\tif apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then \\\n\t\tapt-get install -y --no-install-recommends postgresql-18-jit; \\\n\tfi; \\\n\trm -rf /var/lib/apt/lists/*\nUSER 999\n',
    },
    ...['--simulate', '--dry-run', '--just-print', '--no-act', '--recon', '-qs'].map((flag) => ({
      name: `apt-get install ${flag}`,
      code: `FROM debian:12\nRUN apt-get update && apt-get install ${flag} curl\n`,
    })),
    {
      name: 'apk add --no-network fetches no index (docker-library alpine images)',
      code: "FROM alpine:3.20\nRUN set -eux; \\\n\tapk add --no-cache --virtual .build-deps gcc musl-dev; \\\n\trunDeps='so:libc.musl-x86_64.so.1'; \\\n\tapk add --no-network --virtual .rundeps $runDeps; \\\n\tapk del --no-network .build-deps\nUSER 65534\n",
    },
    { name: 'pip takes --no-cache for --no-cache-dir (optparse prefixes)', code: 'FROM python:3.12-slim\nRUN pip install --no-cache flask\nUSER 1000\n' },
    { name: 'pip --no-ca, the shortest unambiguous prefix', code: 'FROM python:3.12-slim\nRUN pip3 install --no-ca flask\nUSER 1000\n' },
  ],
  invalid: [
    {
      name: '-t takes the rest of the word as its value: no simulation',
      code: 'FROM debian:12\nRUN apt-get install --no-install-recommends -tbookworm-backports curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, message: /--no-install-recommends/ }],
      output:
        'FROM debian:12\nRUN apt-get install --no-install-recommends -tbookworm-backports curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a real install after a simulated one keeps the lists',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -s curl && apt-get install -y --no-install-recommends curl\n',
      errors: [{ line: 2, column: 50, message: /\/var\/lib\/apt\/lists/ }],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -s curl && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'pip --no-clean and --no-compile are other options',
      code: 'FROM python:3.12-slim\nRUN pip install --no-clean --no-compile flask\n',
      errors: [{ line: 2 }],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --no-clean --no-compile flask\n',
    },
    {
      name: 'apk del --no-network does not cover apk add',
      code: 'FROM alpine:3.20\nRUN apk add curl && apk del --no-network .build-deps\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl && apk del --no-network .build-deps\n',
    },
  ],
});

// repro-4: `apk update` keeps the index in /var/cache/apk; `apk add --no-cache` fetches it itself (hadolint DL3019).
const APK_UPDATE_KEPT =
  'apk update leaves the package index in /var/cache/apk in the layer; drop it: apk add --no-cache fetches the index itself and keeps none.';

ruleTester('docker/package-cache', {
  valid: [
    { name: 'the RUN removes the index', code: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache git && rm -rf /var/cache/apk/*\nUSER 1000\n' },
    {
      name: 'apk add --update --no-cache keeps no index (--no-cache fetches it, --update is moot)',
      code: 'FROM alpine:3.20\nRUN apk add --update --no-cache git\n',
    },
    { name: 'apk update --no-cache keeps no index', code: 'FROM alpine:3.20\nRUN apk update --no-cache && apk add --no-cache git\n' },
    { name: 'the index on a cache mount', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk update && apk add git\n' },
    { name: 'a builder stage', code: 'FROM alpine:3.20 AS build\nRUN apk update && apk add --no-cache gcc\nFROM alpine:3.20\nCOPY --from=build /out /out\n' },
    // An update with no add after it in its RUN is docker/update-alone's (stale or shipped for nothing): not reported twice.
    { name: 'an apk update alone in its RUN', code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache git\nUSER 1000\n' },
  ],
  invalid: [
    {
      name: 'apk update then apk add --no-cache (repro-4): the update goes',
      code: 'FROM python:3.12-alpine\nRUN apk update && apk add --no-cache git\nUSER 1000\n',
      errors: [{ line: 2, column: 5, message: APK_UPDATE_KEPT }],
      output: 'FROM python:3.12-alpine\nRUN apk add --no-cache git\nUSER 1000\n',
    },
    {
      name: 'apk update then apk add: one finding, one fix that adds --no-cache and drops the update',
      code: 'FROM alpine:3.20\nRUN apk update && apk add curl\n',
      errors: [
        {
          line: 2,
          column: 19,
          message: 'apk add without --no-cache keeps the package index (here the one apk update fetched) in the layer; add --no-cache and drop apk update.',
        },
      ],
      fixTitles: ['Add --no-cache and drop apk update'],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'in a heredoc (repro-4), and across continuations, after set -eux; and with -q',
      code: 'FROM alpine:3.20\nRUN <<EOF2\napk update\napk add curl\nEOF2\nRUN set -eux; apk update -q; \\\n    apk add --no-cache git; \\\n    git --version\nRUN apk update \\\n    && apk add --no-cache jq\n',
      errors: [
        { line: 4, message: /drop apk update/ },
        { line: 6, column: 15, message: APK_UPDATE_KEPT },
        { line: 9, message: APK_UPDATE_KEPT },
      ],
      output:
        'FROM alpine:3.20\nRUN <<EOF2\napk add --no-cache curl\nEOF2\nRUN set -eux; apk add --no-cache git; \\\n    git --version\nRUN apk add --no-cache jq\n',
    },
    {
      name: 'a later RUN reads the index: the update stays until that RUN has --no-cache too',
      code: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache git\nRUN apk add curl\n',
      errors: [
        { line: 2, message: APK_UPDATE_KEPT },
        { line: 3, message: /apk add without --no-cache keeps the package index in the layer; add --no-cache\.$/ },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache git\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'another add after the update still without --no-cache: the last one fixed drops the update',
      code: 'FROM alpine:3.20\nRUN apk update \\\n    && apk add curl \\\n    && apk add git\n',
      errors: [
        { line: 3, column: 8 },
        { line: 4, column: 8 },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n    && apk add --no-cache git\n',
    },
  ],
});

// Where dropping the update is not provably the same: reported, no fix to drop it.
ruleTester('docker/package-cache', {
  valid: [],
  invalid: [
    {
      name: 'a script after the update may run apk itself',
      code: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache build-base && ./configure.sh && make\n',
      errors: [{ line: 2, message: APK_UPDATE_KEPT }],
    },
    {
      name: 'apk add --no-network reads the index the update fetched',
      code: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache git && apk add --no-network tzdata\n',
      errors: [{ line: 2, message: APK_UPDATE_KEPT }],
    },
    {
      name: 'a comment after the update, an update with a repository, an update that is not its own link',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk update # refresh\napk add --no-cache git\nEOF\nRUN apk update -X https://example.com/repo && apk add --no-cache jq\nRUN apk update || true && apk add --no-cache curl\n',
      errors: [
        { line: 3, message: APK_UPDATE_KEPT },
        { line: 6, message: APK_UPDATE_KEPT },
        { line: 7, message: APK_UPDATE_KEPT },
      ],
    },
  ],
});

describe('docker/package-cache: an add after an update that cannot go', () => {
  it('gets --no-cache alone; the update is then reported, without a fix', () => {
    const code = 'FROM alpine:3.20\nRUN apk update && apk add curl && sh /tmp/setup.sh\n';
    const findings = (text: string) => lintCase('docker/package-cache', { code: text }).filter((f) => f.ruleId === 'docker/package-cache');
    const [add] = findings(code);
    assert.match(add.message, /add --no-cache and drop apk update/);
    assert.deepEqual(
      ruleFixes(add).map((f) => f.title),
      ['Add --no-cache'],
    );
    const fixed = applyTextEdits(code, ruleFixes(add)[0].edits);
    assert.equal(fixed, 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl && sh /tmp/setup.sh\n');
    const after = findings(fixed);
    assert.deepEqual(
      after.map((f) => [f.range.start.line + 1, f.range.start.character + 1, f.message, ruleFixes(f).length]),
      [[2, 5, APK_UPDATE_KEPT, 0]],
    );
  });
});
