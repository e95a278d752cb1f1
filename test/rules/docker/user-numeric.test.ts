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
      name: "the node image's user, across stages (FROM base)",
      code: 'FROM node:20 AS base\nUSER node\nFROM base\nCMD ["node", "/app"]\n',
      errors: [{ line: 2, message: 'USER node is a name; Kubernetes runAsNonRoot cannot verify it. Use USER 1000:1000.' }],
      output: 'FROM node:20 AS base\nUSER 1000:1000\nFROM base\nCMD ["node", "/app"]\n',
    },
    {
      name: 'UID set from a variable (--uid=$APP_UID): no fix, no advice to fix the UID',
      code: 'FROM ubuntu:24.04\nENV APP_UID=1654\nRUN useradd --uid=$APP_UID app\nUSER app\n',
      errors: [
        {
          line: 4,
          message:
            'USER app is a name; Kubernetes runAsNonRoot cannot verify it. Use USER <uid>:<gid> with the UID it is created with (set from a variable, unknown here).',
        },
      ],
      fixTitles: [],
    },
    {
      name: 'UID unknown: reported without a fix',
      code: 'FROM alpine:3.19\nRUN adduser -D app\nUSER app\n',
      errors: [{ line: 3, message: /Create the user with a fixed UID/ }],
    },
  ],
});

// The fix writes the ids the user has in the image, with every group it is in: USER uid:gid keeps only the primary
// group (runc loads supplementary groups only for a USER without a group), USER uid keeps them all.
ruleTester('docker/user-numeric', {
  valid: [],
  invalid: [
    {
      name: 'usermod/groupmod change the ids after useradd: no fix',
      code: 'FROM debian:bookworm-slim\nRUN useradd -u 1001 app \\\n && usermod -u 2002 app && groupmod -g 2002 app\nUSER app\n',
      errors: [
        {
          line: 4,
          message:
            'USER app is a name; Kubernetes runAsNonRoot cannot verify it. Use USER <uid>:<gid> with the ids it ends up with (usermod changes them after the user is created).',
        },
      ],
    },
    {
      name: "usermod of an image's own user: no fix",
      code: 'FROM node:20\nRUN groupmod -g 1001 node && usermod -u 1001 -g 1001 node\nUSER node\n',
      errors: [{ line: 3, message: /groupmod changes them/ }],
    },
    {
      name: 'groupmod -g of its group in a later RUN: no fix',
      code: 'FROM debian:12\nRUN useradd -u 1001 app\nRUN groupmod -g 3000 app\nUSER app\n',
      errors: [{ line: 4, message: /groupmod/ }],
    },
    {
      name: 'useradd -G: the UID alone keeps the supplementary groups',
      code: 'FROM debian:bookworm-slim\nRUN useradd -u 1001 -G audio,video app\nUSER app\n',
      errors: [{ line: 3, message: 'USER app is a name; Kubernetes runAsNonRoot cannot verify it. Use USER 1001.' }],
      output: 'FROM debian:bookworm-slim\nRUN useradd -u 1001 -G audio,video app\nUSER 1001\n',
    },
    {
      name: 'usermod -aG docker',
      code: 'FROM debian:12\nRUN useradd -u 1001 app && usermod -aG docker app\nUSER app\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN useradd -u 1001 app && usermod -aG docker app\nUSER 1001\n',
    },
    {
      name: 'BusyBox addgroup USER GROUP',
      code: 'FROM alpine:3.20\nRUN addgroup -g 700 app && adduser -D -u 700 -G app app && addgroup app wheel\nUSER app\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.20\nRUN addgroup -g 700 app && adduser -D -u 700 -G app app && addgroup app wheel\nUSER 700\n',
    },
    {
      name: 'Debian adduser USER GROUP',
      code: 'FROM debian:12\nRUN adduser --uid 1200 --disabled-password --gecos "" app && adduser app sudo\nUSER app\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN adduser --uid 1200 --disabled-password --gecos "" app && adduser app sudo\nUSER 1200\n',
    },
    {
      name: 'an explicit group in USER already drops the supplementary groups: uid:gid',
      code: 'FROM debian:12\nRUN useradd -u 1001 -G audio app\nUSER app:app\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN useradd -u 1001 -G audio app\nUSER 1001:1001\n',
    },
  ],
});
