import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeDockerfile } from '../../server/src/engine/testing';

describe('summarizeDockerfile', () => {
  it('resolves the final USER to the UID/GID the file assigns (seed 000)', () => {
    const text = 'FROM python:3.11\nRUN adduser --disabled-password --gecos "" --uid 1995 appuser\nUSER appuser\n';
    assert.deepEqual(summarizeDockerfile(text, '/w/Dockerfile'), { path: '/w/Dockerfile', user: 'appuser', uid: 1995, gid: 1995 });
  });

  it('numeric USER, no USER, and the --target stage', () => {
    assert.deepEqual(summarizeDockerfile('FROM alpine:3\nUSER 1000:2000\n', '/p'), { path: '/p', user: '1000:2000', uid: 1000, gid: 2000 });
    assert.deepEqual(summarizeDockerfile('FROM alpine:3\n', '/p'), { path: '/p' });
    const multi = 'FROM alpine:3 AS app\nUSER 10001\nFROM alpine:3 AS debug\n';
    assert.deepEqual(summarizeDockerfile(multi, '/p'), { path: '/p' });
    assert.deepEqual(summarizeDockerfile(multi, '/p', 'app'), { path: '/p', user: '10001', uid: 10001 });
  });

  it('a name the file does not create stays a name', () => {
    assert.deepEqual(summarizeDockerfile('FROM alpine:3\nUSER app\n', '/p'), { path: '/p', user: 'app' });
  });
});
