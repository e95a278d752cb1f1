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

// The images docker/user-missing leaves running as root by design keep USER root the same way: no user-switching fix.
ruleTester('docker/user-root', {
  valid: [],
  invalid: [
    {
      name: 'nginx: the master process needs root, even with a user the file creates',
      code: 'FROM nginx:1.27\nRUN useradd -u 1000 web\nUSER root\n',
      errors: [
        { line: 3, severity: 'warning', message: /so the container runs as root: nginx's master process starts as root .* nginxinc\/nginx-unprivileged:1\.27/ },
      ],
      fixTitles: [],
    },
    {
      name: 'sudo -u in the ENTRYPOINT: starts as root to step down, info',
      code: 'FROM debian:12\nRUN useradd -u 1000 app\nUSER root\nENTRYPOINT ["sudo", "-u", "app", "/app/server"]\n',
      errors: [
        {
          line: 3,
          severity: 'info',
          message:
            'The final stage ends with USER root: the container starts as root and is expected to step down to another user with sudo -u (in its entrypoint, which is not checked here).',
        },
      ],
      fixTitles: [],
    },
    {
      name: 'gosu: info',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y gosu && useradd -u 1000 app\nUSER root\nENTRYPOINT ["/entrypoint.sh"]\n',
      errors: [{ line: 3, severity: 'info', message: /step down to another user with gosu/ }],
      fixTitles: [],
    },
    {
      name: 'systemd as PID 1: info',
      code: 'FROM debian:12\nRUN useradd -u 1000 app\nUSER root\nCMD ["/lib/systemd/systemd"]\n',
      errors: [{ line: 3, severity: 'info', message: /starts \/lib\/systemd\/systemd as PID 1/ }],
      fixTitles: [],
    },
    {
      name: 'back to the non-root USER an earlier stage ran as',
      code: 'FROM registry.example.com/lab/notebook:1.0 AS base\nUSER ${NB_UID}\n\nFROM base\nUSER root\nRUN apt-get update\n',
      errors: [{ line: 5, message: 'The final stage ends with USER root, so the container runs as root; switch to USER ${NB_UID}.' }],
      // after the RUN, which still runs as root
      output: 'FROM registry.example.com/lab/notebook:1.0 AS base\nUSER ${NB_UID}\n\nFROM base\nUSER root\nRUN apt-get update\nUSER ${NB_UID}\n',
    },
    {
      name: 'a RUN after USER root: the switch goes after it (and before CMD), not in place of USER root',
      code: 'FROM python:3.12-slim\nRUN adduser --disabled-password --gecos "" --uid 1995 appuser\nUSER root\nRUN pip install flask\nCMD ["python"]\n',
      errors: [{ line: 3, message: /switch to USER 1995:1995\.$/ }],
      output:
        'FROM python:3.12-slim\nRUN adduser --disabled-password --gecos "" --uid 1995 appuser\nUSER root\nRUN pip install flask\nUSER 1995:1995\nCMD ["python"]\n',
    },
  ],
});
