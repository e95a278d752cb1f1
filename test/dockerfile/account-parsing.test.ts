// A Dockerfile's accounts (useradd & co. in its RUN lines) are read with the shell parser, which is slow and is
// most of the server's code, loaded on first use. The workspace scan summarises every Dockerfile of the
// workspace (users/ownerIn, mayCallAccountTool): a numeric USER needs no account, and a RUN line that cannot call
// an account tool is not parsed for one. Both shortcuts must give what a parse of every line gives.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { summarizeDockerfile } from '../../server/src/engine/testing';

const REPO = join(__dirname, '..', '..');
const path = '/w/Dockerfile';

describe('accounts in RUN lines', () => {
  it('finds an account tool however the line spells it: continuations, quotes, heredocs', () => {
    const cases: Array<[string, number]> = [
      ['FROM debian:12\nRUN user\\\nadd --uid 10001 app\nUSER app\n', 10001],
      ['FROM debian:12\nRUN "useradd" --uid 10002 app\nUSER app\n', 10002],
      ["FROM debian:12\nRUN set -e; 'user'add --uid 10003 app\nUSER app\n", 10003],
      ['FROM debian:12\nRUN <<EOF\nset -e\nuseradd --uid 10004 app\nEOF\nUSER app\n', 10004],
      ['FROM alpine:3\nRUN addgroup -g 10005 app && \\\n    adduser -D -u 10005 -G app app\nUSER app:app\n', 10005],
    ];
    for (const [text, uid] of cases) assert.equal(summarizeDockerfile(text, path).uid, uid, text);
  });

  it('a numeric USER resolves without the accounts, as with them', () => {
    const text = 'FROM alpine:3\nRUN adduser -D -u 10001 app\nUSER 10001:10001\n';
    assert.deepEqual(summarizeDockerfile(text, path), { path, user: '10001:10001', uid: 10001, gid: 10001 });
    assert.deepEqual(summarizeDockerfile('FROM alpine:3\nRUN adduser -D -u 10001 app\nUSER 10001\n', path), { path, user: '10001', uid: 10001 });
  });

  // In a fresh process: whether the shell parser was loaded at all.
  const loadsShellParser = (dockerfile: string): boolean =>
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const { summarizeDockerfile } = require('./server/src/engine/testing');
         summarizeDockerfile(${JSON.stringify(dockerfile)}, '/w/Dockerfile');
         process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('mvdan-sh'))));`,
      ],
      { cwd: REPO, encoding: 'utf8' },
    ) === 'true';

  it('the workspace scan of a Dockerfile with a numeric USER, or without account tools, does not load the shell parser', () => {
    assert.equal(loadsShellParser('FROM alpine:3\nRUN apk add --no-cache curl && adduser -D -u 10001 app\nUSER 10001\n'), false);
    assert.equal(loadsShellParser('FROM alpine:3\nRUN apk add --no-cache curl\nUSER nobody\n'), false);
    assert.equal(loadsShellParser('FROM alpine:3\nRUN apk add --no-cache curl && adduser -D -u 10001 app\nUSER app\n'), true, 'a name to resolve: parsed');
  });
});
