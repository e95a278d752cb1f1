import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/copy-chown', {
  valid: [
    {
      name: 'Windows image named by its tag: COPY --chown is not supported on Windows containers',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nUSER ContainerUser\nCOPY config/ ./config/\n',
    },
    {
      name: 'a stage built on a Windows stage',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:9.0-nanoserver-1809 AS base\nFROM base\nUSER ContainerUser\nCOPY app/ ./\n',
    },
    {
      name: 'seed 000: every COPY has --chown',
      code: 'FROM python:3.12\nRUN adduser --uid 1995 --disabled-password --gecos "" appuser\nUSER appuser\nCOPY --chown=1995:1995 app.py .\n',
    },
    { name: 'COPY before USER: root-owned, read-only code is fine', code: 'FROM node:20\nCOPY . /app\nUSER 10001\n' },
    { name: 'USER root', code: 'FROM node:20\nUSER root\nCOPY a /a\n' },
  ],
  invalid: [
    {
      name: "a stage FROM an earlier stage has the users of the image that chain starts from (node's node is 1000)",
      code: 'FROM node:20 AS base\nFROM base\nUSER node\nCOPY . /app\n',
      errors: [
        {
          line: 4,
          message:
            'COPY runs after USER node but without --chown, so the files are owned by root and read-only to that user; add --chown=1000:1000 if the application writes to them.',
        },
      ],
      output: 'FROM node:20 AS base\nFROM base\nUSER node\nCOPY --chown=1000:1000 . /app\n',
    },
    {
      name: 'COPY after USER resolves the UID the file assigns',
      code: 'FROM python:3.12\nRUN adduser --uid 1995 --disabled-password --gecos "" appuser\nUSER appuser\nCOPY app.py .\n',
      errors: [
        {
          line: 4,
          column: 1,
          message:
            'COPY runs after USER appuser but without --chown, so the files are owned by root and read-only to that user; add --chown=1995:1995 if the application writes to them.',
        },
      ],
      output: 'FROM python:3.12\nRUN adduser --uid 1995 --disabled-password --gecos "" appuser\nUSER appuser\nCOPY --chown=1995:1995 app.py .\n',
    },
    {
      name: 'ADD with other flags',
      code: 'FROM alpine:3.19\nUSER 10001:10001\nADD --chmod=644 a.tar /srv/\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.19\nUSER 10001:10001\nADD --chown=10001:10001 --chmod=644 a.tar /srv/\n',
    },
    {
      name: 'COPY --from after USER',
      code: 'FROM alpine:3.19 AS b\nRUN touch /x\nFROM alpine:3.19\nUSER 10001\nCOPY --from=b /x /x\n',
      errors: [{ line: 5 }],
      output: 'FROM alpine:3.19 AS b\nRUN touch /x\nFROM alpine:3.19\nUSER 10001\nCOPY --chown=10001 --from=b /x /x\n',
    },
  ],
});
