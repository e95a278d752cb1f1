import { ruleTester } from '../../harness/ruleTester';
import { FAKE } from '../secret-values';

ruleTester('docker/secret-in-env-arg', {
  valid: [
    { code: 'FROM alpine:3.19\nENV APP_HOME=/app GPG_KEYS="A B"\nARG VERSION=1\n' },
    { name: 'pointers to a secret are fine', code: 'FROM alpine:3.19\nENV DB_PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://x\n' },
    {
      name: 'GPG key fingerprints and ids that verify downloads (docker-library/python, php)',
      code: 'FROM debian:bookworm-slim\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\nENV PHP_GPG_KEY="1198C0117593497A5EC5C199286AF1F9897469DC 39B641343D8C104B2B146DC3F9C39DC0B9698544"\nARG NODE_GPG_KEY=0x6A010C5166006599\nUSER 1000\n',
    },
    {
      name: 'switches, durations and references under secret-looking names',
      code: 'FROM alpine:3.19\nENV ENABLE_TOKEN_AUTH=yes TOKEN_TTL=3600 CACHE_KEY=sessions\nARG DB_PASSWORD=${DB_PASSWORD}\n',
    },
    { name: 'the user-name half of a Jenkins credentials pair', code: 'FROM alpine:3.19\nARG ARTIFACTORY_USR\n' },
  ],
  invalid: [
    {
      name: 'an ARG only a builder stage declares is not in the final image history',
      code: 'FROM node:20 AS build\nARG NPM_TOKEN\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\n',
      errors: [
        {
          line: 2,
          message:
            'ARG NPM_TOKEN looks like a secret; a builder stage keeps it out of the final image, but build arguments still show in the build cache and max-mode provenance, so pass it with RUN --mount=type=secret or at run time.',
        },
      ],
    },
    {
      name: 'the password half of a Jenkins credentials pair (credentials() sets NAME_USR and NAME_PSW)',
      code: 'FROM alpine:3.19\nARG ARTIFACTORY_USR\nARG ARTIFACTORY_PSW\n',
      errors: [{ line: 3, column: 5, message: /^ARG ARTIFACTORY_PSW looks like a secret/ }],
    },
    {
      name: 'an ARG of a stage the final image is built on stays in its history',
      code: 'FROM node:20 AS base\nARG NPM_TOKEN\nFROM base\nCMD ["node"]\n',
      errors: [{ line: 2, message: /ARG values stay in the image history/ }],
    },
    {
      name: 'credential formats under any name',
      code: `FROM alpine:3.19\nENV GIT_REMOTE=https://deploy:${FAKE.password}@git.example.com/app.git\nARG GH=${FAKE.github}\nENV AWS_ACCESS_KEY_ID=${FAKE.aws}\n`,
      errors: [
        {
          line: 2,
          message: 'ENV GIT_REMOTE holds a URL with a password; ENV values stay in the image history, so pass it with RUN --mount=type=secret or at run time.',
        },
        { line: 3, message: /ARG GH holds a GitHub token/ },
        { line: 4, message: /holds an AWS access key id/ },
      ],
    },
    {
      code: 'FROM alpine:3.19\nARG NPM_TOKEN\nENV DB_PASSWORD=hunter2 \\\n    AWS_SECRET_ACCESS_KEY=x\nENV API_KEY abc\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: 'ARG NPM_TOKEN looks like a secret; ARG values stay in the image history, so pass it with RUN --mount=type=secret or at run time.',
          severity: 'warning',
        },
        { line: 3, column: 5 },
        { line: 4, column: 5 },
        { line: 5, column: 5 },
      ],
    },
  ],
});

// Only key ids under a GPG/PGP name are exempt: a passphrase, or a hex value under another key name, is still reported.
ruleTester('docker/secret-in-env-arg', {
  valid: [],
  invalid: [
    {
      name: 'a GPG password, and a hex license key',
      code: 'FROM alpine:3.19\nENV GPG_PASSWORD=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV LICENSE_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nENV GPG_KEY=not-a-fingerprint-7f3a9c2b1d\n',
      errors: [{ line: 2 }, { line: 3 }, { line: 4 }],
    },
  ],
});
