// Whole-workspace features through the real server (dist/server.js): the opt-in workspace diagnostics (files
// that are not open, files.exclude and `.harden.yaml` ignore respected, progress notifications, cleared when
// switched off), fix-all in the workspace (safe fixes only, Compose suggestions left alone), and CRD schemas
// from a workspace file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { applyTextEdits } from '../../server/src/engine';
import { FIX_ALL_IN_WORKSPACE, WORKSPACE_PROGRESS, type WorkspaceProgressParams } from '../../server/src/hosts/lsp/workspaceProtocol';
import { CORPUS_DIR } from '../harness/fixtures';
import { TestClient } from './helpers/testClient';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27.0
`;
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-wsf-')));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const uriOf = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).toString();

describe('workspace-wide features', () => {
  it('reports every file of the workspace when switched on, honouring ignore globs, and clears them when off', { timeout: 60_000 }, async () => {
    const dir = workspace({
      'k8s/web.yaml': DEPLOYMENT,
      'compose.yaml': COMPOSE,
      'vendor/ignored.yaml': DEPLOYMENT,
      '.harden.yaml': 'ignore:\n  - "vendor/**"\n',
    });
    const client = await TestClient.start({ workspaceFolders: [dir], settings: { workspaceDiagnostics: true }, startupDelayMs: 0 });
    try {
      const progress: WorkspaceProgressParams[] = [];
      client.connection.onNotification(WORKSPACE_PROGRESS, (p: WorkspaceProgressParams) => void progress.push(p));
      await client.waitForLog(/workspace diagnostics: \d+ files/, 30_000);
      const web = await client.waitForDiagnostics(uriOf(dir, 'k8s/web.yaml'));
      assert.ok(
        web.diagnostics.some((d) => d.code === 'k8s/run-as-non-root'),
        'a closed manifest is reported',
      );
      const compose = await client.waitForDiagnostics(uriOf(dir, 'compose.yaml'));
      assert.ok(
        compose.diagnostics.some((d) => d.code === 'compose/privileged'),
        'a closed Compose file is reported',
      );
      assert.equal(client.published.filter((p) => p.uri === uriOf(dir, 'vendor/ignored.yaml')).length, 0, '.harden.yaml ignore is respected');
      assert.equal(progress.at(-1)?.state, 'done');
      assert.equal(progress.at(-1)?.done, 2);

      client.settings = { workspaceDiagnostics: false };
      const before = client.published.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { harden: client.settings } });
      const cleared = await client.waitForDiagnostics(uriOf(dir, 'k8s/web.yaml'), { after: before, timeoutMs: 10_000 });
      assert.deepEqual(cleared.diagnostics, [], 'switched off: closed files lose their findings');
    } finally {
      await client.stop();
    }
  });

  it('fixes the whole workspace with safe fixes only', { timeout: 60_000 }, async () => {
    const dir = workspace({ 'k8s/web.yaml': DEPLOYMENT, 'compose.yaml': COMPOSE });
    const client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    try {
      await client.waitForLog(/workspace index ready/, 30_000);
      const result = (await client.connection.sendRequest(FIX_ALL_IN_WORKSPACE, {})) as {
        changes: Record<string, Array<{ range: never; newText: string }>>;
        fixes: number;
        files: number;
        cancelled: boolean;
      };
      assert.equal(result.cancelled, false);
      assert.deepEqual(Object.keys(result.changes), [uriOf(dir, 'k8s/web.yaml')], 'Compose fixes are suggestions: not applied');
      assert.equal(result.files, 1);
      assert.ok(result.fixes >= 1, `${result.fixes} fixes`);
      const fixed = applyTextEdits(DEPLOYMENT, result.changes[uriOf(dir, 'k8s/web.yaml')]);
      assert.match(fixed, /allowPrivilegeEscalation: false/);
      assert.doesNotMatch(fixed, /runAsNonRoot/, 'runAsNonRoot is a suggestion (the image may need root): never applied in bulk');
      assert.equal(fs.readFileSync(path.join(dir, 'k8s/web.yaml'), 'utf8'), DEPLOYMENT, 'the server writes nothing: the client applies the edit');
    } finally {
      await client.stop();
    }
  });

  it('validates a custom resource against the CRD found in the workspace', { timeout: 60_000 }, async () => {
    const crd = fs.readFileSync(path.join(CORPUS_DIR, 'k8s', 'promop-crd-prometheuses.yaml'), 'utf8');
    const dir = workspace({ 'crds/prometheus.yaml': crd });
    const client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    try {
      await client.waitForLog(/workspace index ready/, 30_000);
      const uri = uriOf(dir, 'prom.yaml');
      const published = await client.open(uri, 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: main\nspec:\n  replicaz: 2\n');
      const schema = published.diagnostics.filter((d) => d.source === 'harden-schema');
      const latest =
        schema.length > 0
          ? published
          : await client.waitForDiagnostics(uri, { where: (p) => p.diagnostics.some((d) => d.source === 'harden-schema'), timeoutMs: 15_000 });
      assert.deepEqual(
        latest.diagnostics.filter((d) => d.source === 'harden-schema').map((d) => [d.range.start.line, d.message]),
        [[5, 'Property replicaz is not allowed. (schema from CustomResourceDefinition prometheuses.monitoring.coreos.com in crds/prometheus.yaml:2)']],
      );
    } finally {
      await client.stop();
    }
  });
});
