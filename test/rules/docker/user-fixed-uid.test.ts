import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/user-fixed-uid', {
  valid: [
    { code: 'FROM alpine:3.19\nRUN adduser -D -u 10001 app\n' },
    { name: 'UID from a build argument', code: 'FROM debian:12\nARG UID=1000\nRUN useradd -r -u $UID app\n' },
    { name: 'long option with =', code: 'FROM debian:12\nRUN useradd --uid=1000 app\n' },
    { name: 'adduser USER GROUP only adds a membership', code: 'FROM debian:12\nRUN adduser app docker\n' },
  ],
  invalid: [
    {
      name: 'BusyBox adduser gets -u',
      code: 'FROM alpine:3.19\nRUN adduser -D app\n',
      errors: [
        { line: 2, column: 5, message: 'adduser creates app without a fixed UID; add -u 10001 so that USER, --chown and runAsUser can use the number.' },
      ],
      output: 'FROM alpine:3.19\nRUN adduser -u 10001 -D app\n',
    },
    {
      name: 'useradd with long options gets --uid, inside an && chain across continuations',
      code: 'FROM debian:12\nRUN set -eux; \\\n    groupadd --system app \\\n    && useradd --system --gid app app\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12\nRUN set -eux; \\\n    groupadd --system app \\\n    && useradd --uid 10001 --system --gid app app\n',
    },
    {
      name: 'second user gets the next free UID',
      code: 'FROM debian:12\nRUN useradd -u 10001 a\nRUN useradd b\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN useradd -u 10001 a\nRUN useradd -u 10002 b\n',
    },
  ],
});
