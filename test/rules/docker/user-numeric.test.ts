import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/user-numeric', {
  valid: [
    { code: 'FROM alpine:3.19\nUSER 10001:10001\n' },
    { name: 'numeric UID with a group name', code: 'FROM alpine:3.19\nUSER 10001:app\n' },
    { name: 'named user only in a builder stage', code: 'FROM node:20 AS build\nUSER node\n\nFROM alpine:3.19\nUSER 1000\n' },
    { name: 'set from a build argument', code: 'FROM alpine:3.19\nARG UID=1000\nUSER ${UID}\n' },
    { name: 'root is docker/user-root', code: 'FROM alpine:3.19\nUSER root\n' },
  ],
  invalid: [
    {
      name: 'seed 000: adduser --uid 1995 across `\\` continuations',
      code: String.raw`FROM python:3.11-slim-buster
RUN adduser \
    --disabled-password \
    --gecos "" \
    --uid 1995 \
    appuser
USER appuser
`,
      errors: [{ line: 7, column: 6, message: 'USER appuser is a name; Kubernetes runAsNonRoot cannot verify it. Use USER 1995:1995.' }],
      output: String.raw`FROM python:3.11-slim-buster
RUN adduser \
    --disabled-password \
    --gecos "" \
    --uid 1995 \
    appuser
USER 1995:1995
`,
    },
    {
      name: 'useradd -u with an explicit group id',
      code: 'FROM fedora:40\nRUN groupadd -g 3000 web && useradd -u 2000 -g web web\nUSER web\n',
      errors: [{ line: 3 }],
      output: 'FROM fedora:40\nRUN groupadd -g 3000 web && useradd -u 2000 -g web web\nUSER 2000:3000\n',
    },
    {
      name: 'BusyBox adduser in a heredoc with set -eux',
      code: 'FROM alpine:3.19\nRUN <<EOF\nset -eux\naddgroup -g 700 grp\nadduser -D -u 701 -G grp svc\nEOF\nUSER svc\n',
      errors: [{ line: 7 }],
      output: 'FROM alpine:3.19\nRUN <<EOF\nset -eux\naddgroup -g 700 grp\nadduser -D -u 701 -G grp svc\nEOF\nUSER 701:700\n',
    },
    {
      name: 'system user without a group option: only the UID is known',
      code: 'FROM debian:12\nRUN adduser --system --uid 900 daemonuser\nUSER daemonuser\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN adduser --system --uid 900 daemonuser\nUSER 900\n',
    },
    {
      name: 'well-known image users: nonroot on distroless',
      code: 'FROM gcr.io/distroless/base:debug\nUSER nonroot:nonroot\n',
      errors: [{ line: 2 }],
      output: 'FROM gcr.io/distroless/base:debug\nUSER 65532:65532\n',
    },
    {
      name: 'escape directive with a backtick continuation',
      code: '# escape=`\nFROM debian:12\nRUN useradd `\n    --uid 1500 app\nUSER app\n',
      errors: [{ line: 5 }],
      output: '# escape=`\nFROM debian:12\nRUN useradd `\n    --uid 1500 app\nUSER 1500:1500\n',
    },
    {
      name: 'UID unknown: reported without a fix',
      code: 'FROM alpine:3.19\nRUN adduser -D app\nUSER app\n',
      errors: [{ line: 3, message: /Create the user with a fixed UID/ }],
    },
  ],
});
