import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/user-root', {
  valid: [
    { name: 'non-root final USER', code: 'FROM alpine:3.19\nUSER 10001\n' },
    { name: 'root only in a builder stage', code: 'FROM alpine:3.19 AS build\nUSER root\nRUN make\n\nFROM alpine:3.19\nUSER 10001:10001\n' },
    { name: 'root to install, then back to non-root', code: 'FROM node:20\nUSER root\nRUN apt-get purge -y curl\nUSER node\n' },
    { name: 'no USER at all is docker/user-missing', code: 'FROM alpine:3.19\nCMD ["sh"]\n' },
  ],
  invalid: [
    {
      name: 'switches to the user the file creates',
      code: 'FROM python:3.12-slim\nRUN adduser --disabled-password --gecos "" --uid 1995 appuser\nUSER root\nCMD ["python"]\n',
      errors: [
        { line: 3, column: 1, message: 'The final stage ends with USER root, so the container runs as root; switch to USER 1995:1995.', severity: 'warning' },
      ],
      output: 'FROM python:3.12-slim\nRUN adduser --disabled-password --gecos "" --uid 1995 appuser\nUSER 1995:1995\nCMD ["python"]\n',
    },
    { name: 'USER 0:0 without a user to switch to: no fix', code: 'FROM alpine:3.19\nUSER 0:0\n', errors: [{ line: 2, message: /USER 0:0/ }] },
    { name: 'root:root', code: 'FROM alpine:3.19\nUSER root:root\n', errors: [{ line: 2 }] },
    {
      name: 'inherited from the parent stage',
      code: 'FROM alpine:3.19 AS base\nRUN adduser -D -u 2000 app\nUSER root\n\nFROM base\nCMD ["sh"]\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.19 AS base\nRUN adduser -D -u 2000 app\nUSER 2000:2000\n\nFROM base\nCMD ["sh"]\n',
    },
  ],
});
