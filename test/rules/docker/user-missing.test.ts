import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

// groupadd/useradd (package passwd, Priority: required), not adduser, which debian:trixie-slim no longer ships.
const debianUser = [
  'RUN groupadd --system --gid 10001 appuser \\',
  '    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin appuser',
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
      code: 'FROM node:20 AS build\nUSER node\nRUN npm ci\n\nFROM alpine:3.19\nCOPY --from=build /app /srv/www\n',
      errors: [{ line: 5, message: /FROM alpine:3\.19/ }],
      output:
        'FROM node:20 AS build\nUSER node\nRUN npm ci\n\nFROM alpine:3.19\nCOPY --from=build /app /srv/www\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\n',
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
        'FROM example.com/base:1.0\nRUN apk add --no-cache curl\nUSER root\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\nCMD ["curl"]\n',
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
          'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nUSER root\nRUN groupadd --system --gid 10001 appuser \\\n    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin appuser\nUSER 10001:10001\n',
      },
    },
    {
      name: 'an image built elsewhere: info',
      code: 'FROM registry.example.com/team/base:1.0\nCOPY app /app\nCMD ["/app"]\n',
      errors: [{ line: 1, severity: 'info', message: /root unless the base image sets another/ }],
      output:
        'FROM registry.example.com/team/base:1.0\nCOPY app /app\nUSER root\nRUN groupadd --system --gid 10001 appuser \\\n    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin appuser\nUSER 10001:10001\nCMD ["/app"]\n',
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

// The user the file creates is the one to run as, even without a fixed UID: docker/user-fixed-uid numbers it 10001 in
// the same fix-all pass, so a second user of UID 10001 would break the build ("The GID 10001 is already in use").
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'a user created without a fixed UID: run as it by name',
      code: 'FROM debian:bookworm-slim\nRUN useradd -m -s /bin/bash vscode\nCMD ["bash"]\n',
      errors: [{ line: 1, severity: 'warning' }],
      fixTitles: ['Run as vscode (USER vscode), the user this Dockerfile creates'],
      output: 'FROM debian:bookworm-slim\nRUN useradd -m -s /bin/bash vscode\nUSER vscode\nCMD ["bash"]\n',
    },
    {
      name: 'a user whose UID a later RUN changes: by name, no second user',
      code: 'FROM debian:12\nRUN useradd --uid 1000 app && usermod --uid 2000 app\nCMD ["/app"]\n',
      errors: [{ line: 1 }],
      output: 'FROM debian:12\nRUN useradd --uid 1000 app && usermod --uid 2000 app\nUSER app\nCMD ["/app"]\n',
    },
    {
      name: 'a group the file creates holds GID 10001: appuser takes the next free id',
      code: 'FROM debian:12\nRUN groupadd --gid 10001 data\nCMD ["/app"]\n',
      errors: [{ line: 1 }],
      output:
        'FROM debian:12\nRUN groupadd --gid 10001 data\nRUN groupadd --system --gid 10002 appuser \\\n    && useradd --system --uid 10002 --gid 10002 --no-create-home --shell /usr/sbin/nologin appuser\nUSER 10002:10002\nCMD ["/app"]\n',
    },
  ],
});

describe('docker/user-missing with docker/user-fixed-uid in one fix-all pass', () => {
  it('runs as the user the file creates, which user-fixed-uid numbers, and creates no second user', () => {
    const linter = new Linter({});
    const file = { path: '/work/Dockerfile', text: 'FROM debian:bookworm-slim\nRUN useradd -m -s /bin/bash vscode\nCMD ["bash"]\n' };
    const fixed = linter.fixAll(file, { kinds: ['safe', 'suggestion'] }).text;
    assert.equal(fixed, 'FROM debian:bookworm-slim\nRUN useradd -u 10001 -m -s /bin/bash vscode\nUSER 10001:10001\nCMD ["bash"]\n');
    assert.deepEqual(
      linter.lint({ ...file, text: fixed }).findings.map((f) => f.ruleId),
      [],
    );
  });
});

// Images that start as root and step down in their entrypoint (the official redis, postgres, mysql, mongo images):
// info, and no fix (a USER would make the entrypoint's root-only steps, and gosu itself, fail).
const stepDown = (tool: string) => new RegExp(`starts as root and is expected to step down to another user with ${tool} \\(in its entrypoint`);
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'gosu installed with apt-get (redis)',
      code: [
        'FROM debian:bookworm-slim',
        'RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis',
        'RUN set -eux; apt-get update; apt-get install -y --no-install-recommends gosu; rm -rf /var/lib/apt/lists/*; gosu nobody true',
        'COPY docker-entrypoint.sh /usr/local/bin/',
        'ENTRYPOINT ["docker-entrypoint.sh"]',
        'CMD ["redis-server"]',
        '',
      ].join('\n'),
      errors: [
        {
          line: 1,
          severity: 'info',
          message:
            'The final stage (FROM debian:bookworm-slim) has no USER instruction: the container starts as root and is expected to step down to another user with gosu (in its entrypoint, which is not checked here).',
        },
      ],
      fixTitles: [],
    },
    {
      name: 'the gosu binary downloaded (postgres, mongo)',
      code: 'FROM debian:12\nRUN wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/1.17/gosu-$(dpkg --print-architecture)" \\\n    && chmod +x /usr/local/bin/gosu\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('gosu') }],
      fixTitles: [],
    },
    {
      name: 'su-exec installed with apk',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache su-exec\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('su-exec') }],
      fixTitles: [],
    },
    {
      name: 'gosu copied from its image',
      code: 'FROM ubuntu:24.04\nCOPY --from=tianon/gosu:1.17 /gosu /usr/local/bin/\nENTRYPOINT ["/entrypoint.sh"]\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('gosu') }],
    },
    {
      name: 'setpriv in ENTRYPOINT',
      code: 'FROM debian:12\nENTRYPOINT ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "/app"]\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('setpriv') }],
    },
    {
      name: 'chroot --userspec in a shell-form CMD',
      code: 'FROM debian:12\nCMD exec chroot --userspec=1000:1000 / /app\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('chroot --userspec') }],
    },
    {
      name: 'chroot without --userspec keeps root: a warning',
      code: 'FROM debian:12\nCMD ["chroot", "/srv", "/app"]\n',
      errors: [{ line: 1, severity: 'warning', message: /so the container runs as root/ }],
      output: `FROM debian:12\n${debianUser}\nCMD ["chroot", "/srv", "/app"]\n`,
    },
  ],
});

// The lines go where the parser will read them as instructions of the final stage, or nowhere.
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'an unterminated RUN heredoc takes the rest of the file: no fix',
      code: 'FROM debian:bookworm-slim\nRUN <<EOF\ncurl -fsSL https://example.com/x.tgz -o /tmp/x.tgz\n',
      errors: [{ line: 1 }],
      fixTitles: [],
    },
    {
      name: 'an unterminated COPY heredoc, without a final line break: no fix',
      code: 'FROM debian:bookworm-slim\nCOPY <<EOF /etc/app.conf\nkey=value',
      errors: [{ line: 1 }],
      fixTitles: [],
    },
    {
      name: 'a line continuation at the end of the file: no fix',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update \\\n',
      errors: [{ line: 1 }],
      fixTitles: [],
    },
    {
      name: 'a terminated heredoc at the end of the file: after it',
      code: 'FROM debian:bookworm-slim\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF',
      errors: [{ line: 1 }],
      output: `FROM debian:bookworm-slim\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n${debianUser}\n`,
    },
    {
      name: 'the --target stage without CMD: after its last instruction, not at the end of the file',
      code: 'FROM debian:12 AS runtime\nCOPY app /app\n\nFROM debian:12 AS debug\nUSER 1000\n',
      settings: { dockerTarget: 'runtime' },
      errors: [{ line: 1 }],
      output: `FROM debian:12 AS runtime\nCOPY app /app\n${debianUser}\n\nFROM debian:12 AS debug\nUSER 1000\n`,
    },
  ],
});

// The account tools the base lacks are not used: Debian trixie dropped adduser from its slim images, Red Hat's
// ubi-minimal and ubi-micro have no shadow-utils (a bare numeric USER works without an account, as on distroless).
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'debian:trixie-slim has no adduser: groupadd/useradd',
      code: 'FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD ["curl", "--version"]\n',
      errors: [{ line: 1, severity: 'warning' }],
      output: `FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n${debianUser}\nCMD ["curl", "--version"]\n`,
    },
    {
      name: 'ubi-minimal has no useradd: a bare numeric USER',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y java-21-openjdk-headless && microdnf clean all\nCMD ["java", "-version"]\n',
      errors: [{ line: 1, severity: 'warning' }],
      fixTitles: ['Run as USER 10001:10001'],
      output:
        'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y java-21-openjdk-headless && microdnf clean all\nUSER 10001:10001\nCMD ["java", "-version"]\n',
    },
    {
      name: 'ubi-micro has no package manager at all: a bare numeric USER',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-micro:9.5\nCOPY app /app\nCMD ["/app"]\n',
      errors: [{ line: 1 }],
      output: 'FROM registry.access.redhat.com/ubi9/ubi-micro:9.5\nCOPY app /app\nUSER 10001:10001\nCMD ["/app"]\n',
    },
    {
      name: 'ubi-minimal that installs shadow-utils: useradd',
      code: 'FROM registry.access.redhat.com/ubi9-minimal:9.5\nRUN microdnf install -y shadow-utils && microdnf clean all\nCMD ["/app"]\n',
      errors: [{ line: 1 }],
      output:
        'FROM registry.access.redhat.com/ubi9-minimal:9.5\nRUN microdnf install -y shadow-utils && microdnf clean all\nRUN groupadd --system --gid 10001 appuser \\\n    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin appuser\nUSER 10001:10001\nCMD ["/app"]\n',
    },
  ],
});

// .NET chiseled and distroless images end with `USER $APP_UID` (app, 1654): not root, nothing to add (and no shell to
// run addgroup in).
ruleTester('docker/user-missing', {
  valid: [
    { name: '.NET aspnet noble-chiseled', code: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\nCOPY app/ .\nENTRYPOINT ["./app"]\n' },
    {
      name: '.NET runtime-deps chiseled-extra',
      code: 'FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled-extra\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    },
    {
      name: '.NET runtime-deps azurelinux distroless',
      code: 'FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0-distroless\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    },
  ],
  invalid: [],
});

// Official images whose docker-entrypoint.sh starts as root, chowns its data and re-executes itself with gosu/su-exec
// (postgres, rabbitmq…): info without a fix, unless the file replaces that entrypoint.
const entrypointDropsRoot = (name: string) =>
  new RegExp(`the container starts as root and the ${name} image's entrypoint drops root \\(gosu, su-exec or setpriv\\) before it starts the server\\.$`);
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'postgres',
      code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
      errors: [{ line: 1, severity: 'info', message: entrypointDropsRoot('postgres') }],
      fixTitles: [],
    },
    {
      name: 'rabbitmq management tag',
      code: 'FROM rabbitmq:4.1-management\nCOPY definitions.json /etc/rabbitmq/\n',
      errors: [{ line: 1, severity: 'info', message: entrypointDropsRoot('rabbitmq') }],
      fixTitles: [],
    },
    {
      name: 'docker.io/library/redis, the same entrypoint named again',
      code: 'FROM docker.io/library/redis:7-alpine\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["redis-server", "/etc/redis.conf"]\n',
      errors: [{ line: 1, severity: 'info', message: entrypointDropsRoot('redis') }],
      fixTitles: [],
    },
    {
      name: 'an ENTRYPOINT of its own replaces the one that steps down: a warning',
      code: 'FROM postgres:16\nCOPY start.sh /\nENTRYPOINT ["/start.sh"]\n',
      errors: [{ line: 1, severity: 'warning', message: /so the container runs as root/ }],
      output: `FROM postgres:16\nCOPY start.sh /\n${debianUser}\nENTRYPOINT ["/start.sh"]\n`,
    },
    {
      name: 'nginx keeps its master process as root: a warning',
      code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n',
      errors: [{ line: 1, severity: 'warning' }],
    },
  ],
});

// The user the base image ships to run as, by UID (which keeps its supplementary groups), rather than a new appuser.
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: "php's www-data (33 on Debian; the fpm variant, not apache, whose parent process needs root)",
      code: 'FROM php:8.3-fpm\nCOPY . /var/www/html\n',
      errors: [{ line: 1 }],
      suggestion: { title: 'Run as www-data (USER 33), the user the image ships', output: 'FROM php:8.3-fpm\nCOPY . /var/www/html\nUSER 33\n' },
    },
    {
      name: "php's www-data (82 on Alpine)",
      code: 'FROM php:8.3-fpm-alpine\nCOPY . /var/www/html\n',
      errors: [{ line: 1 }],
      output: 'FROM php:8.3-fpm-alpine\nCOPY . /var/www/html\nUSER 82\n',
    },
    {
      name: '.NET 8+ app (1654)',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY app /app\nENTRYPOINT ["dotnet", "/app/app.dll"]\n',
      errors: [{ line: 1 }],
      suggestion: {
        title: 'Run as app (USER 1654), the user the image ships',
        output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY app /app\nUSER 1654\nENTRYPOINT ["dotnet", "/app/app.dll"]\n',
      },
    },
    {
      name: '.NET 6 has no app user: appuser',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:6.0\nCOPY app /app\n',
      errors: [{ line: 1 }],
      output: `FROM mcr.microsoft.com/dotnet/aspnet:6.0\nCOPY app /app\n${debianUser}\n`,
    },
  ],
});

// A base image whose user is unknown here may run as a non-root user of its own: a RUN that creates an account
// would then fail ("Permission denied"), so it runs as root, and USER ends on the new user.
ruleTester('docker/user-missing', {
  valid: [
    {
      name: 'the Jupyter docker-stacks images end with USER ${NB_UID} (jovyan)',
      code: [
        'ARG BASE_IMAGE=quay.io/jupyter/scipy-notebook:2026-07-28',
        'FROM $BASE_IMAGE',
        'COPY --chown=${NB_UID}:${NB_GID} requirements.txt /tmp/',
        'RUN pip install --no-cache-dir --requirement /tmp/requirements.txt && \\',
        '    fix-permissions "${CONDA_DIR}" && \\',
        '    fix-permissions "/home/${NB_USER}"',
        '',
      ].join('\n'),
    },
    { name: 'jupyter/base-notebook on Docker Hub', code: 'FROM jupyter/base-notebook:python-3.11\nCOPY notebooks/ /home/jovyan/work/\n' },
  ],
  invalid: [
    {
      name: "the file uses the base image's user variable in --chown: info, run as it, no second account",
      code: 'FROM registry.example.com/lab/notebook:1.0\nCOPY --chown=${NB_UID}:${NB_GID} requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\n',
      errors: [
        {
          line: 1,
          severity: 'info',
          message:
            "The final stage (FROM registry.example.com/lab/notebook:1.0) has no USER instruction: the container runs as its base image's user, which this file refers to as ${NB_UID} (COPY --chown) without defining it, so the base image likely creates that user and runs as it.",
        },
      ],
      fixTitles: ["Run as USER ${NB_UID}, the base image's user this file refers to"],
      output:
        'FROM registry.example.com/lab/notebook:1.0\nCOPY --chown=${NB_UID}:${NB_GID} requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\nUSER ${NB_UID}\n',
    },
    {
      name: "the file names the base image's user in a RUN only: info, no fix",
      code: 'FROM registry.example.com/lab/notebook:1.0\nRUN fix-permissions "/home/${NB_USER}"\n',
      errors: [{ line: 1, severity: 'info', message: /which this file refers to as \$\{NB_USER\} \(RUN\) without defining it/ }],
      fixTitles: [],
    },
    {
      name: 'a user variable the file defines itself is no sign of the base image: appuser, created as root',
      code: 'FROM registry.example.com/team/base:1.0\nARG APP_UID=1000\nCOPY --chown=${APP_UID} app /app\nCMD ["/app"]\n',
      errors: [{ line: 1, severity: 'info', message: /root unless the base image sets another\.$/ }],
      output:
        'FROM registry.example.com/team/base:1.0\nARG APP_UID=1000\nCOPY --chown=${APP_UID} app /app\nUSER root\nRUN groupadd --system --gid 10001 appuser \\\n    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin appuser\nUSER 10001:10001\nCMD ["/app"]\n',
    },
    {
      name: 'an unknown Alpine-like base: the BusyBox lines run as root too',
      code: 'FROM example.com/base:1.0\nRUN apk add --no-cache curl\nCMD ["curl"]\n',
      errors: [{ line: 1, severity: 'info' }],
      output:
        'FROM example.com/base:1.0\nRUN apk add --no-cache curl\nUSER root\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\nCMD ["curl"]\n',
    },
    {
      name: 'a base known to run as root needs no USER root',
      code: 'FROM debian:12\nCOPY app /app\nCMD ["/app"]\n',
      errors: [{ line: 1, severity: 'warning' }],
      output: `FROM debian:12\nCOPY app /app\n${debianUser}\nCMD ["/app"]\n`,
    },
  ],
});

// Servers whose master process starts as root to bind port 80 and runs its workers as another user (nginx, Apache
// httpd): a USER, even the image's own worker user, stops them from starting. No fix; nginx has an unprivileged image.
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'official nginx: no fix, points to nginx-unprivileged',
      code: 'FROM nginx:1.27\nCOPY default.conf /etc/nginx/conf.d/default.conf\nCOPY site/ /usr/share/nginx/html/\n',
      errors: [
        {
          line: 1,
          severity: 'warning',
          message:
            "The final stage (FROM nginx:1.27) has no USER instruction, so the container runs as root: nginx's master process starts as root to bind port 80 and write /var/cache/nginx and /var/run/nginx.pid, then runs its workers as nginx; under a USER it fails to start. To run it as non-root, build FROM nginxinc/nginx-unprivileged:1.27 (port 8080, UID 101).",
        },
      ],
      fixTitles: [],
    },
    {
      name: 'nginx alpine with a user the file creates: still no fix',
      code: 'FROM docker.io/library/nginx:1.27-alpine\nRUN adduser -D -u 1000 web\nCOPY site/ /usr/share/nginx/html/\n',
      errors: [{ line: 1, severity: 'warning', message: /build FROM nginxinc\/nginx-unprivileged:1\.27-alpine/ }],
      fixTitles: [],
    },
    {
      name: 'httpd',
      code: 'FROM httpd:2.4\nCOPY public-html/ /usr/local/apache2/htdocs/\n',
      errors: [{ line: 1, severity: 'warning', message: /Apache httpd's parent process starts as root to bind port 80 .* then runs its workers as daemon/ }],
      fixTitles: [],
    },
    {
      name: "php's apache variant: not www-data",
      code: 'FROM php:8.3-apache\nCOPY . /var/www/html\n',
      errors: [{ line: 1, severity: 'warning', message: /Apache's parent process starts as root/ }],
      fixTitles: [],
    },
    {
      name: 'wordpress (apache)',
      code: 'FROM wordpress:6.6\nCOPY themes/ /var/www/html/wp-content/themes/\n',
      errors: [{ line: 1, message: /Apache's parent process/ }],
      fixTitles: [],
    },
  ],
});

// Images that start as root by design and step down themselves, like gosu: init as PID 1, an ENTRYPOINT that runs
// the program through sudo -u, su <user>, runuser. Info, no fix.
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'systemd as PID 1',
      code: [
        '# A debian image with systemd enabled.',
        'FROM debian:13',
        'RUN apt-get update ; \\',
        '    apt-get install -y --no-install-recommends systemd systemd-sysv procps; \\',
        '    rm -rf /var/lib/apt/lists/*',
        'CMD ["/lib/systemd/systemd"]',
        '',
      ].join('\n'),
      errors: [
        {
          line: 2,
          severity: 'info',
          message:
            'The final stage (FROM debian:13) has no USER instruction: the container starts /lib/systemd/systemd as PID 1, an init system that must run as root (it starts each service as the user its configuration names).',
        },
      ],
      fixTitles: [],
    },
    {
      name: '/sbin/init as ENTRYPOINT',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-init:9.5\nENTRYPOINT ["/sbin/init"]\n',
      errors: [{ line: 1, severity: 'info', message: /starts \/sbin\/init as PID 1/ }],
      fixTitles: [],
    },
    {
      name: 'sudo -u in the ENTRYPOINT',
      code: [
        'FROM ruby:3.4-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/* \\',
        '    && useradd --uid 1000 -m discourse',
        'WORKDIR /var/www/discourse',
        'ENTRYPOINT ["sudo", "-E", "-u", "discourse", "-H", "ruby", "script/docker_test.rb"]',
        '',
      ].join('\n'),
      errors: [{ line: 1, severity: 'info', message: stepDown('sudo -u') }],
      fixTitles: [],
    },
    {
      name: 'su <user> -c in a shell-form CMD',
      code: 'FROM debian:12\nRUN useradd -u 1000 app\nCMD su app -c "/app/server --port 8080"\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('su') }],
      fixTitles: [],
    },
    {
      name: 'su -c <command> <user>, with the login dash',
      code: 'FROM debian:12\nENTRYPOINT ["su", "-", "-c", "/app/server", "app"]\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('su') }],
      fixTitles: [],
    },
    {
      name: 'gosu inside the sh -c script of an exec-form ENTRYPOINT (its blanks kept)',
      code: 'FROM debian:12\nENTRYPOINT ["/bin/sh", "-c", "chown -R app /data && exec gosu app /app/server"]\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('gosu') }],
      fixTitles: [],
    },
    {
      name: 'runuser -u inside sh -c',
      code: 'FROM debian:12\nENTRYPOINT ["/bin/sh", "-c", "chown -R app /data && exec runuser -u app -- /app/server"]\n',
      errors: [{ line: 1, severity: 'info', message: stepDown('runuser') }],
      fixTitles: [],
    },
    {
      name: 'sudo without -u runs the program as root: a warning',
      code: 'FROM debian:12\nENTRYPOINT ["sudo", "-E", "/app/server"]\n',
      errors: [{ line: 1, severity: 'warning', message: /so the container runs as root\.$/ }],
      output: `FROM debian:12\n${debianUser}\nENTRYPOINT ["sudo", "-E", "/app/server"]\n`,
    },
    {
      name: 'su -c without a user runs as root: a warning',
      code: 'FROM debian:12\nCMD ["su", "-c", "/app/server"]\n',
      errors: [{ line: 1, severity: 'warning' }],
      output: `FROM debian:12\n${debianUser}\nCMD ["su", "-c", "/app/server"]\n`,
    },
    {
      name: 'sudo -u at build time does not step down at run time: a warning',
      code: 'FROM debian:12\nRUN useradd -u 1000 app && sudo -u app make\nCMD ["/app/server"]\n',
      errors: [{ line: 1, severity: 'warning' }],
      output: 'FROM debian:12\nRUN useradd -u 1000 app && sudo -u app make\nUSER 1000\nCMD ["/app/server"]\n',
    },
  ],
});

// A named final stage is named in the message, not only the stage it is built on.
ruleTester('docker/user-missing', {
  valid: [],
  invalid: [
    {
      name: 'FROM builder AS dev-envs',
      code: 'FROM python:3.10-alpine AS builder\nWORKDIR /app\nCMD ["app.py"]\n\nFROM builder as dev-envs\nRUN apk add git\n',
      errors: [{ line: 5, message: 'The final stage (stage dev-envs, built FROM builder) has no USER instruction, so the container runs as root.' }],
      output:
        'FROM python:3.10-alpine AS builder\nWORKDIR /app\nCMD ["app.py"]\n\nFROM builder as dev-envs\nRUN apk add git\nRUN addgroup -S -g 10001 appuser \\\n    && adduser -S -D -H -u 10001 -G appuser appuser\nUSER 10001:10001\n',
    },
    {
      name: 'a named stage on an image',
      code: 'FROM debian:12 AS runtime\nCMD ["/app"]\n',
      errors: [{ line: 1, message: 'The final stage (stage runtime, built FROM debian:12) has no USER instruction, so the container runs as root.' }],
      output: `FROM debian:12 AS runtime\n${debianUser}\nCMD ["/app"]\n`,
    },
  ],
});
