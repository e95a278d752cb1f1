// Schema validation, hover and the offline schema service, through the real server (dist/server.js over
// stdio) and in-process. The server never fetches a schema: the request service serves only the bundled
// data and throws for anything else (asserted below), so these tests run with the network out of reach.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { UNHARDENED_DEPLOYMENT } from '../lsp/helpers/fixtures';
import { fileUri, TestClient } from '../lsp/helpers/testClient';
import { findSchemaFile, loadSchema, readSchemaFile } from '../../server/src/hosts/node/schemaFile';
import { SchemaData } from '../../server/src/services/schema/data';
import { selectSchema, typeMetaOf } from '../../server/src/services/schema/select';
import { KubernetesSchemaService, OfflineSchemaError, SCHEMA_SOURCE } from '../../server/src/services/schema/service';
import { RED_HAT_YAML_NOTIFICATION, RED_HAT_YAML_OPTION } from '../../server/src/hosts/lsp/schemaFeatures';
import * as client from '../../client/src/redHatYamlSchemas';

const SEED_002 = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', '002-demo.yaml'), 'utf8');
/** Seed 002 with its preStop hook one level too shallow: a field of the container instead of `lifecycle`. */
const SEED_002_MISPLACED_PRESTOP = SEED_002.replace(
  /^ {8}lifecycle:\n {10}preStop:\n((?: {12}.*\n)+)/m,
  (_all, body: string) => `        lifecycle:\n        preStop:\n${body.replace(/^ {2}/gm, '')}`,
);
const CRD_OBJECT = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  anything: [1, 2]
  notInAnySchema: true
`;
const HELM_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  bogusField: {{ .Values.x }}
`;

const schemaDiagnostics = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === SCHEMA_SOURCE);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

function deployments(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.0
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
`);
  }
  return docs.join('---\n');
}

describe('schema data', () => {
  it('ships a trimmed schema that knows the manifest kinds, not every kind', () => {
    const data = SchemaData.parse(readSchemaFile());
    for (const key of [
      'apps/v1/Deployment',
      'v1/Service',
      'policy/v1/PodDisruptionBudget',
      'autoscaling/v2/HorizontalPodAutoscaler',
      'batch/v1/CronJob',
      'networking.k8s.io/v1/NetworkPolicy',
      'rbac.authorization.k8s.io/v1/ClusterRole',
      'v1/PersistentVolumeClaim',
      'storage.k8s.io/v1/StorageClass',
      'v1/ResourceQuota',
    ]) {
      assert.ok(data.has(key), key);
    }
    assert.equal(data.has('apiextensions.k8s.io/v1/CustomResourceDefinition'), false);
    assert.equal(data.has('autoscaling/v2beta2/HorizontalPodAutoscaler'), false, 'not served by 1.32');
    const size = statSync(findSchemaFile()!).size;
    assert.ok(size < 600 * 1024, `schemas/kubernetes.json is ${size} bytes`);
    // Descriptions are kept for hover.
    assert.match(JSON.stringify(data.bundle.definitions['io.k8s.api.core.v1.SecurityContext']), /read-only root filesystem/);
  });

  it('selects a schema by apiVersion/kind; none for CRDs, unknown kinds and Helm templates', () => {
    const data = SchemaData.parse(readSchemaFile());
    const has = (key: string) => data.has(key);
    assert.equal(selectSchema(UNHARDENED_DEPLOYMENT, has), 'apps/v1/Deployment');
    assert.equal(selectSchema('kind: "Service"\napiVersion: v1 # core\n', has), 'v1/Service');
    assert.equal(selectSchema(CRD_OBJECT, has), undefined);
    assert.equal(selectSchema(HELM_TEMPLATE, has), undefined);
    assert.equal(selectSchema('kind: Deployment\n', has), undefined);
    assert.deepEqual(typeMetaOf('spec:\n  kind: Nested\napiVersion: v1\nkind: Pod\n'), { apiVersion: 'v1', kind: 'Pod' });
  });
});

describe('Red Hat YAML detection (client)', () => {
  it('uses the option and notification names the server reads', () => {
    assert.equal(client.RED_HAT_YAML_OPTION, RED_HAT_YAML_OPTION);
    assert.equal(client.RED_HAT_YAML_NOTIFICATION, RED_HAT_YAML_NOTIFICATION);
    assert.equal(client.RED_HAT_YAML_EXTENSION_ID, 'redhat.vscode-yaml');
  });

  it('recognises Kubernetes schema associations in yaml.schemas', () => {
    for (const key of [
      'kubernetes',
      'Kubernetes',
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.32.0-standalone-strict/all.json',
    ]) {
      assert.ok(client.isKubernetesSchemaKey(key), key);
    }
    for (const key of ['https://json.schemastore.org/github-workflow.json', 'https://json.schemastore.org/kustomization.json', './schemas/app.json']) {
      assert.ok(!client.isKubernetesSchemaKey(key), key);
    }
  });
});

describe('schema service (in-process)', () => {
  it('never resolves a URL: the request service serves only bundled schemas and throws for the rest', async () => {
    const service = new KubernetesSchemaService({ load: () => loadSchema() });
    for (const uri of [
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.32.2-standalone-strict/all.json',
      'http://example.com/schema.json',
      'file:///etc/passwd',
      'harden-k8s://schemas/example.com/v1/Widget.json',
    ]) {
      assert.throws(() => service.requestSchema(uri), OfflineSchemaError, uri);
    }
    assert.match(await service.requestSchema('harden-k8s://schemas/apps/v1/Deployment.json'), /"readOnlyRootFilesystem"/);
  });

  it('validates, hovers and completes with bundled schemas only, reading the schema file once', async () => {
    let reads = 0;
    const service = new KubernetesSchemaService({ load: () => (reads++, SchemaData.parse(readSchemaFile())) });
    assert.deepEqual(await service.validate('file:///a.yaml', SEED_002), []);
    const diagnostics = await service.validate('file:///b.yaml', SEED_002_MISPLACED_PRESTOP);
    assert.ok(diagnostics?.some((d) => String(d.message).includes('preStop')));
    await service.validate('file:///c.yaml', `${UNHARDENED_DEPLOYMENT}---\n${CRD_OBJECT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n`);
    await service.hover(SEED_002, { line: lineOf(SEED_002, 'readOnlyRootFilesystem'), character: 12 });
    assert.equal(reads, 1, 'one read of schemas/kubernetes.json for every kind and file');
    assert.ok(service.requestedUris.length > 0);
    for (const uri of service.requestedUris) assert.match(uri, /^harden-k8s:\/\/schemas\//, 'no http(s) or file request');
    assert.equal(new Set(service.requestedUris).size, service.requestedUris.length, 'each kind requested once');
  });

  it('re-validates only the document whose text changed, and places diagnostics on the right lines', async () => {
    const service = new KubernetesSchemaService({ load: () => loadSchema() });
    const text = deployments(50);
    assert.deepEqual(await service.validate('file:///many.yaml', text), []);
    assert.equal(service.validations, 50);
    const edited = text.replace('  name: app-37\nspec:\n  replicas: 2', '  name: app-37\nspec:\n  replicaz: 2');
    const diagnostics = (await service.validate('file:///many.yaml', edited))!;
    assert.equal(service.validations, 51, 'one more document validated');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, lineOf(edited, 'replicaz'));
    assert.match(String(diagnostics[0].message), /replicaz/);
  });
});

describe('schema validation through the language server', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('reports the seed 002 preStop at the wrong indentation on `preStop`', async () => {
    const uri = fileUri('schema/seed-002-misplaced.yaml');
    // The server's first validation loads the schemas: harden's own diagnostics are published before that.
    const first = await client.open(uri, SEED_002_MISPLACED_PRESTOP);
    assert.ok(first.diagnostics.some((d) => d.source !== SCHEMA_SOURCE));
    const published = await client.waitForDiagnostics(uri, { version: 1, where: (p) => schemaDiagnostics(p.diagnostics).length > 0 });
    const line = lineOf(SEED_002_MISPLACED_PRESTOP, 'preStop:');
    const onPreStop = schemaDiagnostics(published.diagnostics).filter((d) => d.range.start.line === line);
    assert.equal(onPreStop.length, 1, JSON.stringify(published.diagnostics));
    const column = SEED_002_MISPLACED_PRESTOP.split('\n')[line].indexOf('preStop');
    assert.deepEqual(onPreStop[0].range, { start: { line, character: column }, end: { line, character: column + 'preStop'.length } });
    assert.match(String(onPreStop[0].message), /preStop/);
    // Harden's own diagnostics are still there, beside the schema ones.
    assert.ok(published.diagnostics.some((d) => d.source !== SCHEMA_SOURCE));
    await client.close(uri);
  });

  it('reports nothing on valid manifests (seed 002 as written, a Deployment)', async () => {
    for (const [name, text] of [
      ['seed-002.yaml', SEED_002],
      ['deployment.yaml', UNHARDENED_DEPLOYMENT],
    ]) {
      const uri = fileUri(`schema/${name}`);
      const published = await client.open(uri, text);
      assert.deepEqual(schemaDiagnostics(published.diagnostics), [], name);
      await client.waitForLog(new RegExp(`schema: validated \\d+ document\\(s\\) of ${uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      await client.close(uri);
    }
  });

  it('stays silent on unknown kinds (CRDs) and Helm templates', async () => {
    const uri = fileUri('schema/crd-and-helm.yaml');
    const published = await client.open(uri, `${CRD_OBJECT}---\n${HELM_TEMPLATE}`);
    assert.deepEqual(schemaDiagnostics(published.diagnostics), []);
    await client.close(uri);
  });

  it('reports unknown fields and wrong types', async () => {
    const uri = fileUri('schema/wrong.yaml');
    const text = UNHARDENED_DEPLOYMENT.replace('  replicas: 2', '  replicas: two\n  replicaCount: 2');
    const published = await client.open(uri, text);
    const found = schemaDiagnostics(published.diagnostics);
    assert.ok(
      found.some((d) => d.range.start.line === lineOf(text, 'replicas: two') && /Incorrect type/.test(String(d.message))),
      JSON.stringify(found),
    );
    assert.ok(
      found.some((d) => d.range.start.line === lineOf(text, 'replicaCount') && /replicaCount/.test(String(d.message))),
      JSON.stringify(found),
    );
    await client.close(uri);
  });

  it('shows field documentation on hover', async () => {
    const uri = fileUri('schema/hover.yaml');
    await client.open(uri, SEED_002);
    const line = lineOf(SEED_002, 'readOnlyRootFilesystem');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: SEED_002.split('\n')[line].indexOf('readOnly') + 3 },
    })) as Hover | null;
    assert.ok(hover, 'a hover');
    assert.match((hover.contents as MarkupContent).value, /^\*\*readOnlyRootFilesystem\*\*\n\nWhether this container has a read-only root filesystem/);
    await client.close(uri);
  });

  it('follows harden.schema.enable and the Red Hat YAML switch live', async () => {
    const uri = fileUri('schema/toggle.yaml');
    const text = UNHARDENED_DEPLOYMENT.replace('  replicas: 2', '  replicaCount: 2');
    const published = await client.open(uri, text);
    assert.equal(schemaDiagnostics(published.diagnostics).length, 1);

    let mark = client.mark();
    client.settings = { schema: { enable: false } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    let next = await client.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(schemaDiagnostics(next.diagnostics), []);
    assert.ok(next.diagnostics.length > 0, 'harden diagnostics stay');

    mark = client.mark();
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    next = await client.waitForDiagnostics(uri, { after: mark });
    assert.equal(schemaDiagnostics(next.diagnostics).length, 1);

    // The client says Red Hat's YAML extension validates Kubernetes: ours steps aside unless overridden.
    mark = client.mark();
    await client.connection.sendNotification('harden/redHatYaml', { active: true });
    next = await client.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(schemaDiagnostics(next.diagnostics), []);
    mark = client.mark();
    client.settings = { 'schema.override': true };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    next = await client.waitForDiagnostics(uri, { after: mark });
    assert.equal(schemaDiagnostics(next.diagnostics).length, 1);
    client.settings = {};
    await client.connection.sendNotification('harden/redHatYaml', { active: false });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.close(uri);
  });

  it('validates a 1,000-document file per document: an edit re-validates one document', { timeout: 120_000 }, async () => {
    const uri = fileUri('schema/thousand.yaml');
    const text = deployments(1000);
    const logsBefore = client.logs.length;
    await client.open(uri, text);
    const validatedLog = /schema: validated (\d+) document\(s\) of (\S+)/;
    const counts = () =>
      client.logs
        .slice(logsBefore)
        .map((message) => validatedLog.exec(message))
        .filter((m): m is RegExpExecArray => m !== null && m[2] === uri)
        .map((m) => Number(m[1]));
    const first = await client.waitForDiagnostics(uri, { version: 1, timeoutMs: 100_000 });
    // The background validation of the other documents finds nothing, so nothing needs re-publishing
    // (the server does not resend identical diagnostics): wait for its log lines instead.
    for (let waited = 0; counts().reduce((a, b) => a + b, 0) < 1000 && waited < 100_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const latest = client.published.filter((p) => p.uri === uri).pop() ?? first;
    assert.deepEqual(schemaDiagnostics(latest.diagnostics), []);
    assert.equal(
      counts().reduce((a, b) => a + b, 0),
      1000,
      'every document validated once',
    );

    const seen = counts().length;
    const line = lineOf(text, 'name: app-777') + 2; // `  replicas: 2` of document 777
    const version = await client.change(uri, [{ range: { start: { line, character: 8 }, end: { line, character: 9 } }, newText: 'z' }]);
    const published = await client.waitForDiagnostics(uri, { version, where: (p) => schemaDiagnostics(p.diagnostics).length > 0, timeoutMs: 30_000 });
    assert.deepEqual(counts().slice(seen), [1], 'the edit re-validated exactly one document');
    const found = schemaDiagnostics(published.diagnostics);
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, line);
    await client.close(uri);
  });
});
