import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/secret-in-env-arg', {
  valid: [
    { code: 'FROM alpine:3.19\nENV APP_HOME=/app GPG_KEYS="A B"\nARG VERSION=1\n' },
    { name: 'pointers to a secret are fine', code: 'FROM alpine:3.19\nENV DB_PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://x\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.19\nARG NPM_TOKEN\nENV DB_PASSWORD=hunter2 \\\n    AWS_SECRET_ACCESS_KEY=x\nENV API_KEY abc\n',
      errors: [
        { line: 2, column: 5, message: 'ARG NPM_TOKEN looks like a secret; ARG values stay in the image history, so pass it with RUN --mount=type=secret or at run time.', severity: 'warning' },
        { line: 3, column: 5 },
        { line: 4, column: 5 },
        { line: 5, column: 5 },
      ],
    },
  ],
});
