// The files besides a Dockerfile that its rules read (ignore files, Compose files, the project's `.env`): an open
// Dockerfile is re-published when one of them is created, changed or deleted on disk, or edited in the editor.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import picomatch from 'picomatch';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { WATCHED_GLOBS } from '../../server/src/hosts/lsp/fileWatching';
import { TestClient } from './helpers/testClient';

const DOCKERIGNORE = 'docker/dockerignore';
const DOCKERFILE = 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';
/** Builds `app/Dockerfile` with `context` as its build context. */
const COMPOSE = (context: string) => `services:\n  web:\n    build:\n      context: ${context}\n      dockerfile: app/Dockerfile\n`;

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-docker-')));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  return dir;
}

function write(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const uriOf = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).toString();
const has = (params: PublishDiagnosticsParams) => params.diagnostics.some((d) => d.code === DOCKERIGNORE);
const lacks = (params: PublishDiagnosticsParams) => !has(params);

describe('language server: files a Dockerfile is linted with', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  async function startOn(dir: string): Promise<TestClient> {
    client = await TestClient.start({ startupDelayMs: 0, workspaceFolders: [dir] });
    await client.waitForLog(/workspace index ready/);
    return client;
  }

  it('watches every such file name', () => {
    const watched = picomatch(WATCHED_GLOBS, { dot: true });
    for (const name of ['.dockerignore', 'Dockerfile.dockerignore', 'app.Dockerfile.dockerignore', 'compose.yaml', 'docker-compose.prod.yml', '.env']) {
      assert.ok(watched(`repo/app/${name}`), name);
    }
  });

  it('a .dockerignore or <Dockerfile>.dockerignore created or deleted on disk re-publishes docker/dockerignore', async () => {
    const dir = workspace({});
    client = await startOn(dir);
    const uri = uriOf(dir, 'app.Dockerfile');
    assert.ok(has(await client.open(uri, DOCKERFILE, 'dockerfile')));

    let mark = client.mark();
    const own = write(dir, 'app.Dockerfile.dockerignore', '.git\n');
    await client.filesChanged([{ path: own, type: 'created' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: lacks });

    mark = client.mark();
    fs.rmSync(own);
    await client.filesChanged([{ path: own, type: 'deleted' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: has });

    mark = client.mark();
    const shared = write(dir, '.dockerignore', '.git\n');
    await client.filesChanged([{ path: shared, type: 'created' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: lacks });
  });

  it('a Compose file created or changed on disk moves the build context to one with a .dockerignore, and back', async () => {
    // The workspace root has a .dockerignore; app/, the Dockerfile's own folder, has none.
    const dir = workspace({ '.dockerignore': '.git\n', 'app/Dockerfile': DOCKERFILE });
    client = await startOn(dir);
    const uri = uriOf(dir, 'app/Dockerfile');
    assert.ok(has(await client.open(uri, DOCKERFILE, 'dockerfile')));

    let mark = client.mark();
    const compose = write(dir, 'compose.yaml', COMPOSE('.'));
    await client.filesChanged([{ path: compose, type: 'created' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: lacks });

    mark = client.mark();
    write(dir, 'compose.yaml', COMPOSE('app').replace('dockerfile: app/Dockerfile', 'dockerfile: Dockerfile'));
    await client.filesChanged([{ path: compose, type: 'changed' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: has });
  });

  it("a Compose file's build.target makes that stage the final image of the open Dockerfile", async () => {
    const dockerfile = 'FROM alpine:3.20 AS app\nRUN adduser -D -u 10001 app\nUSER 10001:10001\n\nFROM app AS dev-envs\nUSER root\n';
    const userRoot = (params: PublishDiagnosticsParams) => params.diagnostics.some((d) => d.code === 'docker/user-root');
    const dir = workspace({ 'app/Dockerfile': dockerfile });
    client = await startOn(dir);
    const uri = uriOf(dir, 'app/Dockerfile');
    assert.ok(userRoot(await client.open(uri, dockerfile, 'dockerfile')), 'the last stage runs as root');

    const mark = client.mark();
    const compose = write(dir, 'compose.yaml', 'services:\n  web:\n    build:\n      context: app\n      target: app\n');
    await client.filesChanged([{ path: compose, type: 'created' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: (params) => !userRoot(params) });
  });

  it("the project's .env names the Dockerfile Compose builds", async () => {
    const interpolated = COMPOSE('.').replace('dockerfile: app/Dockerfile', 'dockerfile: ${DOCKERFILE}');
    const dir = workspace({ '.dockerignore': '.git\n', 'app/Dockerfile': DOCKERFILE, 'compose.yaml': interpolated, '.env': 'DOCKERFILE=app/Dockerfile\n' });
    client = await startOn(dir);
    const uri = uriOf(dir, 'app/Dockerfile');
    assert.ok(lacks(await client.open(uri, DOCKERFILE, 'dockerfile')), 'built from the root, which has a .dockerignore');

    const mark = client.mark();
    const env = write(dir, '.env', 'DOCKERFILE=web/Dockerfile\n');
    await client.filesChanged([{ path: env, type: 'changed' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: has });
  });

  it('editing an open Compose file re-publishes the Dockerfiles it builds, and closing it unsaved', async () => {
    // On disk, it builds app/app/Dockerfile: app/Dockerfile's own folder is its context.
    const dir = workspace({ '.dockerignore': '.git\n', 'app/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE('app') });
    client = await startOn(dir);
    const uri = uriOf(dir, 'app/Dockerfile');
    assert.ok(has(await client.open(uri, DOCKERFILE, 'dockerfile')));

    const composeUri = uriOf(dir, 'compose.yaml');
    await client.open(composeUri, COMPOSE('app'));
    const mark = client.mark();
    const line = COMPOSE('app')
      .split('\n')
      .findIndex((l) => l.includes('context: app'));
    const character = COMPOSE('app').split('\n')[line].indexOf('app');
    await client.change(composeUri, [{ range: { start: { line, character }, end: { line, character: character + 3 } }, newText: '.' }]);
    await client.waitForDiagnostics(uri, { after: mark, where: lacks });

    // Closed unsaved, it gives way to the disk.
    const closed = client.mark();
    await client.close(composeUri);
    await client.waitForDiagnostics(uri, { after: closed, where: has });
  });
});
