// The language server runs as the VS Code client starts it (client/src/languageClient.ts: SERVER_NODE_FLAGS,
// SERVER_ENV, stdio), read from the server process itself: its command line and environment in /proc. The
// bench measures the server started the same way (bench/servers/harden.json; test/bench/self-contained.test.ts).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'mocha';

/** Fields of /proc/<pid>/cmdline or environ. */
const procList = (pid: string, file: string): string[] => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0');

/** The parent process id, from /proc/<pid>/stat (the command name may hold spaces: the fields follow its `)`). */
const parentOf = (pid: string): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);

function languageServers(): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return parentOf(pid) === process.pid && procList(pid, 'cmdline').some((arg) => arg.endsWith('dist/server.js'));
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}

describe('the language server process', () => {
  it('is a child of the extension host, started with the client flags and environment', () => {
    assert.equal(process.platform, 'linux', 'these end-to-end tests run on Linux');
    const servers = languageServers();
    assert.equal(servers.length, 1, `one dist/server.js child of the extension host (pid ${process.pid}): ${servers.join(', ')}`);
    const command = procList(servers[0], 'cmdline');
    assert.ok(command.includes('--max-semi-space-size=8'), command.join(' '));
    assert.ok(command.includes('--stdio'), command.join(' '));
    assert.ok(procList(servers[0], 'environ').includes('MALLOC_ARENA_MAX=1'), 'one malloc arena');
  });
});
