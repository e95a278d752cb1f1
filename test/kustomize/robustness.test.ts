// Bad kustomizations never crash the build or the lint: each gets a clear build-error (or is ignored).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, lintKustomizations } from '../../server/src/engine';
import { HARDENED_DEPLOYMENT } from './fixtures';
import { memoryFileSystem } from './helpers';

/** A bad kustomization and the build error it must get (undefined: it only must not throw). */
const BAD_KUSTOMIZATIONS: Array<[string, RegExp | undefined]> = [
  ['resources: 5\n', /"resources" must be a list/],
  ['resources:\n- {a: 1}\n- [x]\n- deployment.yaml\n', /each "resources" entry must be a string, not a map/],
  ['patches: x\nimages: [1, {name: 2}]\nnamePrefix: {a: 1}\n', /each "images" entry must be a map/],
  ['patches: x\nnamePrefix: {a: 1}\n', /"namePrefix" must be a string/],
  ['resources: [deployment.yaml]\npatches:\n- patch: "{{{ not yaml"\n', /patch is not valid YAML/],
  [
    'resources: [deployment.yaml]\npatches:\n- target: {kind: Deployment}\n  patch: |\n    - op: frobnicate\n      path: /spec\n    - op: remove\n      path: nowhere\n',
    /unknown operation "frobnicate"/,
  ],
  ['resources: [deployment.yaml]\nlabels:\n- pairs: [1, 2]\n- pairs: {a: {b: c}}\ncommonLabels: x\n', /"commonLabels" must be a map/],
  [
    'resources: [deployment.yaml]\nconfigMapGenerator:\n- literals: [x]\n- name: c\n  files: [../../etc/passwd]\n  envs: [missing.env]\n',
    /outside the kustomization's folder/,
  ],
  ['resources: [., deployment.yaml, ../k]\ncomponents: [nowhere]\n', /cycle in kustomizations/],
  [
    'resources: [deployment.yaml]\nvars:\n- {name: X}\n- {name: W, objref: {kind: Deployment, name: web, apiVersion: apps/v1}, fieldref: {fieldPath: "spec.[name=a"}}\n- {name: Z, objref: {kind: Deployment, name: web, apiVersion: apps/v1}, fieldref: {fieldPath: spec}}\n',
    /invalid var/,
  ],
  ['resources: [deployment.yaml]\nvars: {name: X}\n', /"vars" must be a list/],
  [
    'resources: [deployment.yaml]\npatchesStrategicMerge:\n- |\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: other}\nreplicas: [{name: web, count: 2}]\n',
    /not among the resources/,
  ],
  ['resources: [deployment.yaml]\nreplicas: [{name: web, count: many}]\n', /"replicas\[\]\.count" must be a whole number, not a string/],
  ['resources: [deployment.yaml]\nconfigurations: [missing.yaml]\n', /configuration file "missing.yaml" not found/],
  ['resources: [deployment.yaml]\nconfigurations: [deployment.yaml]\n', /unknown field "apiVersion"/],
  ['resources: [deployment.yaml]\ngenerators:\n- |\n  apiVersion: example.com/v1\n  kind: Vault\n  metadata: {name: v}\n', /generator plugins are not run/],
  ['resources: [deployment.yaml]\ngenerators:\n- {a: 1}\n', /each "generators" entry must be a string, not a map/],
  ['resources: [deployment.yaml]\ngenerators: [missing.yaml, https://example.com/g.yaml]\n', /generator configuration "missing.yaml" not found/],
  [
    'resources: [deployment.yaml]\ntransformers:\n- |\n  apiVersion: builtin\n  kind: PrefixSuffixTransformer\n  metadata: {name: p}\n  prefix: x-\n',
    /PrefixSuffixTransformer "p": fieldSpecs is not expected to be nil/,
  ],
  [
    'resources: [deployment.yaml]\ntransformers:\n- |\n  apiVersion: builtin\n  kind: PatchTransformer\n  metadata: {name: p}\n',
    /a patch needs "path" or "patch"/,
  ],
  [
    'resources: [deployment.yaml]\ntransformers:\n- |\n  apiVersion: builtin\n  kind: PatchTransformer\n  metadata: {name: p}\n  patch: \'[{"op": "add", "path": "/spec/paused", "value": true}]\'\n',
    /JSON 6902 patch needs a target/,
  ],
  [
    'resources: [deployment.yaml]\ntransformers:\n- |\n  apiVersion: builtin\n  kind: NamespaceTransformer\n  metadata: {name: n, namespace: x}\n',
    /transformers: kustomize's built-in NamespaceTransformer is not run by Harden/,
  ],
  [
    'resources: [deployment.yaml]\ntransformers:\n- |\n  apiVersion: example.com/v1\n  kind: PatchTransformer\n  metadata: {name: p}\n  patch: x\n',
    /transformers: transformer plugins are not run/,
  ],
  ['- just\n- a list\n', /must be a YAML map/],
  ['\u0000\u0001binary', /invalid kustomization/],
  [
    'resources: [deployment.yaml]\npatches:\n- patch: |\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n    spec: {template: {spec: {containers: [{$patch: replace}, 7]}}}\n',
    undefined,
  ],
];

describe('kustomize robustness', () => {
  for (const [i, [text, expected]] of BAD_KUSTOMIZATIONS.entries()) {
    it(`bad kustomization #${i + 1} is reported, not thrown`, () => {
      const fs = memoryFileSystem({ '/w/k/kustomization.yaml': text, '/w/k/deployment.yaml': HARDENED_DEPLOYMENT });
      const result = lintKustomizations(['/w/k/kustomization.yaml'], DEFAULT_SETTINGS, fs, { roots: ['/w'] });
      const all = [...result.byFile.values()].flat();
      const errors = all.filter((f) => f.ruleId === 'kustomize/build-error').map((f) => f.message);
      if (expected)
        assert.ok(
          errors.some((m) => expected.test(m)),
          errors.join('\n'),
        );
      assert.equal(result.builds.length, 1);
    });
  }
});
