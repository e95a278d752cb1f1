import { ruleTester } from '../../harness/ruleTester';
import { FAKE } from '../secret-values';

ruleTester('docker/secret-in-env-arg', {
  valid: [
    { code: 'FROM alpine:3.19\nENV APP_HOME=/app GPG_KEYS="A B"\nARG VERSION=1\n' },
    { name: 'pointers to a secret are fine', code: 'FROM alpine:3.19\nENV DB_PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://x\n' },
    {
      name: 'switches, durations and references under secret-looking names',
      code: 'FROM alpine:3.19\nENV ENABLE_TOKEN_AUTH=yes TOKEN_TTL=3600 CACHE_KEY=sessions\nARG DB_PASSWORD=${DB_PASSWORD}\n',
    },
  ],
  invalid: [
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
