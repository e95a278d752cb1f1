// Cross-document results are cached with what they read of the workspace index (WorkspaceIndex.recordReads)
// and recomputed only when one of those things changed. Too coarse costs time on big files (every object of
// a namespace re-checked per keystroke); too fine would leave stale findings, which is worse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, type ObjectSummary } from '../../server/src/engine';
import { ALL_NAMESPACES, WorkspaceIndex } from '../../server/src/engine/testing';
import { teamHpa } from '../harness/manifests';

const summary = (kind: string, name: string, namespace?: string): ObjectSummary => ({ path: `/w/${name}.yaml`, apiVersion: 'v1', kind, name, namespace });

describe('workspace index: what a computation read', () => {
  it('a read of one kind in one namespace changes only with that kind there', () => {
    const index = new WorkspaceIndex();
    index.setFile('/w/a.yaml', [summary('Deployment', 'a', 'team')]);
    const { value, reads } = index.recordReads(() => index.ofKind('HorizontalPodAutoscaler', 'team').length);
    assert.equal(value, 0);
    index.setFile('/w/b.yaml', [summary('Deployment', 'b', 'team')]);
    index.setFile('/w/c.yaml', [summary('HorizontalPodAutoscaler', 'c', 'other')]);
    assert.equal(index.isUnchanged(reads), true, 'another kind, or the same kind elsewhere');
    index.setFile('/w/d.yaml', [summary('HorizontalPodAutoscaler', 'd', 'team')]);
    assert.equal(index.isUnchanged(reads), false);
  });

  it('computations that read the same things at the same counters share one read set, whose answer holds until the next change', () => {
    const index = new WorkspaceIndex();
    const read = () => index.recordReads(() => index.ofKind('Service', 'team')).reads;
    const first = read();
    const second = read();
    assert.equal(second, first, 'one set for both (a large file checks each distinct set once per keystroke)');
    assert.equal(index.isUnchanged(first), true);
    index.setFile('/w/s.yaml', [summary('Service', 's', 'team')]);
    assert.equal(index.isUnchanged(second), false, 'the answer from before the change is not reused after it');
    const third = read();
    assert.notEqual(third, first, 'read after the change: another counter');
    assert.equal(index.isUnchanged(third), true);
    index.setFile('/w/c.yaml', [summary('ConfigMap', 'c', 'team')]);
    assert.deepEqual([index.isUnchanged(third), index.isUnchanged(first)], [true, false]);
    const nested = index.recordReads(() => [read(), read(), index.ofKind('ConfigMap', 'team')]);
    assert.notEqual(nested.value[0], third, 'sets are shared within one version of the index (the table is not kept across changes)');
    assert.equal(nested.value[1], nested.value[0], 'inner computations share one set too');
    assert.equal(index.isUnchanged(nested.value[0] as typeof third), true);
    assert.deepEqual([...nested.reads.keys()].length, 2, 'the outer set has what the inner one read, and its own');
  });

  it('a namespace read changes with any object of it; objects() with any object; Dockerfiles with Dockerfiles', () => {
    const index = new WorkspaceIndex();
    const namespace = index.recordReads(() => index.inNamespace(undefined)).reads;
    const everything = index.recordReads(() => [...index.objects()]).reads;
    const dockerfiles = index.recordReads(() => index.allDockerfiles()).reads;
    index.setFile('/w/a.yaml', [summary('ConfigMap', 'a', 'elsewhere')]);
    assert.deepEqual([index.isUnchanged(namespace), index.isUnchanged(everything), index.isUnchanged(dockerfiles)], [true, false, true]);
    index.setFile('/w/b.yaml', [summary('ConfigMap', 'b')]);
    assert.equal(index.isUnchanged(namespace), false, 'the default namespace');
    index.setDockerfile({ path: '/w/Dockerfile', user: '1000' });
    assert.equal(index.isUnchanged(dockerfiles), false);
  });

  it('a kind read everywhere changes with that kind in any namespace; removing an object is a change', () => {
    const index = new WorkspaceIndex();
    index.setFile('/w/p.yaml', [summary('PodDisruptionBudget', 'p', 'x')]);
    const { reads } = index.recordReads(() => index.ofKindEverywhere('PodDisruptionBudget'));
    index.setFile('/w/q.yaml', [summary('Service', 'q', 'y')]);
    assert.equal(index.isUnchanged(reads), true);
    index.removeFile('/w/p.yaml');
    assert.equal(index.isUnchanged(reads), false);
  });

  it('changes recorded while deferring stay invisible to cached reads until applied, then all at once', () => {
    const index = new WorkspaceIndex();
    const services = index.recordReads(() => index.ofKind('Service', 'n')).reads;
    const versionBefore = index.version;
    const changed = index.deferringChanges(() => index.setFile('/w/s.yaml', [summary('Service', 's', 'n')]));
    assert.equal(changed, true, 'the caller still learns that the file changed the index');
    assert.equal(index.isUnchanged(services), true);
    assert.equal(index.version, versionBefore);
    index.setFile('/w/other.yaml', [summary('ConfigMap', 'c', 'm')]);
    assert.equal(index.isUnchanged(services), true, 'a change outside deferral does not reveal the deferred ones');
    assert.equal(index.applyDeferredChanges(), true);
    assert.equal(index.isUnchanged(services), false);
    assert.deepEqual(
      index.ofKind('Service', 'n').map((o) => o.name),
      ['s'],
    );
    assert.equal(index.applyDeferredChanges(), false, 'nothing left to apply');
  });

  it('nested recordings: the outer one also depends on what the inner one read', () => {
    const index = new WorkspaceIndex();
    const outer = index.recordReads(() => index.recordReads(() => index.ofKind('Service', 'n')).reads);
    index.setFile('/w/s.yaml', [summary('Service', 's', 'n')]);
    assert.equal(index.isUnchanged(outer.value), false);
    assert.equal(index.isUnchanged(outer.reads), false);
  });
});

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: team
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: web
        image: web:1.0
`;

describe('linting with read tracking', () => {
  it('renaming one Deployment re-checks what reads Deployments (the HPA), not the other Deployments', () => {
    const linter = new Linter();
    const path = '/w/all.yaml';
    const text = [deployment('one'), deployment('two'), deployment('three'), teamHpa('one')].join('---\n');
    const before = linter.lint({ path, text }).findings;
    assert.deepEqual(
      before.filter((f) => f.ruleId === 'k8s/hpa-target'),
      [],
      'the HPA finds its target',
    );
    const renamed = text.replace('name: one\n  namespace', 'name: uno\n  namespace');
    const after = linter.lint({ path, text: renamed }).findings;
    // The HPA now points at nothing: reported, so its cached result was not reused.
    assert.equal(after.filter((f) => f.ruleId === 'k8s/hpa-target').length, 1);
    // The untouched Deployments' findings are the very same objects: their cached results were reused.
    const untouched = (findings: typeof before) => findings.filter((f) => f.range.start.line >= 18 && f.range.start.line < 54);
    assert.ok(untouched(before).length > 0);
    assert.deepEqual(
      untouched(after).map((f) => before.includes(f)),
      untouched(after).map(() => true),
    );
  });
});

describe('workspace index: lookups for references by name and by label', () => {
  const owner = (name: string, namespace: string | undefined, labels: Record<string, string>): ObjectSummary => ({
    ...summary('Deployment', name, namespace),
    podLabels: labels,
  });

  it('named(kind, name) finds every namespace and reads the kind everywhere', () => {
    const index = new WorkspaceIndex();
    index.setFile('/w/a.yaml', [summary('ConfigMap', 'cfg', 'x'), summary('ConfigMap', 'cfg', 'y'), summary('Secret', 'cfg', 'x')]);
    const { value, reads } = index.recordReads(() => index.named('ConfigMap', 'cfg').map((o) => o.namespace));
    assert.deepEqual(value, ['x', 'y']);
    index.setFile('/w/b.yaml', [summary('Secret', 'other', 'x')]);
    assert.equal(index.isUnchanged(reads), true);
    index.setFile('/w/c.yaml', [summary('ConfigMap', 'another', 'z')]);
    assert.equal(index.isUnchanged(reads), false);
  });

  it('podOwnersLabelled reads one namespace, or everything for ALL_NAMESPACES; templated labels are listed apart', () => {
    const index = new WorkspaceIndex();
    index.setFile('/w/a.yaml', [owner('a', 'x', { app: 'web' }), owner('b', 'y', { app: 'web' }), owner('c', 'x', { app: '{{ .Values.app }}' })]);
    const x = index.recordReads(() => index.podOwnersLabelled('x', 'app', 'web').map((o) => o.name));
    assert.deepEqual(x.value, ['a']);
    assert.deepEqual(
      index.podOwnersLabelled(ALL_NAMESPACES, 'app', 'web').map((o) => o.name),
      ['a', 'b'],
    );
    assert.deepEqual(
      index.templatedPodOwnersIn('x').map((o) => o.name),
      ['c'],
    );
    index.setFile('/w/b.yaml', [owner('d', 'y', { app: 'web' })]);
    assert.equal(index.isUnchanged(x.reads), true, 'another namespace');
    index.setFile('/w/c.yaml', [owner('e', 'x', { app: 'api' })]);
    assert.equal(index.isUnchanged(x.reads), false);
  });
});

describe('workspace index: Services selecting pod labels', () => {
  it('finds what matching every Service of the namespace finds, in the same order, and reads that kind there', () => {
    const index = new WorkspaceIndex();
    const service = (name: string, matchLabels: Record<string, string>, namespace = 'team'): ObjectSummary => ({
      ...summary('Service', name, namespace),
      path: `/w/${name}-svc.yaml`,
      selector: { matchLabels, matchExpressions: [] },
    });
    const services = [
      service('web', { app: 'web' }),
      service('web-tier', { tier: 'front', app: 'web' }),
      service('api', { app: 'api' }),
      service('all-front', { tier: 'front' }),
      service('web-elsewhere', { app: 'web' }, 'other'),
      { ...summary('Service', 'headless', 'team'), path: '/w/headless.yaml' },
      { ...service('expressions', {}), selector: { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'Exists' as const, values: [] }] } },
    ];
    services.forEach((s) => index.setFile(s.path, [s]));
    const cases: Array<Record<string, string>> = [{ app: 'web' }, { app: 'web', tier: 'front' }, { tier: 'front' }, { app: 'db' }, {}, { other: 'x' }];
    for (const labels of cases) {
      const expected = index.ofKind('Service', 'team').filter((s) => {
        if (!s.selector) return false;
        const pairs = Object.entries(s.selector.matchLabels).every(([k, v]) => labels[k] === v);
        return pairs && s.selector.matchExpressions.every((e) => e.key in labels);
      });
      assert.deepEqual(
        index.servicesSelecting('team', labels).map((s) => s.name),
        expected.map((s) => s.name),
        JSON.stringify(labels),
      );
    }
    const { reads } = index.recordReads(() => index.servicesSelecting('team', { app: 'web' }));
    index.setFile('/w/x.yaml', [summary('Service', 'x', 'other')]);
    assert.equal(index.isUnchanged(reads), true, 'Services of another namespace');
    index.setFile('/w/y.yaml', [summary('Service', 'y', 'team')]);
    assert.equal(index.isUnchanged(reads), false, 'a Service of the namespace');
  });
});
