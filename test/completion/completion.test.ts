// Context-aware completions: the provider on its own (pure, over text and the file's workloads) and through
// the real server (dist/server.js over stdio). Inserted snippets are expanded (first value of every
// placeholder) and parsed with the `yaml` package: what a user gets must be valid, correctly indented YAML.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { parseAllDocuments } from 'yaml';
import { applyTextEdits } from '../../server/src/engine';
import { cursorContext } from '../../server/src/services/completion/context';
import { DEFAULT_UID, provideCompletions, type CompletionInput } from '../../server/src/services/completion/provider';
import { fileUri, TestClient } from '../lsp/helpers/testClient';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      tier: front
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:1.4
          ports:
            - name: http
              containerPort: 8080
          securityContext:
            runAsNonRoot: true
`;
const WORKER = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: worker:2
`;

/** Expands a snippet with the first value of every placeholder. */
function expandSnippet(text: string): string {
  let out = text;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(/\$\{\d+:((?:\\.|[^\\}$])*)\}/g, '$1');
  }
  return out.replace(/\$\{?\d+\}?/g, '').replace(/\\([\\$}])/g, '$1');
}

/** The text after accepting `item` (its textEdit, snippet expanded). */
function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  return applyTextEdits(text, [{ range: edit.range, newText: expandSnippet(edit.newText) }]);
}

function objects(text: string): Array<Record<string, any>> {
  const docs = parseAllDocuments(text);
  for (const doc of docs) assert.deepEqual(doc.errors, [], `parses:\n${text}`);
  return docs.map((doc) => doc.toJS());
}

/** `text` with `|` marking the cursor -> completion input. */
function at(marked: string, extra: Partial<CompletionInput> = {}): { text: string; input: CompletionInput } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, input: { text, position: { line: before.length - 1, character: before[before.length - 1].length }, workloads: [], ...extra } };
}

const WEB_WORKLOAD = { kind: 'Deployment', name: 'web', namespace: 'shop', podLabels: { app: 'web', tier: 'front' } };

describe('completion context', () => {
  it('recovers the path of parent keys from indentation, for both sequence styles', () => {
    const marked = WEB.replace('            runAsNonRoot: true\n', '            runAsNonRoot: true\n            re|\n');
    const { input } = at(marked);
    const context = cursorContext(input.text, input.position)!;
    assert.deepEqual(context.path, ['spec', 'template', 'spec', 'containers', '-', 'securityContext']);
    assert.deepEqual([...context.siblings], ['runAsNonRoot']);
    assert.equal(context.word, 're');
    const compact = at(WORKER.replace('        image: worker:2\n', '        image: worker:2\n        |\n')).input;
    assert.deepEqual(cursorContext(compact.text, compact.position)!.path, ['spec', 'template', 'spec', 'containers', '-']);
  });
});

describe('completion provider', () => {
  it('offers a PodDisruptionBudget per workload of the file, selecting its pod labels in its namespace', () => {
    const { text, input } = at(`${WEB}---\n${WORKER}---\npdb|`, {
      workloads: [WEB_WORKLOAD, { kind: 'StatefulSet', name: 'worker', namespace: undefined, podLabels: { app: 'worker' } }],
    });
    const items = provideCompletions(input).filter((item) => item.label.startsWith('PodDisruptionBudget'));
    assert.deepEqual(
      items.map((item) => item.label),
      ['PodDisruptionBudget for Deployment/web', 'PodDisruptionBudget for StatefulSet/worker'],
    );
    assert.equal(items[0].insertTextMode, 1, 'asIs: the snippet is indented already');
    const pdb = objects(accept(text, items[0])).find((o) => o.kind === 'PodDisruptionBudget')!;
    assert.deepEqual(pdb.spec.selector.matchLabels, { app: 'web', tier: 'front' });
    assert.equal(pdb.metadata.namespace, 'shop');
    assert.equal(pdb.apiVersion, 'policy/v1');
    assert.equal(pdb.spec.maxUnavailable, 1);
  });

  it('quotes label values that YAML 1.1 (as Kubernetes decodes it) would read as booleans or numbers', () => {
    const podLabels = { app: 'y', canary: 'off', version: '1.10', tier: 'front' };
    const { text, input } = at(`${WEB}---\npdb|`, { workloads: [{ ...WEB_WORKLOAD, podLabels }] });
    const item = provideCompletions(input).find((i) => i.label === 'PodDisruptionBudget for Deployment/web')!;
    const accepted = accept(text, item);
    const pdb = parseAllDocuments(accepted, { version: '1.1' })
      .map((doc) => doc.toJS())
      .find((o) => o.kind === 'PodDisruptionBudget');
    assert.deepEqual(pdb.spec.selector.matchLabels, podLabels, accepted);
  });

  it('starts a new document when the cursor is on an empty top-level line after a workload', () => {
    const { text, input } = at(`${WEB}\n|`, { workloads: [WEB_WORKLOAD] });
    const service = provideCompletions(input).find((item) => item.label === 'Service for Deployment/web')!;
    const all = objects(accept(text, service));
    assert.equal(all.length, 2);
    assert.deepEqual(all[1].spec.selector, { app: 'web', tier: 'front' });
    assert.equal(all[1].metadata.namespace, 'shop');
  });

  it("fills topologySpreadConstraints and podAntiAffinity with the workload's own labels", () => {
    const { text, input } = at(WEB.replace('      containers:', '      topo|\n      containers:'));
    const items = provideCompletions(input);
    const spread = objects(
      accept(
        text,
        items.find((item) => item.label.startsWith('topologySpreadConstraints'))!,
      ),
    )[0];
    const constraints = spread.spec.template.spec.topologySpreadConstraints;
    assert.deepEqual(
      constraints.map((c: any) => c.topologyKey),
      ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'],
    );
    for (const c of constraints) assert.deepEqual(c.labelSelector.matchLabels, { app: 'web', tier: 'front' });
    const affinity = objects(
      accept(
        text,
        items.find((item) => item.label.startsWith('affinity'))!,
      ),
    )[0].spec.template.spec.affinity;
    const term = affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    assert.deepEqual(term.labelSelector.matchLabels, { app: 'web', tier: 'front' });
  });

  it('offers only the missing hardening fields of a container securityContext, with the values the rules want', () => {
    const { text, input } = at(WEB.replace('            runAsNonRoot: true\n', '            runAsNonRoot: true\n            |\n'));
    const items = provideCompletions(input);
    const labels = items.map((item) => item.label);
    assert.ok(!labels.some((label) => label.startsWith('runAsNonRoot')), 'already present');
    for (const expected of [
      'allowPrivilegeEscalation: false',
      'readOnlyRootFilesystem: true',
      `runAsUser: ${DEFAULT_UID}`,
      'capabilities (hardened)',
      'seccompProfile (hardened)',
    ]) {
      assert.ok(labels.includes(expected), `${expected} in ${labels}`);
    }
    const context = objects(
      accept(
        text,
        items.find((item) => item.label === 'capabilities (hardened)')!,
      ),
    )[0].spec.template.spec.containers[0].securityContext;
    assert.deepEqual(context, { runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    const seccomp = objects(
      accept(
        text,
        items.find((item) => item.label === 'seccompProfile (hardened)')!,
      ),
    )[0].spec.template.spec.containers[0].securityContext;
    assert.deepEqual(seccomp.seccompProfile, { type: 'RuntimeDefault' });
  });

  it('offers securityContext, resources, probes and preStop on a container that lacks them', () => {
    const { text, input } = at(WORKER.replace('        image: worker:2\n', '        image: worker:2\n        |\n'), { kubernetesVersion: '1.32' });
    const items = provideCompletions(input);
    const container = (label: string) =>
      objects(
        accept(
          text,
          items.find((item) => item.label === label)!,
        ),
      )[0].spec.template.spec.containers[0];
    assert.deepEqual(container('securityContext (hardened container defaults)').securityContext, {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: DEFAULT_UID,
      runAsGroup: DEFAULT_UID,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    assert.deepEqual(container('resources (hardened)').resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } });
    assert.equal(container('readinessProbe (hardened)').readinessProbe.httpGet.path, '/ready');
    assert.deepEqual(container('lifecycle (hardened)').lifecycle, { preStop: { sleep: { seconds: 5 } } });
    assert.ok(!items.some((item) => item.label.startsWith('image')), 'nothing for fields present');
  });

  it("completes a runAsUser value with the Dockerfile's UID", () => {
    const { text, input } = at(WEB.replace('            runAsNonRoot: true\n', '            runAsNonRoot: true\n            runAsUser: |\n'), {
      userIdsForImage: (image) => (image.includes('/web:') ? { uid: 4321, gid: 4322 } : undefined),
    });
    const items = provideCompletions(input);
    assert.deepEqual(
      items.map((item) => item.label),
      ['4321'],
    );
    assert.equal(objects(accept(text, items[0]))[0].spec.template.spec.containers[0].securityContext.runAsUser, 4321);
  });
});

describe('completions through the language server', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'harden-completion-'));
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'Dockerfile'), 'FROM node:20-alpine\nRUN adduser -D -u 4321 app\nUSER 4321:4321\nCMD ["node", "server.js"]\n');
    client = await TestClient.start({ workspaceFolders: [dir] });
    await client.waitForLog(/workspace index ready/);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function complete(uri: string, line: number, character: number): Promise<CompletionItem[]> {
    const result = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as
      CompletionItem[] | CompletionList | null;
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  it("completes a PDB whose selector.matchLabels is exactly the Deployment's pod labels", async () => {
    const uri = fileUri('completion/pdb.yaml');
    await client.open(uri, WEB);
    const line = WEB.split('\n').length - 1;
    const version = await client.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '---\npdb' }]);
    await client.waitForDiagnostics(uri, { version });
    const items = await complete(uri, line + 1, 3);
    const item = items.find((i) => i.label === 'PodDisruptionBudget for Deployment/web');
    assert.ok(item, items.map((i) => i.label).join(', '));
    const pdb = objects(accept(client.text(uri), item)).find((o) => o.kind === 'PodDisruptionBudget')!;
    assert.deepEqual(pdb.spec.selector.matchLabels, { app: 'web', tier: 'front' });
    assert.equal(pdb.metadata.namespace, 'shop');
    await client.close(uri);
  });

  it('offers runAsUser with the UID of the workspace Dockerfile that builds the image, else 10001', async () => {
    // The workspace scan does not record Dockerfiles yet (workspaceFiles.ts HOOK); an open one is indexed.
    const dockerfile = join(dir, 'web', 'Dockerfile');
    await client.open(pathToFileURL(dockerfile).toString(), readFileSync(dockerfile, 'utf8'), 'dockerfile');
    const text = WEB.replace('            runAsNonRoot: true\n', '            runAsNonRoot: true\n            run\n');
    const line = text.split('\n').findIndex((l) => l === '            run');
    const uri = pathToFileURL(join(dir, 'deploy.yaml')).toString();
    await client.open(uri, text);
    const items = await complete(uri, line, 15);
    const runAsUser = items.find((i) => i.label.startsWith('runAsUser:'));
    assert.equal(runAsUser?.label, 'runAsUser: 4321');
    assert.equal(objects(accept(text, runAsUser))[0].spec.template.spec.containers[0].securityContext.runAsUser, 4321);
    // Schema-based property completion comes after ours, without duplicating the keys we offer.
    assert.ok(
      items.some((i) => i.label === 'procMount'),
      'schema completion',
    );
    assert.ok(!items.some((i) => i.label === 'runAsUser'), 'no duplicate runAsUser');
    await client.close(uri);

    const other = text.replace('registry.example.com/shop/web:1.4', 'nginx:1.27');
    const otherUri = pathToFileURL(join(dir, 'deploy-nginx.yaml')).toString();
    await client.open(otherUri, other);
    assert.equal((await complete(otherUri, line, 15)).find((i) => i.label.startsWith('runAsUser:'))?.label, `runAsUser: ${DEFAULT_UID}`);
    await client.close(otherUri);
  });
});
