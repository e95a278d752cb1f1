import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/chown-mismatch', {
  valid: [
    {
      name: 'seed 000: --chown=1995:1995 and USER appuser (UID 1995)',
      code: 'FROM python:3.12\nRUN adduser --uid 1995 --disabled-password --gecos "" appuser\nCOPY --chown=1995:1995 app.py .\nUSER appuser\n',
    },
    { name: 'name vs. name', code: 'FROM alpine:3.19\nCOPY --chown=app:app a /a\nUSER app\n' },
    { name: 'explicit root owner is deliberate', code: 'FROM alpine:3.19\nCOPY --chown=root:root a /a\nUSER 10001\n' },
    { name: 'no USER in the stage', code: 'FROM alpine:3.19\nCOPY --chown=1000 a /a\n' },
    { name: 'unresolvable name vs. UID is not guessed', code: 'FROM alpine:3.19\nCOPY --chown=www-data a /a\nUSER 33\n' },
  ],
  invalid: [
    {
      name: "a stage FROM an earlier stage has the users of the image that chain starts from (node's node is 1000)",
      code: 'FROM node:20 AS base\nFROM base\nCOPY --chown=1001 a /a\nUSER node\n',
      errors: [{ line: 3, message: "--chown=1001 differs from the stage's USER node; use --chown=1000:1000." }],
      output: 'FROM node:20 AS base\nFROM base\nCOPY --chown=1000:1000 a /a\nUSER node\n',
    },
    {
      name: 'UID differs from the final USER',
      code: 'FROM python:3.12\nRUN adduser --uid 1995 --disabled-password --gecos "" appuser\nCOPY --chown=1000:1000 app.py .\nUSER appuser\n',
      errors: [{ line: 3, column: 14, message: "--chown=1000:1000 differs from the stage's USER appuser; use --chown=1995:1995.", severity: 'warning' }],
      output: 'FROM python:3.12\nRUN adduser --uid 1995 --disabled-password --gecos "" appuser\nCOPY --chown=1995:1995 app.py .\nUSER appuser\n',
    },
    {
      name: 'on a continuation line',
      code: 'FROM alpine:3.19\nCOPY \\\n  --chown=other \\\n  a /a\nUSER app\n',
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.19\nCOPY \\\n  --chown=app \\\n  a /a\nUSER app\n',
    },
  ],
});
