// Strategic-merge patches of associative lists as kyaml merges them (server/src/engine/kustomize/smp.ts and
// associativeList.ts); the goldens harden-portpatchwithoutprotocol, harden-duplicatelistkeys and harden-listdirectives
// hold kubectl's output for the same cases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, lintKustomizations, type KustomizeFinding } from '../../server/src/engine';
import {
  buildKustomization,
  clone,
  fromJS,
  kyamlMerge,
  mergeAssociativeList,
  strategicMerge,
  toJS,
  treeToJS,
  type ElementMerge,
  type KNode,
} from '../../server/src/engine/testing';
import { memoryFileSystem } from './helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: manager
spec:
  selector:
    matchLabels: {app: manager}
  template:
    metadata:
      labels: {app: manager}
    spec:
      containers:
      - name: manager
        image: ghcr.io/example/operator:1.0.0
        ports:
        - containerPort: 9443
          name: webhook-server
          protocol: TCP
        readinessProbe:
          tcpSocket:
            port: webhook-server
`;

const patchOf = (containerFields: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: manager\nspec:\n  template:\n    spec:\n      containers:\n      - name: manager\n${containerFields}`;

function build(patch: string, extra: Record<string, string> = {}, kustomization = 'resources:\n- deployment.yaml\npatches:\n- path: patch.yaml\n') {
  const files = { '/w/kustomization.yaml': kustomization, '/w/deployment.yaml': DEPLOYMENT, '/w/patch.yaml': patch, ...extra };
  const result = buildKustomization(memoryFileSystem(files), '/w/kustomization.yaml', { roots: ['/w'] });
  assert.deepEqual(result.problems, []);
  return toJS(result.resources[0].root) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
}

const container = (patch: string, extra?: Record<string, string>, kustomization?: string) =>
  build(patch, extra, kustomization).spec.template.spec.containers[0];

describe('strategic-merge patch of associative lists', () => {
  it('a port patch element without protocol does not match a base port with one: `$patch: delete` keeps it', () => {
    const ports = container(patchOf('        ports:\n        - containerPort: 9443\n          $patch: delete\n')).ports;
    assert.deepEqual(ports, [{ containerPort: 9443, name: 'webhook-server', protocol: 'TCP' }]);
  });

  it('with the same protocol it matches and deletes', () => {
    const ports = container(patchOf('        ports:\n        - containerPort: 9443\n          protocol: TCP\n          $patch: delete\n')).ports;
    assert.deepEqual(ports, []);
  });

  it('a field set by a port element without protocol is not added', () => {
    const ports = container(patchOf('        ports:\n        - containerPort: 9443\n          hostPort: 9443\n')).ports;
    assert.deepEqual(ports, [{ containerPort: 9443, name: 'webhook-server', protocol: 'TCP' }]);
  });

  it('no false k8s/probe-port finding when such a patch leaves the port (opentelemetry-operator openshift overlay)', () => {
    const files = {
      '/w/kustomization.yaml': 'resources:\n- deployment.yaml\npatches:\n- path: patch.yaml\n',
      '/w/deployment.yaml': DEPLOYMENT,
      '/w/patch.yaml': patchOf('        ports:\n        - containerPort: 9443\n          $patch: delete\n'),
    };
    const findings: KustomizeFinding[] = [
      ...lintKustomizations(['/w/kustomization.yaml'], DEFAULT_SETTINGS, memoryFileSystem(files), { roots: ['/w'] }).byFile.values(),
    ].flat();
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/probe-port'),
      [],
    );
  });

  it('two env entries with one name (a JSON patch added the second): a strategic-merge patch leaves the last', () => {
    const addA = '- op: add\n  path: /spec/template/spec/containers/0/env\n  value: [{name: A, value: "1"}, {name: A, value: "2"}]\n';
    const kustomization = 'resources:\n- deployment.yaml\npatches:\n- path: add.yaml\n  target: {kind: Deployment}\n- path: patch.yaml\n';
    const env = (patch: string) => container(patch, { '/w/add.yaml': addA }, kustomization).env;
    assert.deepEqual(env(patchOf('        env:\n        - name: B\n          value: "3"\n')), [
      { name: 'B', value: '3' },
      { name: 'A', value: '2' },
    ]);
    // The patch merges into the first A, which the second then replaces.
    assert.deepEqual(env(patchOf('        env:\n        - name: A\n          value: "3"\n')), [{ name: 'A', value: '2' }]);
    // A patch naming no list walks them all the same.
    assert.deepEqual(env('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: manager\nspec:\n  replicas: 2\n'), [{ name: 'A', value: '2' }]);
  });

  it('a base element a `$patch: delete` removes is remembered on the list, at the directive (as a JSON patch `remove` of an item)', () => {
    const patch = patchOf('        ports:\n        - containerPort: 9443\n          protocol: TCP\n          $patch: delete\n');
    const files = {
      '/w/kustomization.yaml': 'resources:\n- deployment.yaml\npatches:\n- path: patch.yaml\n',
      '/w/deployment.yaml': DEPLOYMENT,
      '/w/patch.yaml': patch,
    };
    const root = buildKustomization(memoryFileSystem(files), '/w/kustomization.yaml', { roots: ['/w'] }).resources[0].root;
    const at = (node: KNode | undefined, key: string | number): KNode | undefined =>
      node?.type === 'map' ? node.items.find((p) => p.key === key)?.value : node?.type === 'seq' ? node.items[key as number] : undefined;
    const ports = ['spec', 'template', 'spec', 'containers', 0, 'ports'].reduce<KNode | undefined>(at, root);
    assert.equal(ports?.type, 'seq');
    assert.deepEqual(ports.type === 'seq' && ports.removedBy && [ports.removedBy.file, patch.slice(ports.removedBy.start, ports.removedBy.end)], [
      '/w/patch.yaml',
      '$patch',
    ]);
  });

  it("the short way of merging lists whose elements all set distinct keys gives what kyaml's steps give", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    const lists: [string[], string[], () => Record<string, unknown>][] = [
      [['env'], ['name'], () => ({ name: ['A', 'B', 'C', 'D'][random(4)], value: String(random(3)) })],
      [
        ['containers', 'ports'],
        ['containerPort', 'protocol'],
        () => ({ containerPort: 80 + random(3), protocol: ['TCP', 'UDP'][random(2)], name: `p${random(3)}` }),
      ],
    ];
    let checked = 0;
    for (const [path, keys, element] of lists) {
      for (let round = 0; round < 400; round++) {
        const directive = () => [{}, {}, {}, { $patch: 'delete' }, { $patch: 'replace' }][random(5)];
        const dest = fromJS(Array.from({ length: random(5) }, element)) as { items: KNode[] };
        const patch = fromJS(Array.from({ length: random(4) }, () => ({ ...element(), ...directive() }))) as { items: KNode[] };
        const run = (merge: typeof kyamlMerge) => {
          const merged: ElementMerge = (base, change) => (change === undefined ? base : strategicMerge(base, change, { schema: true }, path));
          return merge(
            dest.items.map((e) => clone(e)),
            patch.items.map((e) => clone(e)),
            keys,
            merged,
          ).map(treeToJS);
        };
        assert.deepEqual(run(mergeAssociativeList), run(kyamlMerge), JSON.stringify([treeToJS(dest as KNode), treeToJS(patch as KNode)]));
        checked++;
      }
    }
    assert.equal(checked, 800);
  });
});
