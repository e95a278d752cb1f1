import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIX_KINDS, Linter, applyTextEdits } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const BASH = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
/** In the image's own stages the fix puts the shell back: SHELL is saved in the image for child images. */
const SH = 'SHELL ["/bin/sh", "-c"]';
const RESTORED = '; restore /bin/sh after the last RUN that pipes';

ruleTester('docker/pipefail', {
  valid: [
    { name: 'a Windows image named by its tag', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-windowsservercore-ltsc2022\nRUN dir C:\\ | findstr Windows\n' },
    { name: 'escape directive and a PowerShell SHELL', code: '# escape=`\nFROM example.com/base:1\nRUN dir | findstr x\nSHELL ["pwsh", "-Command"]\n' },
    { name: 'no pipe; || is not a pipe', code: 'FROM debian:12\nRUN wget -O /tmp/x https://example.com/x && wc -l /tmp/x || true\n' },
    { name: 'set -o pipefail earlier in the RUN', code: 'FROM alpine:3.20\nRUN set -o pipefail && wget -O - https://example.com | wc -l\n' },
    { name: 'set -euxo pipefail', code: 'FROM alpine:3.20\nRUN set -euxo pipefail; wget -O - https://example.com | wc -l\n' },
    { name: 'a SHELL with -o pipefail', code: `FROM debian:12\n${BASH}\nRUN curl -fsSL https://example.com | tar -xz\n` },
    {
      name: 'a SHELL with -eo pipefail in the stage built on',
      code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://example.com | tar -xz\n',
    },
    { name: 'exec form runs no shell', code: 'FROM debian:12\nRUN ["sh", "-c", "curl -fsSL https://example.com | tar -xz"]\n' },
    { name: 'PowerShell', code: 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n' },
    { name: 'a Windows image', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\n' },
    { name: 'echo and printf cannot fail', code: 'FROM debian:12\nRUN echo "$SHA256  /tmp/x" | sha256sum -c - && printf "y\\n" | tee /tmp/answer\n' },
    { name: 'a group of echos cannot fail', code: "FROM debian:12\nRUN { echo 'a'; echo; echo 'b'; } | tee /etc/app.conf && (printf x) | cat\n" },
    { name: 'a heredoc fed to python', code: 'FROM python:3.12\nRUN python3 <<EOF\nprint(1 | 2)\nEOF\n' },
    { name: 'a heredoc script with a python shebang', code: 'FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1 | 2)\nEOF\n' },
    { name: 'pipefail set by a later SHELL does not matter before it; this RUN comes after', code: `FROM debian:12\n${BASH}\nRUN a | b\n` },
    // repro-3: a substitution's status is discarded when it is an argument: pipefail would change nothing.
    {
      name: 'pipes inside $(…) used as arguments, a redirection, an export or a process substitution',
      code:
        'FROM alpine:3.20\nRUN apk add --no-cache imagemagick \\\n    && test "$(magick -version | grep -o -e png -e jpeg | wc -l)" -eq 2\nRUN echo "built on $(uname -m | tr a-z A-Z)" > /build-info\n' +
        'RUN export V=$(cat /v | head -1) && X=$(git log | head -1) make && diff <(sort a | uniq) b > "$(ls | head -1)"\n',
    },
  ],
  invalid: [
    {
      name: 'Debian 12: dash has no pipefail, bash is always there',
      code: 'FROM debian:12\n# fetch the tool\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt\n',
      errors: [
        {
          line: 3,
          column: 48,
          message: 'RUN pipes curl into tar without pipefail: if curl fails, the step still succeeds when tar does; set -o pipefail first.',
        },
      ],
      suggestion: {
        title: `Insert ${BASH} before this RUN${RESTORED}`,
        output: `FROM debian:12\n${BASH}\n# fetch the tool\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /opt\n${SH}\n`,
      },
    },
    {
      name: 'Alpine: BusyBox ash has pipefail',
      code: 'FROM alpine:3.20\nRUN wget -O - https://example.com/install.sh | sh\n',
      errors: [{ line: 2, message: /RUN pipes wget into sh/ }],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && wget -O - https://example.com/install.sh | sh\n',
    },
    {
      name: 'a leading set -eux takes the option',
      code: 'FROM ubuntu:25.04\nRUN set -eux; \\\n    curl -fsSL https://example.com | tar -xz\n',
      errors: [{ line: 3 }],
      output: 'FROM ubuntu:25.04\nRUN set -euxo pipefail; \\\n    curl -fsSL https://example.com | tar -xz\n',
    },
    {
      name: 'Debian trixie dash and RHEL bash have pipefail',
      code: 'FROM python:3.13-slim-trixie\nRUN pip freeze | grep -i flask\nFROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN rpm -qa | sort\n',
      errors: [{ line: 2 }, { line: 4 }],
      output:
        'FROM python:3.13-slim-trixie\nRUN set -o pipefail && pip freeze | grep -i flask\nFROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN set -o pipefail && rpm -qa | sort\n',
    },
    {
      name: 'a SHELL running bash without pipefail',
      code: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n',
      errors: [{ line: 3 }],
      output: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && a | b\n',
    },
    {
      name: 'set +o pipefail turns it off; a pipe before the set is not covered',
      code: 'FROM alpine:3.20\nRUN set -o pipefail && a | b && set +o pipefail && c | d\nRUN e | f && set -o pipefail\n',
      errors: [{ line: 2, column: 54 }, { line: 3 }],
    },
    {
      name: 'a pipe inside $(…), after an echo pipe',
      code: 'FROM debian:bookworm\nRUN echo x | cat && VERSION=$(curl -fsSL https://example.com/latest | jq -r .tag) && echo "$VERSION"\n',
      errors: [{ line: 2, message: /RUN pipes curl into jq/ }],
      suggestion: {
        title: `Insert ${BASH} before this RUN${RESTORED}`,
        output: `FROM debian:bookworm\n${BASH}\nRUN echo x | cat && VERSION=$(curl -fsSL https://example.com/latest | jq -r .tag) && echo "$VERSION"\n${SH}\n`,
      },
    },
    {
      name: 'a bare assignment takes the status of its last substitution, also in a heredoc',
      code: 'FROM alpine:3.20\nRUN A=$(x) B="$(curl -fsSL https://example.com | jq -r .tag)" && echo "$B"\nRUN <<EOF\nset -e\nV=`wget -O - https://example.com | tail -1`\nEOF\n',
      errors: [
        { line: 2, message: /RUN pipes curl into jq/ },
        { line: 5, message: /RUN pipes wget into tail/ },
      ],
      output:
        'FROM alpine:3.20\nRUN set -o pipefail && A=$(x) B="$(curl -fsSL https://example.com | jq -r .tag)" && echo "$B"\nRUN <<EOF\nset -o pipefail\nset -e\nV=`wget -O - https://example.com | tail -1`\nEOF\n',
    },
    {
      name: 'a heredoc script: the first line sets it',
      code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\nwget -O - https://example.com | tar -xz\nEOF\n',
      errors: [{ line: 4 }],
      output: 'FROM alpine:3.20\nRUN <<EOF\nset -o pipefail\nset -e\nwget -O - https://example.com | tar -xz\nEOF\n',
    },
    {
      name: 'CRLF and a backtick escape: the SHELL line keeps the line ending',
      code: '# escape=`\r\nFROM ubuntu:22.04\r\nRUN set -e; `\r\n    wget -O - https://example.com | tar -xz\r\n',
      errors: [{ line: 4 }],
      suggestion: {
        title: `Insert ${BASH} before this RUN${RESTORED}`,
        output: `# escape=\`\r\nFROM ubuntu:22.04\r\n${BASH}\r\nRUN set -e; \`\r\n    wget -O - https://example.com | tar -xz\r\n${SH}\r\n`,
      },
    },
    {
      name: 'CRLF on Alpine: set -e takes the option',
      code: 'FROM alpine:3.20\r\nRUN set -e && wget -O - https://example.com | tar -xz\r\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\r\nRUN set -eo pipefail && wget -O - https://example.com | tar -xz\r\n',
    },
    {
      name: 'an unknown base image: no fix, the shell may lack the option',
      code: 'FROM example.com/tools:1.0\nRUN a | b\n',
      errors: [{ line: 2 }],
    },
  ],
});

// SHELL applies to every later RUN of the stage: all the stage's fixes insert the one SHELL line at the same place.
const twoPipes =
  'FROM debian:bookworm-slim\nRUN apt-get update\n# fetch a\nRUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\nENV B=1\nRUN curl -fsSL https://example.com/b.tgz | tar -xz -C /opt\nUSER 1000\n';
const twoPipesFixed = twoPipes.replace('# fetch a', `${BASH}\n# fetch a`).replace('USER 1000', `${SH}\nUSER 1000`);
const builderFixed = twoPipes.replace('# fetch a', `${BASH}\n# fetch a`);

ruleTester('docker/pipefail', {
  valid: [],
  invalid: [
    {
      name: "a later RUN's SHELL goes before the stage's first RUN that pipes, after the RUNs that do not",
      code: twoPipes,
      errors: [{ line: 4 }, { line: 6 }],
      output: twoPipesFixed,
    },
    {
      name: 'a stage the image is built on restores the SHELL it had (repro: a later image would run bash)',
      code: 'FROM ubuntu:24.04 AS base\nSHELL ["/bin/sh", "-eu", "-c"]\nRUN find /opt -name "*.so" | sort -u > /etc/ld.so.conf.d/opt.conf\nFROM base\nCMD ["bash"]\n',
      errors: [{ line: 3 }],
      output: `FROM ubuntu:24.04 AS base\nSHELL ["/bin/sh", "-eu", "-c"]\n${BASH}\nRUN find /opt -name "*.so" | sort -u > /etc/ld.so.conf.d/opt.conf\nSHELL ["/bin/sh", "-eu", "-c"]\nFROM base\nCMD ["bash"]\n`,
    },
    {
      name: 'a SHELL between them: each RUN after its own SHELL',
      code: 'FROM debian:12\nRUN a | b\nSHELL ["/bin/sh", "-c"]\nRUN c | d\nRUN e | f\n',
      errors: [{ line: 2 }, { line: 4 }, { line: 5 }],
      // The SHELL after the first RUN already restores it; the last group ends with the SHELL in force before it.
      output: `FROM debian:12\n${BASH}\nRUN a | b\nSHELL ["/bin/sh", "-c"]\n${BASH}\nRUN c | d\nRUN e | f\n${SH}\n`,
    },
  ],
});

describe('docker/pipefail: fixing every RUN of a stage at once (docker-library/postgres, redis)', () => {
  const linter = new Linter({});
  const file = { path: '/work/Dockerfile', text: twoPipes };
  const only = { kinds: FIX_KINDS, rules: ['docker/pipefail'] };
  const pipefailFindings = (text: string) => linter.lint({ ...file, text }).findings.filter((f) => f.ruleId === 'docker/pipefail');

  it('inserts one SHELL line per stage', () => {
    const fixed = linter.fixAll(file, only).text;
    assert.equal(fixed, twoPipesFixed);
    assert.equal(linter.fixAll({ ...file, text: fixed }, only).text, fixed, 'a second --fix changes nothing');
    const stages = `${twoPipes}FROM debian:12\nRUN a | b\nRUN c | d\n`;
    // Only the final stage restores the shell: a builder's SHELL does not reach the image.
    assert.equal(linter.fixAll({ ...file, text: stages }, only).text, `${builderFixed}FROM debian:12\n${BASH}\nRUN a | b\nRUN c | d\n${SH}\n`);
  });

  it("the later RUN's fix alone fixes that RUN (and the first)", () => {
    const later = pipefailFindings(twoPipes)[1];
    const fix = later.fixes.find((f) => !f.suppression)!;
    assert.equal(fix.title, `Insert ${BASH} before the stage's first RUN that pipes${RESTORED}`);
    const fixed = applyTextEdits(twoPipes, fix.edits);
    assert.equal(fixed, twoPipesFixed);
    assert.deepEqual(pipefailFindings(fixed), []);
  });
});
