// Schemas for custom resources, per Kubernetes minor, and `$schema` modelines, in-process with the real schema
// service (the bundled schemas, a real CRD from the corpus: prometheus-operator's Prometheus).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { stringify } from 'yaml';
import { CORPUS_DIR } from '../harness/fixtures';
import { crdSchemas, CustomResourceSchemas, mayDefineCrdOf } from '../../server/src/services/schema/custom';
import { SCHEMA_MINORS, schemaMinorFor } from '../../server/src/services/schema/data';
import { findSchemaFile, loadSchema } from '../../server/src/hosts/node/schemaFile';
import { KubernetesSchemaService } from '../../server/src/services/schema/service';

const CRD_PATH = join(CORPUS_DIR, 'k8s', 'promop-crd-prometheuses.yaml');
const CRD = readFileSync(CRD_PATH, 'utf8');
const PROMETHEUS = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: main
spec:
  replicas: 2
  retention: 15d
`;

function serviceWith(custom: CustomResourceSchemas, minor = SCHEMA_MINORS[SCHEMA_MINORS.length - 1], readFile?: (p: string) => string | undefined) {
  return new KubernetesSchemaService({ load: () => loadSchema(minor), custom, readFile });
}

const messages = (diagnostics: Array<{ message: unknown; range: { start: { line: number } } }> | undefined) =>
  (diagnostics ?? []).map((d) => `${d.range.start.line + 1}: ${String(d.message)}`);

describe('custom resource schemas', () => {
  it('reads every version of a real CRD, with apiVersion/kind/metadata and closed objects', () => {
    const schemas = crdSchemas(CRD);
    assert.deepEqual([...schemas.keys()], ['monitoring.coreos.com/v1/Prometheus']);
    const schema = schemas.get('monitoring.coreos.com/v1/Prometheus')!;
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    for (const field of ['apiVersion', 'kind', 'metadata', 'spec']) assert.ok(properties[field], `${field} is a known field`);
    assert.equal((properties.spec as Record<string, unknown>).additionalProperties, false, 'unknown spec fields are reported');
  });

  it('tells cheaply whether a file may define a CRD of the groups a run uses (the CLI parses only those)', () => {
    assert.equal(mayDefineCrdOf(CRD, new Set(['monitoring.coreos.com'])), true);
    assert.equal(mayDefineCrdOf(CRD, new Set(['argoproj.io', 'cert-manager.io'])), false);
    assert.equal(mayDefineCrdOf(CRD, new Set()), false);
    const quoted = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: "argoproj.io" # workflows\n';
    assert.equal(mayDefineCrdOf(quoted, new Set(['argoproj.io'])), true);
    assert.equal(mayDefineCrdOf('kind: ConfigMap\ndata:\n  group: argoproj.io\n', new Set(['argoproj.io'])), false, 'not a CRD');
  });

  it('parses a CRD file only when a schema of its group is asked for (vendored CRDs run to megabytes)', () => {
    const custom = new CustomResourceSchemas();
    const other = CRD.replace(/monitoring\.coreos\.com/g, 'example.com');
    assert.equal(custom.setFile('/w/prometheus-crd.yaml', CRD), true);
    assert.equal(custom.setFile('/w/other-crd.yaml', other), true);
    assert.deepEqual(custom.keys(), [], 'nothing parsed yet');
    assert.deepEqual(custom.paths(), ['/w/prometheus-crd.yaml', '/w/other-crd.yaml']);
    const generation = custom.generation;
    assert.equal(custom.has('monitoring.coreos.com/v1/Prometheus'), true);
    assert.deepEqual(custom.keys(), ['monitoring.coreos.com/v1/Prometheus'], 'only the group asked for');
    assert.ok(custom.generation > generation, 'caches built before the parse start over');
    assert.equal(custom.setFile('/w/prometheus-crd.yaml', CRD), false, 'the same text changes nothing');
    assert.equal(custom.has('example.com/v1/Prometheus'), true);
    assert.equal(custom.setFile('/w/prometheus-crd.yaml', undefined), true);
    assert.equal(custom.has('monitoring.coreos.com/v1/Prometheus'), false);
    assert.equal(custom.setFile('/w/other-crd.yaml', 'kind: ConfigMap\n'), true, 'a file that no longer defines CRDs');
    assert.deepEqual(custom.paths(), []);
  });

  it('validates a custom resource once its CRD is in the workspace, and stops when it leaves', async () => {
    const custom = new CustomResourceSchemas();
    const service = serviceWith(custom);
    assert.deepEqual(await service.validate('file:///w/prom.yaml', `${PROMETHEUS}  replicaz: 3\n`), [], 'no CRD: no schema');
    assert.equal(custom.setFile('/w/crds/prometheus.yaml', CRD), true);
    assert.deepEqual(messages(await service.validate('file:///w/prom.yaml', `${PROMETHEUS}  replicaz: 3\n`)), [
      '8: Property replicaz is not allowed. (schema from CustomResourceDefinition prometheuses.monitoring.coreos.com in crds/prometheus.yaml:2)',
    ]);
    assert.deepEqual(messages(await service.validate('file:///w/prom.yaml', PROMETHEUS.replace('replicas: 2', 'replicas: two'))), [
      '6: Incorrect type. Expected "integer". (schema from CustomResourceDefinition prometheuses.monitoring.coreos.com in crds/prometheus.yaml:2)',
    ]);
    assert.deepEqual(await service.validate('file:///w/prom.yaml', PROMETHEUS), []);
    assert.equal(custom.setFile('/w/crds/prometheus.yaml', CRD), false, 'same text: nothing changes');
    assert.equal(custom.setFile('/w/crds/prometheus.yaml', undefined), true);
    assert.deepEqual(await service.validate('file:///w/prom.yaml', `${PROMETHEUS}  replicaz: 3\n`), []);
  });

  it("names the CRD a custom resource's problems come from: linted alone, the file has none (istio samples)", async () => {
    const crd = (name: string, group: string) =>
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}\nspec:\n  group: ${group}\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {type: object, properties: {size: {type: integer}}}\n`;
    const custom = new CustomResourceSchemas();
    custom.setFile('/w/crd.yaml', `${crd('gadgets.other.io', 'other.io')}---\n# the one used\n${crd('widgets.example.com', 'example.com')}`);
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 2\n  color: red\n';
    assert.deepEqual(messages(await serviceWith(custom).validate('file:///w/other/widget.yaml', widget)), [
      '7: Property color is not allowed. (schema from CustomResourceDefinition widgets.example.com in ../crd.yaml:20)',
    ]);
  });

  it('a required field with a default may be left out (the API server defaults before it validates); one without may not', async () => {
    // opentelemetry-operator's OpenTelemetryCollector: spec.managementState is required, with `default: managed`.
    // The CRD as data, its schema being what the test is about.
    const crd = stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'collectors.example.io' },
      spec: {
        group: 'example.io',
        names: { kind: 'Collector', plural: 'collectors' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    required: ['managementState', 'mode'],
                    properties: { managementState: { type: 'string', default: 'managed' }, mode: { type: 'string' } },
                  },
                },
              },
            },
          },
        ],
      },
    });
    const custom = new CustomResourceSchemas();
    custom.setFile('/w/crds/collector.yaml', crd);
    const service = serviceWith(custom);
    const collector = 'apiVersion: example.io/v1\nkind: Collector\nmetadata:\n  name: c\nspec:\n  mode: deployment\n';
    assert.deepEqual(messages(await service.validate('file:///w/c.yaml', collector)), []);
    assert.deepEqual(messages(await service.validate('file:///w/c.yaml', collector.replace('  mode: deployment\n', '  managementState: managed\n'))), [
      '5: Missing property "mode". (schema from CustomResourceDefinition collectors.example.io in crds/collector.yaml:1)',
    ]);
  });

  it('hovers and completes custom resources from the CRD', async () => {
    const custom = new CustomResourceSchemas();
    custom.setFile('/w/crds/prometheus.yaml', CRD);
    const service = serviceWith(custom);
    const hover = await service.hover(PROMETHEUS, { line: 5, character: 4 });
    assert.ok(hover, 'a hover on spec.replicas');
    assert.match((hover.contents as MarkupContent).value, /^\*\*replicas\*\*\n\nreplicas defines the number of replicas of each shard to deploy/);
    const items = await service.complete(`${PROMETHEUS}  `, { line: 7, character: 2 });
    const labels = items.map((i) => i.label);
    for (const field of ['serviceMonitorSelector', 'ruleSelector', 'podMetadata']) assert.ok(labels.includes(field), `${field} offered`);
  });
});

describe('schemas per Kubernetes minor', () => {
  it('ships the last three minors and picks the nearest', () => {
    assert.deepEqual([...SCHEMA_MINORS], ['1.30', '1.31', '1.32']);
    for (const minor of SCHEMA_MINORS) assert.ok(findSchemaFile(minor), `schemas/kubernetes-${minor}.json`);
    assert.equal(schemaMinorFor('1.31'), '1.31');
    assert.equal(schemaMinorFor('1.24'), '1.30');
    assert.equal(schemaMinorFor('1.35'), '1.32');
    assert.equal(schemaMinorFor('garbage'), '1.32');
  });

  it('validates against the targeted minor: pod-level resources exist from 1.32 on', async () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  resources:\n    limits:\n      cpu: "1"\n  containers:\n  - name: app\n    image: app:1\n';
    const custom = new CustomResourceSchemas();
    assert.deepEqual(messages(await serviceWith(custom, '1.30').validate('file:///w/pod.yaml', pod)), ['6: Property resources is not allowed.']);
    assert.deepEqual(messages(await serviceWith(custom, '1.31').validate('file:///w/pod.yaml', pod)), ['6: Property resources is not allowed.']);
    assert.deepEqual(await serviceWith(custom, '1.32').validate('file:///w/pod.yaml', pod), []);
  });
});

describe('$schema modelines', () => {
  it('validates against a local schema file, relative to the document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-modeline-'));
    const schema = { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } }, additionalProperties: false };
    writeFileSync(join(dir, 'app.schema.json'), JSON.stringify(schema));
    const read = (p: string) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    };
    const service = serviceWith(new CustomResourceSchemas(), '1.32', read);
    const text = '# yaml-language-server: $schema=./app.schema.json\nport: eighty\nhost: x\n';
    assert.deepEqual(messages(await service.validate(`file://${dir}/app.yaml`, text)), [
      '2: Incorrect type. Expected "integer".',
      '3: Property host is not allowed.',
    ]);
    const missing = await service.validate(`file://${dir}/other.yaml`, '# yaml-language-server: $schema=./nope.json\nport: 1\n');
    assert.deepEqual(
      missing?.map((d) => [d.severity, String(d.message).replace(dir, '<dir>')]),
      [[3, 'Harden cannot read the JSON schema ./nope.json (<dir>/nope.json): this document is not validated.']],
    );
  });

  it('notes on a Kubernetes object that a URL is not downloaded (Harden is offline); elsewhere the URL is for other tools', async () => {
    const service = serviceWith(new CustomResourceSchemas());
    const url = 'https://example.com/schemas/widget_v1.json';
    const object = `# yaml-language-server: $schema=${url}\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n`;
    const diagnostics = await service.validate('file:///w/widget.yaml', object);
    assert.equal(diagnostics?.length, 1);
    assert.equal(diagnostics![0].severity, 3, 'information');
    assert.match(String(diagnostics![0].message), /^Harden is offline and does not download the schema https:\/\/example\.com\/schemas\/widget_v1\.json/);
    assert.deepEqual(diagnostics![0].range, { start: { line: 0, character: 32 }, end: { line: 0, character: 32 + url.length } });
    // A helm-unittest suite, a kustomization with SchemaStore's schema: the modeline is for Red Hat YAML.
    for (const text of [
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/helm-unittest/helm-unittest/main/schema/helm-testsuite.json\nsuite: test\ntests: []\n',
      '# yaml-language-server: $schema=https://json.schemastore.org/kustomization.json\nresources: []\n',
    ]) {
      assert.deepEqual(await service.validate('file:///w/suite_test.yaml', text), [], text);
    }
    assert.deepEqual(service.requestedUris, [], 'nothing requested');
  });
});
