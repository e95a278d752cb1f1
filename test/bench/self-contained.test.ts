// `npm run bench` runs from the repository alone (issue 19): no script of bench/ reads a folder beside the
// repository or an absolute path of one machine, the files it takes from test/fixtures/corpus exist, and the
// vendored harness (bench/harness/) matches what its SOURCES.tsv says. Static checks only: nothing is timed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { RED_HAT_YAML_OPTION } from '../../server/src/hosts/lsp/schemaFeatures';
import { CLIENT_RULE_LINKS_OPTION } from '../../server/src/hosts/lsp/workspaceProtocol';

// client/src/ruleLinks.ts's (it imports `vscode`, which only runs inside the editor).
const RULE_LINKS_INITIALIZATION_OPTIONS = { [CLIENT_RULE_LINKS_OPTION]: true };

const REPO = join(__dirname, '..', '..');
const BENCH = join(REPO, 'bench');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'results' || e.name === 'node_modules' ? [] : files(p);
    return /\.(mjs|ts|json|sh)$/.test(e.name) ? [p] : [];
  });
}

describe('bench is self-contained', () => {
  it('starts the server with the V8 flags of the VS Code client (in-process scenarios take them from harden.json)', () => {
    const client = readFileSync(join(REPO, 'client', 'src', 'languageClient.ts'), 'utf8');
    const declared = /export const SERVER_NODE_FLAGS = (\[[^\]]*\])/.exec(client);
    assert.ok(declared, 'SERVER_NODE_FLAGS in client/src/languageClient.ts');
    const flags = JSON.parse(declared[1].replace(/'/g, '"')) as string[];
    const command = (JSON.parse(readFileSync(join(BENCH, 'servers', 'harden.json'), 'utf8')) as { command: string[] }).command;
    assert.deepEqual(
      command.filter((arg) => arg.startsWith('--') && arg !== '--stdio'),
      flags,
    );
  });

  it('starts the server with the environment of the VS Code client (one malloc arena)', () => {
    const client = readFileSync(join(REPO, 'client', 'src', 'languageClient.ts'), 'utf8');
    const declared = /export const SERVER_ENV = (\{[^}]*\});/.exec(client);
    assert.ok(declared, 'SERVER_ENV in client/src/languageClient.ts');
    const env = JSON.parse(declared[1].replace(/'/g, '"').replace(/(\w+):/g, '"$1":')) as Record<string, string>;
    assert.deepEqual(env, { MALLOC_ARENA_MAX: '1' });
    assert.equal((client.match(/env: SERVER_ENV/g) ?? []).length, 2, 'run and debug use it');
    const server = JSON.parse(readFileSync(join(BENCH, 'servers', 'harden.json'), 'utf8')) as { env?: Record<string, string> };
    assert.deepEqual(server.env, env);
  });

  it('initializes the server with the options of the VS Code client (it adds the rule links: smaller publishes)', () => {
    const server = JSON.parse(readFileSync(join(BENCH, 'servers', 'harden.json'), 'utf8')) as { initializationOptions?: Record<string, unknown> };
    // What client/src/languageClient.ts sends when Red Hat YAML does not validate Kubernetes schemas (the usual case).
    assert.deepEqual(server.initializationOptions, { [RED_HAT_YAML_OPTION]: false, ...RULE_LINKS_INITIALIZATION_OPTIONS });
    const client = readFileSync(join(REPO, 'client', 'src', 'languageClient.ts'), 'utf8');
    assert.match(client, /initializationOptions: \{ \[RED_HAT_YAML_OPTION\]: redHatYamlValidatesKubernetes\(\), \.\.\.RULE_LINKS_INITIALIZATION_OPTIONS \}/);
    const ruleLinks = readFileSync(join(REPO, 'client', 'src', 'ruleLinks.ts'), 'utf8');
    assert.match(ruleLinks, /export const RULE_LINKS_INITIALIZATION_OPTIONS = \{ \[CLIENT_RULE_LINKS_OPTION\]: true \} as const;/);
  });

  it('talks to the server over stdio, as the VS Code client does (Node IPC would serialise every publish again)', () => {
    const client = readFileSync(join(REPO, 'client', 'src', 'languageClient.ts'), 'utf8');
    assert.match(client, /export const SERVER_TRANSPORT = TransportKind\.stdio;/);
    assert.equal((client.match(/transport: SERVER_TRANSPORT/g) ?? []).length, 2, 'run and debug use it');
    const command = (JSON.parse(readFileSync(join(BENCH, 'servers', 'harden.json'), 'utf8')) as { command: string[] }).command;
    assert.ok(command.includes('--stdio'));
  });

  it('no bench script names a folder beside the repository or a path of one machine', () => {
    const bad: string[] = [];
    for (const f of files(BENCH)) {
      const text = readFileSync(f, 'utf8');
      for (const re of [/\.\.\/shared\b/, /['"]shared['"]\s*,\s*['"]bench['"]/, /['"`]\/(work|home|Users)\//, /['"`]\/tmp\/harden/]) {
        if (re.test(text)) bad.push(`${relative(REPO, f)}: ${re}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the benchmark corpus comes from test/fixtures/corpus', () => {
    const text = readFileSync(join(BENCH, 'lib', 'cache.mjs'), 'utf8');
    const block = /export const BENCH_CORPUS = \{([\s\S]*?)\n\};/.exec(text)?.[1] ?? '';
    const kinds = [...block.matchAll(/(\w+): \[([\s\S]*?)\]/g)];
    assert.deepEqual(
      kinds.map((k) => k[1]),
      ['k8s', 'docker'],
    );
    for (const [, kind, list] of kinds) {
      const names = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      assert.ok(names.length >= 5, kind);
      for (const n of names) assert.ok(existsSync(join(REPO, 'test', 'fixtures', 'corpus', kind, n)), `${kind}/${n}`);
    }
  });

  it('bench/harness/SOURCES.tsv lists every vendored file, and the unchanged ones match their recorded hash', () => {
    const rows = readFileSync(join(BENCH, 'harness', 'SOURCES.tsv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    const listed = new Set(rows.map((r) => r[0]));
    const present = files(join(BENCH, 'harness')).map((f) => relative(join(BENCH, 'harness'), f).split('\\').join('/'));
    assert.deepEqual(present.filter((f) => !listed.has(f)).sort(), []);
    for (const [file, , hash, , licence, change] of rows) {
      assert.equal(licence, 'ISC', file);
      if (change !== 'unchanged') continue;
      const sha = createHash('sha256')
        .update(readFileSync(join(BENCH, 'harness', file)))
        .digest('hex');
      assert.equal(`sha256:${sha}`, hash, file);
    }
  });
});
