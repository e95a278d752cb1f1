import { ruleTester } from '../../harness/ruleTester';

const debianUser = [
  'RUN addgroup --system --gid 10001 appuser \\',
  '    && adduser --system --uid 10001 --gid 10001 --no-create-home --disabled-password appuser',
  'USER 10001:10001',
].join('\n');

ruleTester('docker/user-missing', {
  valid: [
    { name: 'final USER', code: 'FROM node:20\nRUN npm ci\nUSER 10001:10001\nCMD ["node", "server.js"]\n' },
    {
      name: 'root builder stage, non-root final stage',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.19\nCOPY --from=build /app /app\nUSER 10001:10001\nENTRYPOINT ["/app"]\n',
    },
    { name: 'USER inherited from the parent stage', code: 'FROM node:20 AS base\nUSER node\n\nFROM base\nCMD ["node", "server.js"]\n' },
    { name: 'distroless nonroot runs as 65532 already', code: 'FROM gcr.io/distroless/static:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'nginx-unprivileged runs as 101 already', code: 'FROM nginxinc/nginx-unprivileged:1.25-alpine\nCOPY dist /usr/share/nginx/html\n' },
    {
      name: 'Windows images have no runAsNonRoot UID',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\n',
    },
    {
      name: 'the --target stage sets USER',
      code: 'FROM node:20 AS runtime\nUSER 10001:10001\nCMD ["node"]\n\nFROM node:20 AS debug\nCMD ["node", "--inspect"]\n',
      settings: { dockerTarget: 'runtime' },
    },
    { name: 'empty file', code: '' },
  ],
  invalid: [
    {
      name: 'Debian-based image: adduser with fixed UID before CMD',
      code: 'FROM debian:12-slim\nCOPY . .\nCMD ["/app/server"]\n',
      errors: [
        { line: 1, column: 1, message: 'The final stage (FROM debian:12-slim) has no USER instruction, so the container runs as root.', severity: 'warning' },
      ],
      output: `FROM debian:12-slim\nCOPY . .\n${debianUser}\nCMD ["/app/server"]\n`,
    },
    {
      name: 'inserted above the comment that describes CMD',
      code: 'FROM debian:12-slim\nRUN make\n\n# Start the server\nCMD ["/app/server"]\n',
      errors: [{ line: 1 }],
      output: `FROM debian:12-slim\nRUN make\n\n${debianUser}\n# Start the server\nCMD ["/app/server"]\n`,
    },
    {
      name: 'the node image ships user node (UID 1000): run as it, no second user',
      code: 'FROM node:20\nCOPY . .\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, message: 'The final stage (FROM node:20) has no USER instruction, so the container runs as root.' }],
      suggestion: { title: 'Run as node (USER 1000), the user the image ships', output: 'FROM node:20\nCOPY . .\nUSER 1000\nCMD ["node", "server.js"]\n' },
    },
    {
      name: "a user the Dockerfile creates (docker-node's useradd --uid 1000 node): run as it",
      code: 'FROM debian:12-slim\nRUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node\nCMD ["node"]\n',
      errors: [{ line: 1 }],
      suggestion: {
        title: 'Run as node (USER 1000), the user this Dockerfile creates',
        output:
          'FROM debian:12-slim\nRUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node\nUSER 1000\nCMD ["node"]\n',
      },
    },
    {
      name: 'Alpine: BusyBox addgroup/adduser',
      code: 'FROM python:3.12-alpine\nCOPY app.py /app/\nENTRYPOINT ["python", "/app/app.py"]\n',
      errors: [{ line: 1 }],
      output:
        'FROM python:3.12-alpine\nCOPY app.py /app/\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\nENTRYPOINT ["python", "/app/app.py"]\n',
    },
    {
      name: 'RHEL/UBI: groupadd/useradd',
      code: 'FROM registry.access.redhat.com/ubi9/ubi:9.4\nCOPY app /app\nCMD ["/app"]\n',
      errors: [{ line: 1 }],
      output:
        'FROM registry.access.redhat.com/ubi9/ubi:9.4\nCOPY app /app\nRUN groupadd --system --gid 10001 appuser \\\n    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin appuser\nUSER 10001:10001\nCMD ["/app"]\n',
    },
    {
      name: 'distroless: only USER 65532:65532',
      code: 'FROM gcr.io/distroless/static:1.0\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 1 }],
      output: 'FROM gcr.io/distroless/static:1.0\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'scratch without CMD: USER appended at the end',
      code: 'FROM scratch\nCOPY app /app',
      errors: [{ line: 1 }],
      output: 'FROM scratch\nCOPY app /app\nUSER 10001:10001\n',
    },
    {
      name: 'non-root builder, root final stage (the reverse) is reported',
      code: 'FROM node:20 AS build\nUSER node\nRUN npm ci\n\nFROM nginx:1.25-alpine\nCOPY --from=build /app /usr/share/nginx/html\n',
      errors: [{ line: 5, message: /FROM nginx:1\.25-alpine/ }],
      output:
        'FROM node:20 AS build\nUSER node\nRUN npm ci\n\nFROM nginx:1.25-alpine\nCOPY --from=build /app /usr/share/nginx/html\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\n',
    },
    {
      name: 'ARG default resolved in FROM picks the dialect',
      code: 'ARG BASE=alpine:3.19\nFROM ${BASE}\nCMD ["sh"]\n',
      errors: [{ line: 2, message: /FROM alpine:3\.19/ }],
      output:
        'ARG BASE=alpine:3.19\nFROM ${BASE}\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\nCMD ["sh"]\n',
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM python:3.12\r\nCOPY app.py .\r\nCMD ["python", "app.py"]\r\n',
      errors: [{ line: 1 }],
      output: `FROM python:3.12\r\nCOPY app.py .\r\n${debianUser.replace(/\n/g, '\r\n')}\r\nCMD ["python", "app.py"]\r\n`,
    },
    {
      name: 'escape directive: the continuation uses a backtick',
      code: '# escape=`\nFROM debian:bookworm-slim\nCMD ["bash"]\n',
      errors: [{ line: 2 }],
      output: `# escape=\`\nFROM debian:bookworm-slim\n${debianUser.replace(' \\', ' `')}\nCMD ["bash"]\n`,
    },
    {
      name: 'unknown base image: shadow-utils (or the dialect of the package manager the file calls)',
      code: 'FROM example.com/base:1.0\nRUN apk add --no-cache curl\nCMD ["curl"]\n',
      errors: [{ line: 1 }],
      output:
        'FROM example.com/base:1.0\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\nCMD ["curl"]\n',
    },
    {
      name: 'the --target stage is checked, not the last one',
      code: 'FROM debian:12 AS runtime\nCMD ["/app"]\n\nFROM debian:12 AS debug\nUSER 1000\n',
      settings: { dockerTarget: 'runtime' },
      errors: [{ line: 1 }],
      output: `FROM debian:12 AS runtime\n${debianUser}\nCMD ["/app"]\n\nFROM debian:12 AS debug\nUSER 1000\n`,
    },
  ],
});

// Only bases known to run as root are said to run as root; images that set their own user are not reported, and a
// base the file cannot know (built elsewhere, passed in as a build argument) gets the hedged message at info.
ruleTester('docker/user-missing', {
  valid: [
    { name: 'grafana/grafana runs as 472', code: 'FROM grafana/grafana:11.1.0\nCOPY dash /etc/grafana/provisioning\n' },
    { name: 'grafana/k6 runs as k6', code: 'FROM grafana/k6:0.52.0\nCOPY script.js /scripts/\n' },
    {
      name: 'a scratch stage that only collects files for docker build --output',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM scratch AS export\nCOPY --from=build /out/app /\n',
    },
  ],
  invalid: [
    {
      name: 'a base passed in as a build argument',
      code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n',
      errors: [
        {
          line: 2,
          severity: 'info',
          message:
            "The final stage (FROM ${BASE_IMAGE}) has no USER instruction: the container runs as its base image's user, which is root unless the base image sets another.",
        },
      ],
      suggestion: {
        title: 'Create user appuser (UID 10001) and run as USER 10001:10001',
        output:
          'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN groupadd --system --gid 10001 appuser \\\n    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin appuser\nUSER 10001:10001\n',
      },
    },
    {
      name: 'an image built elsewhere: info',
      code: 'FROM registry.example.com/team/base:1.0\nCOPY app /app\nCMD ["/app"]\n',
      errors: [{ line: 1, severity: 'info', message: /root unless the base image sets another/ }],
      output:
        'FROM registry.example.com/team/base:1.0\nCOPY app /app\nRUN groupadd --system --gid 10001 appuser \\\n    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin appuser\nUSER 10001:10001\nCMD ["/app"]\n',
    },
    {
      name: 'language and OS images run as root: a warning',
      code: 'FROM python:3.12\nCOPY app.py .\n',
      errors: [{ line: 1, severity: 'warning', message: 'The final stage (FROM python:3.12) has no USER instruction, so the container runs as root.' }],
      output: `FROM python:3.12\nCOPY app.py .\n${debianUser}\n`,
    },
    {
      name: 'a scratch stage that runs something is not an export',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 4, severity: 'warning' }],
      output: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\nUSER 10001:10001\nENTRYPOINT ["/app"]\n',
    },
  ],
});
