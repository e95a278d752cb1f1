// Kustomize's legacy `vars:`: declared anywhere in the build, each var reads a field of the object it names
// once names are final, and `$(NAME)` is expanded in the varReference fields (kustomize 5.5's semantics:
// api/internal/accumulator/resaccumulator.go, api/filters/refvar).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, lintKustomizations } from '../../server/src/engine';
import { BuildCache, buildKustomization, toJS } from '../../server/src/engine/testing';
import { memoryFileSystem } from './helpers';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: db
  labels: {tier: backend}
spec:
  ports:
  - name: pg
    port: 5432
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        args: ["--db=$(DB_HOST):$(DB_PORT)", "--cost=$$(DB_HOST)", "$$HOME", "$(UNKNOWN)"]
        env:
        - name: DB_HOST
          value: $(DB_HOST)
        - name: DB_PORT
          value: $(DB_PORT)
        - name: TIER
          value: tier-$(DB_TIER)
        - name: IMAGE_UNTOUCHED
          valueFrom: {fieldRef: {fieldPath: $(DB_HOST)}}
`;

const BASE_VARS = `resources: [service.yaml, deployment.yaml]
vars:
- name: DB_HOST
  objref: {kind: Service, name: db, apiVersion: v1}
- name: DB_PORT
  objref: {kind: Service, name: db, apiVersion: v1}
  fieldref: {fieldPath: "spec.ports[0].port"}
- name: DB_TIER
  objRef: {kind: Service, name: db, version: v1}
  fieldRef: {fieldPath: metadata.labels.tier}
`;

function build(files: Record<string, string>, path = '/w/overlay/kustomization.yaml', cache?: BuildCache) {
  return buildKustomization(memoryFileSystem(files), path, { roots: ['/w'], cache });
}

function container(result: ReturnType<typeof build>) {
  const deployment = result.resources.find((r) => toJS(r.root) && (toJS(r.root) as { kind: string }).kind === 'Deployment')!;
  const js = toJS(deployment.root) as {
    spec: { template: { spec: { containers: Array<{ args: unknown[]; env: Array<{ name: string; value?: unknown }> }> } } };
  };
  const c = js.spec.template.spec.containers[0];
  return { args: c.args, env: Object.fromEntries(c.env.map((e) => [e.name, e.value])), deployment };
}

const errors = (result: ReturnType<typeof build>) => result.problems.filter((p) => p.severity === 'error').map((p) => p.message);

const baseFiles = (kustomization = BASE_VARS) => ({
  '/w/base/kustomization.yaml': kustomization,
  '/w/base/service.yaml': SERVICE,
  '/w/base/deployment.yaml': DEPLOYMENT,
});

describe('kustomize vars', () => {
  it('expands vars declared in a base, with the final name of an overlay’s prefix', () => {
    const result = build({ ...baseFiles(), '/w/overlay/kustomization.yaml': 'resources: [../base]\nnamePrefix: prod-\n' });
    assert.deepEqual(errors(result), []);
    const { args, env } = container(result);
    assert.deepEqual(args, ['--db=prod-db:5432', '--cost=$(DB_HOST)', '$HOME', '$(UNKNOWN)']);
    // A field holding only `$(NAME)` takes the value's type: the port stays a number.
    assert.equal(env.DB_HOST, 'prod-db');
    assert.equal(env.DB_PORT, 5432);
    assert.equal(env.TIER, 'tier-backend');
  });

  it('builds the base alone with its own names', () => {
    const result = build(baseFiles(), '/w/base/kustomization.yaml');
    assert.deepEqual(errors(result), []);
    assert.equal(container(result).env.DB_HOST, 'db');
  });

  it('keeps a base’s vars when the base comes from the build cache', () => {
    const cache = new BuildCache();
    const files = {
      ...baseFiles(),
      '/w/overlay/kustomization.yaml': 'resources: [../base]\nnamePrefix: prod-\n',
      '/w/dev/kustomization.yaml': 'resources: [../base]\nnamePrefix: dev-\n',
    };
    for (let i = 0; i < 2; i++) {
      assert.equal(container(build(files, '/w/overlay/kustomization.yaml', cache)).env.DB_HOST, 'prod-db');
      assert.equal(container(build(files, '/w/dev/kustomization.yaml', cache)).env.DB_HOST, 'dev-db');
    }
    assert.ok(cache.entries.has('/w/base/kustomization.yaml'));
  });

  it('takes the vars a component declares, naming its includer’s objects', () => {
    const result = build({
      '/w/base/kustomization.yaml': 'resources: [service.yaml, deployment.yaml]\n',
      '/w/base/service.yaml': SERVICE,
      '/w/base/deployment.yaml': DEPLOYMENT,
      '/w/comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nvars:\n- name: DB_HOST\n  objref: {kind: Service, name: db, apiVersion: v1}\n',
      '/w/overlay/kustomization.yaml': 'resources: [../base]\ncomponents: [../comp]\nnameSuffix: -x\n',
    });
    assert.deepEqual(errors(result), []);
    assert.equal(container(result).env.DB_HOST, 'db-x');
  });

  it('only expands varReference fields (an env valueFrom is left as written)', () => {
    const { deployment } = container(build({ ...baseFiles(), '/w/overlay/kustomization.yaml': 'resources: [../base]\n' }));
    const js = JSON.stringify(toJS(deployment.root));
    assert.match(js, /"fieldPath":"\$\(DB_HOST\)"/);
  });

  it('names the object by its raw name in the declaring kustomization, whatever prefix its base added', () => {
    const result = build({
      '/w/base/kustomization.yaml': 'resources: [service.yaml, deployment.yaml]\nnamePrefix: base-\n',
      '/w/base/service.yaml': SERVICE,
      '/w/base/deployment.yaml': DEPLOYMENT,
      '/w/overlay/kustomization.yaml': 'resources: [../base]\nnameSuffix: -v2\nvars:\n- name: DB_HOST\n  objref: {kind: Service, name: db, apiVersion: v1}\n',
    });
    assert.deepEqual(errors(result), []);
    assert.equal(container(result).env.DB_HOST, 'base-db-v2');
    assert.equal(container(result).env.DB_PORT, '$(DB_PORT)');
  });

  it('reads list items by field value and keys holding dots', () => {
    const result = build({
      ...baseFiles(`resources: [service.yaml, deployment.yaml]
vars:
- name: DB_PORT
  objref: {kind: Service, name: db, apiVersion: v1}
  fieldref: {fieldPath: "spec.ports.[name=pg].port"}
- name: DB_HOST
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldPath: "data.[db.host]"}
- name: DB_TIER
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldPath: "data.tier\\\\.name"}
configMapGenerator:
- name: cfg
  literals: [db.host=db.example.com, tier.name=gold]
`),
      '/w/overlay/kustomization.yaml': 'resources: [../base]\n',
    });
    assert.deepEqual(errors(result), []);
    const { env } = container(result);
    assert.deepEqual([env.DB_HOST, env.DB_PORT, env.TIER], ['db.example.com', 5432, 'tier-gold']);
  });

  it('refuses a var name declared twice, on the second declaration', () => {
    const overlay = 'resources: [../base]\nvars:\n- name: DB_HOST\n  objref: {kind: Deployment, name: app, apiVersion: apps/v1}\n';
    const result = build({ ...baseFiles(), '/w/overlay/kustomization.yaml': overlay });
    const problem = result.problems.find((p) => /var "DB_HOST" is already declared/.test(p.message));
    assert.ok(problem, JSON.stringify(result.problems));
    assert.equal(problem.file, '/w/overlay/kustomization.yaml');
    assert.equal(overlay.slice(problem.start, problem.end), 'DB_HOST');
    // The first declaration wins.
    assert.equal(container(result).env.DB_HOST, 'db');
  });

  it('refuses the same var name from two bases, on the second base’s entry', () => {
    const other = 'resources: [cm.yaml]\nvars:\n- name: DB_HOST\n  objref: {kind: ConfigMap, name: other, apiVersion: v1}\n';
    const overlay = 'resources:\n- ../base\n- ../other\n';
    const result = build({
      ...baseFiles(),
      '/w/other/kustomization.yaml': other,
      '/w/other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n',
      '/w/overlay/kustomization.yaml': overlay,
    });
    const problem = result.problems.find((p) => /var "DB_HOST" is declared twice/.test(p.message));
    assert.ok(problem, JSON.stringify(result.problems));
    assert.equal(overlay.slice(problem.start, problem.end), '../other');
  });

  it('reports a var whose object or field is missing on the var’s line, and expands the others', () => {
    const kustomization = `resources: [service.yaml, deployment.yaml]
vars:
- name: DB_HOST
  objref: {kind: Service, name: nowhere, apiVersion: v1}
- name: DB_PORT
  objref: {kind: Service, name: db}
- name: DB_TIER
  objref: {kind: Service, name: db, apiVersion: v1}
  fieldref: {fieldPath: spec.clusterIP}
- name: UNKNOWN
  objref: {kind: Service, name: db, apiVersion: v1}
`;
    const result = build(baseFiles(kustomization), '/w/base/kustomization.yaml');
    const at = (name: string) => result.problems.find((p) => kustomization.slice(p.start, p.end) === name)?.message;
    assert.match(at('DB_HOST') ?? '', /cannot be mapped to a field in the set of known resources: no Service "nowhere"/);
    assert.match(at('DB_PORT') ?? '', /the objref needs its apiVersion/);
    assert.match(at('DB_TIER') ?? '', /field "spec.clusterIP" not found in Service db/);
    const { args, env } = container(result);
    assert.equal(env.DB_HOST, '$(DB_HOST)');
    assert.equal(args[3], 'db');
  });

  it('needs an objref namespace when the name is in several namespaces (krusty TestVariablesAmbiguous)', () => {
    const services = ['dev', 'test'].map((ns) => `apiVersion: v1\nkind: Service\nmetadata: {name: es, namespace: ${ns}}\n`).join('---\n');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: dev}\nspec:\n  containers:\n  - name: c\n    image: c\n    args: [$(ES)]\n';
    const kustomization = (namespace: string) =>
      `resources: [services.yaml, pod.yaml]\nvars:\n- name: ES\n  objref: {kind: Service, name: es, apiVersion: v1${namespace}}\n  fieldref: {fieldpath: metadata.namespace}\n`;
    const files = { '/w/k/services.yaml': services, '/w/k/pod.yaml': pod };
    const ambiguous = build({ ...files, '/w/k/kustomization.yaml': kustomization('') }, '/w/k/kustomization.yaml');
    assert.ok(
      errors(ambiguous).some((m) => /var "ES" matches 2 objects \(Service dev\/es, Service test\/es\)/.test(m)),
      errors(ambiguous).join('\n'),
    );
    const chosen = build({ ...files, '/w/k/kustomization.yaml': kustomization(', namespace: test') }, '/w/k/kustomization.yaml');
    assert.deepEqual(errors(chosen), []);
    const args = (
      toJS(chosen.resources.find((r) => (toJS(r.root) as { kind: string }).kind === 'Pod')!.root) as { spec: { containers: Array<{ args: string[] }> } }
    ).spec.containers[0].args;
    assert.deepEqual(args, ['test']);
  });

  it('refuses a non-string item in a list it expands, as kustomize does', () => {
    const deployment = DEPLOYMENT.replace('"$(UNKNOWN)"]', '"$(UNKNOWN)", 8080]');
    const result = build({ ...baseFiles(), '/w/base/deployment.yaml': deployment }, '/w/base/kustomization.yaml');
    const problem = result.problems.find((p) => /"args" must be a list of strings/.test(p.message));
    assert.ok(problem, JSON.stringify(result.problems));
    assert.equal(deployment.slice(problem.start, problem.end), '8080');
    assert.deepEqual(container(result).args, ['--db=db:5432', '--cost=$(DB_HOST)', '$HOME', '$(UNKNOWN)', 8080]);
  });

  it('reads varReference field specs from configurations', () => {
    const crd = 'apiVersion: example.com/v1\nkind: MyApp\nmetadata: {name: my}\nspec:\n  url: http://$(DB_HOST)/\n  other: $(DB_HOST)\n';
    const files = {
      ...baseFiles(),
      '/w/overlay/myapp.yaml': crd,
      '/w/overlay/varref.yaml': 'varReference:\n- path: spec/url\n  kind: MyApp\n',
    };
    const spec = (result: ReturnType<typeof build>) =>
      (toJS(result.resources.find((r) => (toJS(r.root) as { kind: string }).kind === 'MyApp')!.root) as { spec: unknown }).spec;
    const without = build({ ...files, '/w/overlay/kustomization.yaml': 'resources: [../base, myapp.yaml]\n' });
    assert.deepEqual(spec(without), { url: 'http://$(DB_HOST)/', other: '$(DB_HOST)' });
    const withConfig = build({ ...files, '/w/overlay/kustomization.yaml': 'resources: [../base, myapp.yaml]\nconfigurations: [varref.yaml]\n' });
    assert.deepEqual(errors(withConfig), []);
    assert.deepEqual(spec(withConfig), { url: 'http://db/', other: '$(DB_HOST)' });
  });

  it('keeps where `$(VAR)` was written as the substituted value’s position', () => {
    const result = build({ ...baseFiles(), '/w/overlay/kustomization.yaml': 'resources: [../base]\nnamePrefix: prod-\n' });
    const { deployment } = container(result);
    const js = deployment.root;
    const find = (node: typeof js, value: string): { origin?: { file: string; start: number } } | undefined => {
      for (const pair of node.items) {
        const v = pair.value;
        if (v.type === 'scalar' && v.value === value) return v;
        const items = v.type === 'map' ? [v] : v.type === 'seq' ? v.items.filter((i) => i.type === 'map') : [];
        for (const item of items) {
          const found = item.type === 'map' ? find(item, value) : undefined;
          if (found) return found;
        }
      }
      return undefined;
    };
    const node = find(js, 'prod-db');
    assert.ok(node?.origin);
    assert.equal(node.origin.file, '/w/base/deployment.yaml');
    assert.equal(DEPLOYMENT.slice(node.origin.start).split('\n')[0], '$(DB_HOST)');
  });

  it('reports var problems as build errors of the lint', () => {
    const fs = memoryFileSystem({
      ...baseFiles('resources: [service.yaml, deployment.yaml]\nvars:\n- name: DB_HOST\n  objref: {kind: Service, name: gone, apiVersion: v1}\n'),
    });
    const result = lintKustomizations(['/w/base/kustomization.yaml'], DEFAULT_SETTINGS, fs, { roots: ['/w'] });
    const findings = result.byFile.get('/w/base/kustomization.yaml') ?? [];
    const found = findings.find((f) => f.ruleId === 'kustomize/build-error' && /var "DB_HOST" cannot be mapped/.test(f.message));
    assert.ok(found, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(found.range.start.line, 2);
  });
});
