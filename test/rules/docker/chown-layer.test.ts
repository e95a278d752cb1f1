import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/chown-layer', {
  valid: [
    {
      name: 'a Windows image named by its tag',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nSHELL ["sh", "-c"]\nCOPY a /app/a\nRUN chown -R 1000 /app\n',
    },
    { name: 'chown of a path nothing was copied to', code: 'FROM nginx:1.25\nCOPY site /usr/share/nginx/html\nRUN chown -R 101:101 /var/cache/nginx\n' },
    { name: 'not recursive', code: 'FROM alpine:3.19\nCOPY a /app/a\nRUN chown 1000 /app\n' },
    { name: 'chown before the copy', code: 'FROM alpine:3.19\nRUN mkdir /app && chown -R 1000 /app\nCOPY a /app/\n' },
    {
      name: 'chowning writable sub-directories of root-owned code (Rails template)',
      code: 'FROM ruby:3.3-slim\nWORKDIR /rails\nCOPY app /rails\nRUN useradd rails --uid 1000 && chown -R rails:rails db log storage tmp\nUSER 1000:1000\n',
    },
    { name: 'copy in another stage', code: 'FROM alpine:3.19 AS b\nCOPY a /app/\nFROM alpine:3.19\nRUN chown -R 1000 /app\n' },
  ],
  invalid: [
    {
      name: "a stage FROM an earlier stage has the users of the image that chain starts from (node's node is 1000)",
      code: 'FROM node:20 AS base\nFROM base\nCOPY . /app\nRUN chown -R node:node /app\nUSER node\n',
      errors: [
        {
          line: 4,
          message: 'chown -R node:node /app re-owns files that COPY just added, storing them twice; set the owner with COPY --chown=1000:1000 instead.',
        },
      ],
      output: 'FROM node:20 AS base\nFROM base\nCOPY --chown=1000:1000 . /app\nUSER node\n',
    },
    {
      name: 'seed 000: chown 1995:1995 -R /opt over COPYs that already have --chown, and over the WORKDIR',
      code: `FROM python:3.11-slim-buster
WORKDIR /opt/apple/myapp
COPY --chown=1995:1995 requirements.txt .
### comment kept ###
RUN chown 1995:1995 -R /opt
USER 1995:1995
`,
      errors: [
        {
          line: 5,
          column: 5,
          message:
            'chown 1995:1995 -R /opt re-owns files that COPY just added, storing them twice; set their owner with COPY --chown=1995:1995 and chown only the directories WORKDIR or mkdir created, without -R.',
        },
      ],
      // The chown also gives 1995 the working directory WORKDIR made root-owned: removing it is not safe.
      fixTitles: [],
    },
    {
      name: 'adds --chown to the copies and removes the link of an && chain',
      code: String.raw`FROM node:20
COPY package.json /app/
COPY src /app/src
RUN npm ci \
    && chown -R node:node /app
USER node
`,
      errors: [
        {
          line: 5,
          column: 8,
          message: 'chown -R node:node /app re-owns files that COPY just added, storing them twice; set the owner with COPY --chown=1000:1000 instead.',
        },
      ],
      output: String.raw`FROM node:20
COPY --chown=1000:1000 package.json /app/
COPY --chown=1000:1000 src /app/src
RUN npm ci
USER node
`,
    },
    {
      name: 'keeps the chown of a directory no COPY created (a WORKDIR the app writes, its VOLUME)',
      code: 'FROM alpine:3.20\nCOPY prometheus.yml /etc/prometheus/\nWORKDIR /prometheus\nRUN chown -R nobody:nobody /etc/prometheus /prometheus\nUSER nobody\nVOLUME ["/prometheus"]\n',
      errors: [{ line: 4, message: /set the owner with COPY --chown=65534:65534 and chown only \/prometheus\.$/ }],
      output:
        'FROM alpine:3.20\nCOPY --chown=65534:65534 prometheus.yml /etc/prometheus/\nWORKDIR /prometheus\nRUN chown -R nobody:nobody /prometheus\nUSER nobody\nVOLUME ["/prometheus"]\n',
    },
    {
      name: 'a copy into the WORKDIR: the chown also owns the directory WORKDIR made root-owned, no fix',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nUSER node\n',
      files: { '/work/.dockerignore': '.git\n' },
      errors: [{ line: 4, message: /chown only the directories WORKDIR or mkdir created, without -R/ }],
      fixTitles: [],
    },
    {
      name: 'a directory made by mkdir inside the copied tree: no fix',
      code: 'FROM alpine:3.20\nCOPY app /srv/app\nRUN mkdir -p /srv/app/logs && chown -R 1000:1000 /srv\n',
      errors: [{ line: 3 }],
      fixTitles: [],
    },
    {
      name: 'first link of a chain, --recursive spelling',
      code: 'FROM alpine:3.19\nCOPY a /srv/a\nRUN chown --recursive 1000:1000 /srv && echo done\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.19\nCOPY --chown=1000:1000 a /srv/a\nRUN echo done\n',
    },
    {
      name: 'user created after the copies: the numeric UID works before the user exists',
      code: 'FROM python:3.12-slim\nCOPY . /app/\nRUN useradd -m -u 1500 appuser && chown -R appuser /app\nUSER 1500\n',
      files: { '/work/.dockerignore': '.git\n' },
      errors: [{ line: 3, message: /COPY --chown=1500 instead/ }],
      output: 'FROM python:3.12-slim\nCOPY --chown=1500 . /app/\nRUN useradd -m -u 1500 appuser\nUSER 1500\n',
    },
    {
      name: 'user without a UID created after the copy: COPY could not resolve the name, no fix',
      code: 'FROM python:3.12-slim\nCOPY app /app\nRUN useradd appuser && chown -R appuser /app\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'a copy with another owner: reported, no fix',
      code: 'FROM alpine:3.19\nCOPY --chown=2000 a /srv/a\nRUN chown -R 1000 /srv\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'CRLF, escape directive and a heredoc',
      code: '# escape=`\r\nFROM alpine:3.19\r\nCOPY a /srv/a\r\nRUN <<EOF\r\nchown -R 1000 /srv\r\nEOF\r\n',
      errors: [{ line: 5 }],
      output: '# escape=`\r\nFROM alpine:3.19\r\nCOPY --chown=1000 a /srv/a\r\n',
    },
  ],
});
