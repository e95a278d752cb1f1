import { ruleTester } from '../../harness/ruleTester';

const nonRootDockerfile = 'FROM node:22-slim\nUSER node\nCMD ["node", "server.js"]\n';
const rootDockerfile = 'FROM node:22-slim\nCMD ["node", "server.js"]\n';

ruleTester('compose/user', {
  valid: [
    { name: 'a non-root user', code: 'services:\n  web:\n    image: nginx:1.27\n    user: "101:101"\n' },
    { name: 'an interpolated user', code: 'services:\n  web:\n    image: web:1\n    user: "${UID}:${GID}"\n' },
    {
      name: 'build: its Dockerfile runs as a non-root user',
      files: { '/work/web/Dockerfile': nonRootDockerfile },
      code: 'services:\n  web:\n    build: ./web\n',
    },
    {
      name: 'build with context, dockerfile and target',
      files: {
        '/work/app/docker/prod.Dockerfile': 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim AS prod\nUSER 10001\nFROM prod AS debug\nUSER root\n',
      },
      code: 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: docker/prod.Dockerfile\n      target: prod\n',
    },
    { name: 'a remote build context cannot be read: nothing said', code: 'services:\n  web:\n    build: https://github.com/example/web.git#main\n' },
    {
      name: "the project's .env fills ${VAR} in build paths (opentelemetry-demo's dockerfile: ${AD_DOCKERFILE})",
      files: { '/work/.env': '# images\nAD_DOCKERFILE=./src/ad/Dockerfile\nexport CTX="."\n', '/work/src/ad/Dockerfile': nonRootDockerfile },
      code: 'services:\n  ad:\n    build:\n      context: ${CTX}\n      dockerfile: ${AD_DOCKERFILE}\n',
    },
    {
      name: 'a variable neither .env nor a default sets: left to the shell, nothing said',
      files: { '/work/web/Dockerfile': rootDockerfile },
      code: 'services:\n  web:\n    build: ${WEB_DIR}\n',
    },
  ],
  invalid: [
    {
      name: 'user: root is reported on the value',
      code: 'services:\n  web:\n    image: nginx:1.27\n    user: root\n',
      errors: [{ line: 4, column: 11, message: 'Service web runs as root (user: root).' }],
      fixTitles: [],
    },
    {
      name: 'user: "0:0" overriding a non-root Dockerfile: removing it is suggested',
      files: { '/work/web/Dockerfile': nonRootDockerfile },
      code: 'services:\n  web:\n    build: web\n    user: "0:0"\n',
      errors: [{ line: 4 }],
      suggestion: { title: 'Remove user: 0:0 (the Dockerfile runs as node)', output: 'services:\n  web:\n    build: web\n' },
    },
    {
      name: "no user and the service's Dockerfile sets none: reported on the service",
      files: { '/work/web/Dockerfile': rootDockerfile },
      code: 'services:\n  web:\n    build:\n      context: web\n',
      errors: [{ line: 2, severity: 'warning', message: /its Dockerfile \(web\/Dockerfile\) ends without USER/ }],
    },
    {
      name: '${VAR:-default} and the .env: the Dockerfile they name is read',
      files: { '/work/.env': 'WEB_DIR=\n', '/work/web/Dockerfile': rootDockerfile },
      code: 'services:\n  web:\n    build:\n      context: ${WEB_DIR:-web}\n',
      errors: [{ line: 2, severity: 'warning', message: /its Dockerfile \(web\/Dockerfile\) ends without USER/ }],
    },
    {
      name: 'dockerfile_inline is read too',
      code: 'services:\n  web:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER root\n',
      errors: [{ line: 2, message: /ends with USER root/ }],
    },
    {
      name: 'build.target: the target stage is named, not the end of the file (which sets USER 10001)',
      files: { '/work/app/Dockerfile': 'FROM python:3.12-slim AS dev\nCMD ["python3"]\n\nFROM dev AS prod\nRUN useradd -u 10001 app\nUSER 10001\n' },
      code: 'services:\n  web:\n    build:\n      context: app\n      target: dev\n',
      errors: [
        {
          line: 2,
          severity: 'warning',
          message:
            'Service web runs as root: it sets no user and its target stage dev (app/Dockerfile) ends without USER. Set a non-root USER in that stage or user: here.',
        },
      ],
    },
    {
      name: 'build.target whose stage ends with USER root',
      files: { '/work/app/Dockerfile': 'FROM alpine:3.20 AS app\nUSER root\n\nFROM app AS prod\nUSER 10001\n' },
      code: 'services:\n  web:\n    build:\n      context: app\n      target: app\n',
      errors: [{ line: 2, message: /it sets no user and its target stage app \(app\/Dockerfile\) ends with USER root\. Set a non-root USER in that stage/ }],
    },
    {
      name: 'only an image: its user is unknown, so only a hint',
      code: 'services:\n  cache:\n    image: redis:7\n',
      errors: [{ line: 2, severity: 'info' }],
    },
  ],
});

// The Dockerfile's base image decides whom a Dockerfile without USER runs as: root only for bases known to.
ruleTester('compose/user', {
  valid: [
    {
      name: 'a Dockerfile without USER on grafana/grafana (runs as 472)',
      files: { '/work/web/Dockerfile': 'FROM grafana/grafana:11.1.0\nCOPY dash /etc/grafana/provisioning\n' },
      code: 'services:\n  web:\n    build: ./web\n',
    },
  ],
  invalid: [
    {
      name: 'a base passed in as a build argument: info, hedged',
      files: { '/work/ch/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n' },
      code: 'services:\n  ch:\n    build:\n      context: ./ch\n      args: {BASE_IMAGE: clickhouse/clickhouse-server:24.8}\n',
      errors: [
        {
          line: 2,
          severity: 'info',
          message:
            "Service ch sets no user and its Dockerfile (ch/Dockerfile) has no USER: it runs as its base image's user, which is root unless the base image sets another.",
        },
      ],
    },
  ],
});
