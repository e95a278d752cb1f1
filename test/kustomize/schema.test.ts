// kustomize decodes a kustomization strictly: an unknown field or a value of the wrong type fails the build, and
// Harden says so on the line (one kustomize/build-error) and builds nothing of it. Each case's `kubectl` column is
// what `kubectl kustomize` (kustomize 5.5) said of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, lintKustomizations } from '../../server/src/engine';
import { buildKustomization } from '../../server/src/engine/testing';
import { HARDENED_DEPLOYMENT } from './fixtures';
import { memoryFileSystem } from './helpers';

const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n';

/** [kustomization, the message Harden gives, its line (1-based), what kubectl said]. */
const REFUSED: Array<[string, RegExp, number, string]> = [
  ['# nothing yet\n', /^kustomization\.yaml is empty: kubectl kustomize refuses it/, 1, 'kustomization.yaml is empty'],
  [
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\nnamePrefix: ""\n',
    /^kustomization\.yaml is empty/,
    1,
    'kustomization.yaml is empty (every field at its zero value)',
  ],
  [
    'resources:\n- deployment.yaml\npatches:\n- overlays/patch.yaml\n',
    /each "patches" entry must be a map \(path, patch, target, options\), not a string/,
    4,
    'cannot unmarshal string into Go struct field Kustomization.patches of type types.Patch',
  ],
  ['resource:\n- deployment.yaml\n', /unknown field "resource" \(did you mean "resources"\?\)/, 1, 'unknown field "resource"'],
  ['resources: [deployment.yaml]\ninventory: {type: x}\n', /unknown field "inventory"/, 2, 'unknown field "inventory"'],
  // go-yaml's JSON has sorted keys: kubectl stops at "bar", not at the "foo" above it.
  ['resources: [deployment.yaml]\nfoo: 1\nbar: 2\n', /unknown field "bar";/, 3, 'unknown field "bar"'],
  [
    'resources: [deployment.yaml]\nnamePrefix: yes\n',
    /"namePrefix" must be a string, not the boolean true \(quote it\)/,
    2,
    'cannot unmarshal bool into Go struct field Kustomization.namePrefix of type string',
  ],
  [
    'resources: [deployment.yaml]\ncommonLabels:\n  version: 1\n',
    /"commonLabels.version" must be a string, not the number 1/,
    3,
    'cannot unmarshal number into Go struct field Kustomization.commonLabels of type string',
  ],
  [
    'resources: [deployment.yaml]\nimages:\n- name: nginx\n  newTag: 1.20\n',
    /"images\[\]\.newTag" must be a string, not the number 1.2 \(quote it\)/,
    4,
    'cannot unmarshal number into Go struct field Image.images.newTag of type string',
  ],
  ['resources: [deployment.yaml]\nimages:\n- name: nginx\n  tag: "1.20"\n', /unknown field "tag" in an "images" entry/, 4, 'unknown field "tag"'],
  [
    'resources: [deployment.yaml]\nimages:\n  nginx: nginx:1.27\n',
    /"images" must be a list, not a map/,
    3,
    'cannot unmarshal object into Go struct field Kustomization.images of type []types.Image',
  ],
  [
    'resources: [deployment.yaml]\npatches:\n- path: patch.yaml\n  target:\n    kind: Deployment\n    foo: 1\n',
    /unknown field "foo" in "patches\[\]\.target"/,
    6,
    'unknown field "foo"',
  ],
  [
    'resources: [deployment.yaml]\nreplicas:\n- name: web\n  count: 2.5\n',
    /"replicas\[\]\.count" must be a whole number, not the number 2.5/,
    4,
    'cannot unmarshal number 2.5 into Go struct field Replica.replicas.count of type int64',
  ],
  [
    'resources: [deployment.yaml]\nlabels:\n- pairs: {tier: web}\n  includeSelectors: "true"\n',
    /"labels\[\]\.includeSelectors" must be true or false, not a string/,
    4,
    'cannot unmarshal string into Go struct field Label.labels.includeSelectors of type bool',
  ],
  [
    'resources: [deployment.yaml]\nbuildMetadata: originAnnotations\n',
    /"buildMetadata" must be a list of strings, not a string/,
    2,
    'cannot unmarshal string into Go struct field Kustomization.buildMetadata of type []string',
  ],
  ['resources: [deployment.yaml]\nmetadata: {name: x, foo: 1}\n', /unknown field "foo" in "metadata"/, 2, 'unknown field "foo"'],
];

function lint(files: Record<string, string>, entry = '/w/k/kustomization.yaml') {
  const fs = memoryFileSystem({ '/w/k/deployment.yaml': HARDENED_DEPLOYMENT, '/w/k/overlays/patch.yaml': PATCH, '/w/k/patch.yaml': PATCH, ...files });
  const result = lintKustomizations([entry], DEFAULT_SETTINGS, fs, { roots: ['/w'] });
  return { result, all: [...result.byFile.values()].flat(), build: buildKustomization(fs, entry, { roots: ['/w'] }) };
}

describe('kustomization strict decoding', () => {
  for (const [text, message, line, kubectl] of REFUSED) {
    it(`refuses what kubectl refuses: ${kubectl}`, () => {
      const { all, build } = lint({ '/w/k/kustomization.yaml': text });
      const errors = all.filter((f) => f.ruleId === 'kustomize/build-error');
      assert.equal(errors.length, 1, errors.map((f) => f.message).join('\n'));
      assert.match(errors[0].message, message);
      assert.equal(errors[0].file, '/w/k/kustomization.yaml');
      assert.equal(errors[0].range.start.line + 1, line);
      // kubectl builds nothing: no object, no finding from a build.
      assert.deepEqual(build.resources, []);
      assert.deepEqual(
        all.filter((f) => !f.ruleId.startsWith('kustomize/')).map((f) => f.message),
        [],
      );
    });
  }

  it('`resources: []` is no empty kustomization (kubectl builds it: nothing)', () => {
    const { build } = lint({ '/w/k/kustomization.yaml': 'resources: []\n' });
    assert.deepEqual(build.problems, []);
  });

  it('refuses a Component the same way, where an overlay includes it', () => {
    const { all } = lint({
      '/w/k/kustomization.yaml': 'resources: [deployment.yaml]\ncomponents: [c]\n',
      '/w/k/c/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- p.yaml\n',
    });
    const error = all.find((f) => f.ruleId === 'kustomize/build-error');
    assert.equal(error?.file, '/w/k/c/kustomization.yaml');
    assert.equal(error?.range.start.line, 3);
    assert.match(error?.message ?? '', /each "patches" entry must be a map/);
  });

  it('accepts every field of kustomize 5.5, deprecated ones included, in a Kustomization and a Component', () => {
    for (const [kind, apiVersion] of [
      ['Kustomization', 'kustomize.config.k8s.io/v1beta1'],
      ['Component', 'kustomize.config.k8s.io/v1alpha1'],
    ]) {
      const { build } = lint({ '/w/k/kustomization.yaml': `apiVersion: ${apiVersion}\nkind: ${kind}\n${EVERY_FIELD}` });
      const refused = build.problems.filter((p) => /invalid kustomization|unknown field/.test(p.message));
      assert.deepEqual(refused, [], `${kind}: ${refused.map((p) => p.message).join('\n')}`);
    }
    const written = new Set(EVERY_FIELD.split('\n').flatMap((l) => /^(\w+):/.exec(l)?.[1] ?? []));
    assert.deepEqual([...written, 'apiVersion', 'kind'].sort(), [...V5_5_FIELDS].sort(), 'every field is written once');
  });

  it('matches field names as Go does: exactly, else ignoring case', () => {
    const { build } = lint({ '/w/k/kustomization.yaml': 'resources: [deployment.yaml]\nNamePrefix: x-\n' });
    assert.deepEqual(
      build.problems.filter((p) => /invalid kustomization/.test(p.message)),
      [],
    );
  });
});

// The JSON names of api/types.Kustomization's fields in kustomize/v5.5.0 (api/v0.18.0): no `inventory` yet.
const V5_5_FIELDS = [
  'kind',
  'apiVersion',
  'metadata',
  'openapi',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replacements',
  'replicas',
  'vars',
  'sortOptions',
  'resources',
  'components',
  'crds',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'generatorOptions',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
];

// Each field of api/types.Kustomization (kustomize/v5.5.0) with values of its types; kubectl decodes it (it then
// fails on the missing openapi file, which Harden does not read).
const EVERY_FIELD = `metadata: {name: all, namespace: ns, labels: {a: b}, annotations: {c: d}}
openapi: {path: schema.json}
namePrefix: p-
nameSuffix: -s
namespace: ns
commonLabels: {app: web, empty: ~}
labels:
- pairs: {tier: web}
  includeSelectors: false
  includeTemplates: true
  fields: [{group: apps, version: v1, kind: Deployment, path: metadata/labels, create: true}]
commonAnnotations: {note: x}
patchesStrategicMerge: [patch.yaml]
patchesJson6902: [{target: {group: apps, version: v1, kind: Deployment, name: web}, patch: '[]'}]
patches:
- path: patch.yaml
  target: {group: apps, version: v1, kind: Deployment, name: web, namespace: ns, annotationSelector: a, labelSelector: b}
  options: {allowNameChange: true, allowKindChange: false}
images: [{name: nginx, newName: nx, newTag: "1.2", digest: "sha256:x", tagSuffix: s}]
imageTags: [{name: busybox, newTag: latest}]
replacements:
- source: {kind: Deployment, name: web, fieldPath: metadata.name, options: {delimiter: "-", index: 0, encoding: "", create: false}}
  targets: [{select: {kind: Deployment}, reject: [{name: other}], fieldPaths: [metadata.annotations.x], options: {create: true}}]
replicas: [{name: web, count: 2}]
vars: [{name: V, objref: {apiVersion: apps/v1, group: apps, version: v1, kind: Deployment, name: web, namespace: ns}, fieldref: {fieldPath: metadata.name}}]
sortOptions: {order: legacy, legacySortOptions: {orderFirst: [Namespace], orderLast: [Job]}}
resources: [deployment.yaml]
components: []
crds: []
bases: []
configMapGenerator: [{name: c, namespace: ns, behavior: create, literals: [a=b], files: [], envs: [], env: "", options: {labels: {a: b}, annotations: {c: d}, disableNameSuffixHash: true, immutable: false}}]
secretGenerator: [{name: s, type: Opaque, literals: [a=b]}]
helmGlobals: {chartHome: charts, configHome: cfg}
helmCharts: [{name: c, version: "1", repo: r, releaseName: r, namespace: nm, additionalValuesFiles: [], valuesFile: v, valuesInline: {a: {b: 1}}, valuesMerge: override, includeCRDs: true, skipHooks: false, apiVersions: [], kubeVersion: "1.30", nameTemplate: t, skipTests: true, debug: false}]
helmChartInflationGenerator: [{chartName: c, chartVersion: "1", chartRepoUrl: u, chartHome: h, chartRepoName: nm, helmBin: b, helmHome: h, values: v, valuesLocal: {a: 1}, valuesMerge: m, releaseName: r, releaseNamespace: nm, extraArgs: []}]
generatorOptions: {labels: {a: b}, annotations: {c: d}, disableNameSuffixHash: true, immutable: true}
configurations: []
generators: []
transformers: []
validators: []
buildMetadata: [originAnnotations]
`;
