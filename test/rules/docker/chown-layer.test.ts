import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/chown-layer', {
  valid: [
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
      name: 'seed 000: chown 1995:1995 -R /opt over COPYs that already have --chown',
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
          message: 'chown 1995:1995 -R /opt re-owns files that COPY --chown=1995:1995 already gave that owner, storing them twice; remove it.',
        },
      ],
      output: `FROM python:3.11-slim-buster
WORKDIR /opt/apple/myapp
COPY --chown=1995:1995 requirements.txt .
### comment kept ###
USER 1995:1995
`,
    },
    {
      name: 'adds --chown to the copies and removes the link of an && chain',
      code: String.raw`FROM node:20
WORKDIR /app
COPY package.json ./
COPY src ./src
RUN npm ci \
    && chown -R node:node /app
USER node
`,
      errors: [
        {
          line: 6,
          column: 8,
          message: 'chown -R node:node /app re-owns files that COPY just added, storing them twice; set the owner with COPY --chown=1000:1000 instead.',
        },
      ],
      output: String.raw`FROM node:20
WORKDIR /app
COPY --chown=1000:1000 package.json ./
COPY --chown=1000:1000 src ./src
RUN npm ci
USER node
`,
    },
    {
      name: 'first link of a chain, --recursive spelling',
      code: 'FROM alpine:3.19\nCOPY a /srv/a\nRUN chown --recursive 1000:1000 /srv && echo done\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.19\nCOPY --chown=1000:1000 a /srv/a\nRUN echo done\n',
    },
    {
      name: 'user created after the copies: the numeric UID works before the user exists',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN useradd -m -u 1500 appuser && chown -R appuser /app\nUSER 1500\n',
      files: { '/work/.dockerignore': '.git\n' },
      errors: [{ line: 4, message: /COPY --chown=1500 instead/ }],
      output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=1500 . .\nRUN useradd -m -u 1500 appuser\nUSER 1500\n',
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
