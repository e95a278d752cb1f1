import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/user-fixed-uid', {
  valid: [
    { code: 'FROM alpine:3.19\nRUN adduser -D -u 10001 app\n' },
    { name: 'UID from a build argument', code: 'FROM debian:12\nARG UID=1000\nRUN useradd -r -u $UID app\n' },
    { name: 'long option with =', code: 'FROM debian:12\nRUN useradd --uid=1000 app\n' },
    // Every spelling of the UID option, with a variable for its value: fixed by the author, unknown here.
    { name: '--uid=$VAR (dotnet-docker)', code: 'FROM ubuntu:24.04\nENV APP_UID=1654\nRUN useradd --no-log-init --uid=$APP_UID app\n' },
    { name: '-u$VAR', code: 'FROM debian:12\nARG UID=1000\nRUN useradd -m -u$UID app\n' },
    { name: '-u"$VAR"', code: 'FROM debian:12\nARG UID=1000\nRUN useradd -u"$UID" app\n' },
    { name: '--uid "${VAR}"', code: 'FROM debian:12\nARG UID=1000\nRUN useradd --uid "${UID}" app\n' },
    { name: '"--uid=$VAR" quoted whole', code: 'FROM debian:12\nARG UID=1000\nRUN useradd "--uid=$UID" app\n' },
    { name: 'BusyBox adduser -u$VAR', code: 'FROM alpine:3.20\nARG UID=1000\nRUN adduser -D -u$UID app\n' },
    { name: 'Debian adduser --uid=$VAR', code: 'FROM debian:12\nARG UID=1000\nRUN adduser --disabled-password --uid=$UID app\n' },
    { name: '-uN glued', code: 'FROM debian:12\nRUN useradd -u1000 app\n' },
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

describe('docker/user-fixed-uid: a UID from a variable in a fix-all pass', () => {
  it('adds no --uid 10001 (useradd would take the last one) and leaves USER app alone; a second pass changes nothing', () => {
    const linter = new Linter({});
    const text = [
      'FROM ubuntu:24.04',
      'ENV APP_UID=1654',
      'RUN groupadd --gid=$APP_UID app \\',
      '    && useradd --no-log-init --uid=$APP_UID --gid=$APP_UID --create-home app',
      'USER app',
      'CMD ["id"]',
      '',
    ].join('\n');
    const fixAll = (t: string) => linter.fixAll({ path: '/work/Dockerfile', text: t }, { kinds: ['safe', 'suggestion'] }).text;
    const once = fixAll(text);
    assert.equal(once, text);
    assert.equal(fixAll(once), once);
  });
});
