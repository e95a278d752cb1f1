// kustomize/deprecated-field: the fields kustomize 5 warns about, on their key; safe fixes build the same objects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits, buildKustomization, DEFAULT_SETTINGS, lintKustomizations, selectFix, type Finding } from '../../../server/src/engine';
import { toJS } from '../../../server/src/engine/testing';
import { memoryFileSystem, normaliseObjects } from '../../kustomize/helpers';

const RULE = 'kustomize/deprecated-field';
const TOP = '/w/app/kustomization.yaml';

const BASE = {
  '/w/base/kustomization.yaml': 'resources:\n- deployment.yaml\n- service.yaml\n',
  '/w/base/deployment.yaml': `apiVersion: apps/v1
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
        image: nginx:1.27
`,
  '/w/base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`,
  '/w/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n',
  '/w/app/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
  '/w/app/memory.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        resources:
          limits:
            memory: 128Mi
`,
};

function lint(files: Record<string, string>, top = TOP): Finding[] {
  const result = lintKustomizations([top], DEFAULT_SETTINGS, memoryFileSystem(files), { roots: ['/w'] });
  return (result.byFile.get(top) ?? []).filter((f) => f.ruleId === RULE);
}

function built(files: Record<string, string>, top = TOP): unknown[] {
  const build = buildKustomization(memoryFileSystem(files), top, { roots: ['/w'] });
  assert.deepEqual(
    build.problems.filter((p) => p.severity === 'error').map((p) => p.message),
    [],
  );
  return normaliseObjects(build.resources.map((r) => toJS(r.root)));
}

/** The kustomization with every finding's fix of `kind` applied, one pass. */
function fixed(files: Record<string, string>, kind: 'safe' | 'suggestion' = 'safe', top = TOP): string {
  const text = files[top];
  const edits = lint(files, top).flatMap((f) => selectFix(f, { kinds: [kind] })?.edits ?? []);
  return applyTextEdits(text, edits);
}

/** Applies the safe fixes; checks the build is unchanged and a second pass changes nothing. */
function safelyFixed(files: Record<string, string>): string {
  const after = fixed(files);
  assert.notEqual(after, files[TOP], 'a safe fix is offered');
  const next = { ...files, [TOP]: after };
  assert.deepEqual(built(next), built(files), 'the fix builds the same objects');
  assert.equal(fixed(next), after, 'applying again changes nothing');
  return after;
}

function kinds(files: Record<string, string>): Array<string | undefined> {
  return lint(files).map((f) => f.fixes.find((fix) => !fix.suppression)?.kind);
}

describe('kustomize/deprecated-field', () => {
  it('reports each field kustomize warns about on its key, naming the replacement', () => {
    const files = {
      ...BASE,
      [TOP]: [
        'bases:',
        '- ../base',
        'commonLabels:',
        '  team: a',
        'imageTags:',
        '- name: nginx',
        '  newTag: "1.28"',
        'patchesJson6902:',
        '- target: {kind: Deployment, name: web}',
        '  patch: "[{op: add, path: /spec/replicas, value: 2}]"',
        'patchesStrategicMerge:',
        '- memory.yaml',
        'vars:',
        '- name: SVC',
        '  objref: {kind: Service, name: web, apiVersion: v1}',
        '',
      ].join('\n'),
    };
    const found = lint(files);
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character, f.severity]),
      [
        [0, 0, 5, 'info'],
        [2, 0, 12, 'info'],
        [4, 0, 9, 'info'],
        [7, 0, 15, 'info'],
        [10, 0, 21, 'info'],
        [12, 0, 4, 'info'],
      ],
    );
    const replacement = ['resources', 'labels', 'images', 'patches', 'patches', 'replacements'];
    found.forEach((f, i) => {
      assert.match(f.message, /^'\w+' is deprecated[ .]/);
      assert.ok(f.message.includes(`Please use '${replacement[i]}' instead`), f.message);
    });
    assert.match(found[1].message, /includeSelectors: true/);
    // vars: no automatic fix (only the suppression comment).
    assert.deepEqual(
      found[5].fixes.filter((fix) => !fix.suppression),
      [],
    );
  });

  it('bases without resources: renamed, same build, comments kept', () => {
    const files = { ...BASE, [TOP]: '# the app\nbases: # shared\n  - ../base # the base\nnamePrefix: p-\n' };
    assert.deepEqual(kinds(files), ['safe']);
    assert.equal(safelyFixed(files), '# the app\nresources: # shared\n  - ../base # the base\nnamePrefix: p-\n');
  });

  it('bases with resources: appended after them (where kustomize reads them), indentation of resources kept', () => {
    const files = {
      ...BASE,
      [TOP]: 'resources:\n  - cm.yaml # config\nbases:\n# the base\n- ../base # shared\nnamespace: prod\n',
    };
    assert.equal(safelyFixed(files), 'resources:\n  - cm.yaml # config\n  # the base\n  - ../base # shared\nnamespace: prod\n');
    // Resources after bases in the file: still appended at the end of resources.
    const later = { ...BASE, [TOP]: 'bases:\n- ../base\nresources:\n- cm.yaml\n' };
    assert.equal(safelyFixed(later), 'resources:\n- cm.yaml\n- ../base\n');
    // A comment on the bases line would be lost: no fix.
    assert.deepEqual(kinds({ ...BASE, [TOP]: 'resources:\n- cm.yaml\nbases: # shared\n- ../base\n' }), [undefined]);
  });

  it('patchesStrategicMerge without patches: path entries, same build', () => {
    const files = {
      ...BASE,
      [TOP]: 'resources:\n- ../base\npatchesStrategicMerge:\n- replicas.yaml # three\n- "memory.yaml"\n',
    };
    assert.deepEqual(kinds(files), ['safe']);
    assert.equal(safelyFixed(files), 'resources:\n- ../base\npatches:\n- path: replicas.yaml # three\n- path: "memory.yaml"\n');
  });

  it('patchesStrategicMerge: no fix where patches would run it in another order, or it is not a plain patch file', () => {
    const withPatches = {
      ...BASE,
      [TOP]: 'resources:\n- ../base\npatchesStrategicMerge:\n- replicas.yaml\npatches:\n- path: memory.yaml\n',
    };
    assert.deepEqual(kinds(withPatches), [undefined]);
    const deleting = {
      ...BASE,
      '/w/app/drop.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n$patch: delete\n',
      [TOP]: 'resources:\n- ../base\npatchesStrategicMerge:\n- drop.yaml\n',
    };
    assert.deepEqual(kinds(deleting), [undefined]);
    const inline = {
      ...BASE,
      [TOP]:
        'resources:\n- ../base\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    replicas: 2\n',
    };
    assert.deepEqual(kinds(inline), [undefined]);
  });

  it('commonLabels without labels: a labels entry with includeSelectors, same build (selectors and templates too)', () => {
    const files = { ...BASE, [TOP]: 'resources:\n- ../base\ncommonLabels: # everywhere\n  team: a # owner\n  # tier\n  tier: web\n' };
    assert.deepEqual(kinds(files), ['safe']);
    assert.equal(
      safelyFixed(files),
      'resources:\n- ../base\nlabels: # everywhere\n- includeSelectors: true\n  pairs:\n    team: a # owner\n    # tier\n    tier: web\n',
    );
    // The selector got the label: the build compared is not trivially the same.
    const deployment = built(files).find((o) => (o as { kind: string }).kind === 'Deployment') as { spec: { selector: { matchLabels: object } } };
    assert.deepEqual(deployment.spec.selector.matchLabels, { app: 'web', team: 'a', tier: 'web' });
    // Flow map, lists indented in this file.
    const flow = { ...BASE, [TOP]: 'resources:\n  - ../base\ncommonLabels: {team: a}\n' };
    assert.equal(safelyFixed(flow), 'resources:\n  - ../base\nlabels:\n  - includeSelectors: true\n    pairs: {team: a}\n');
  });

  it('commonLabels with labels: appended as their last entry; a label in both gets no fix', () => {
    const files = {
      ...BASE,
      [TOP]: 'resources:\n- ../base\nlabels:\n- pairs:\n    owner: me\ncommonLabels:\n  team: a\nnamespace: prod\n',
    };
    assert.equal(
      safelyFixed(files),
      'resources:\n- ../base\nlabels:\n- pairs:\n    owner: me\n- includeSelectors: true\n  pairs:\n    team: a\nnamespace: prod\n',
    );
    const both = { ...BASE, [TOP]: 'resources:\n- ../base\nlabels:\n- pairs:\n    team: b\ncommonLabels:\n  team: a\n' };
    assert.deepEqual(kinds(both), [undefined]);
  });

  it('commonLabels with transformer configurations: a suggestion (they may add field specs to labels entries)', () => {
    const files = {
      ...BASE,
      '/w/app/config.yaml': 'labels:\n- path: spec/selector/matchLabels\n  kind: Deployment\n',
      [TOP]: 'resources:\n- ../base\nconfigurations:\n- config.yaml\ncommonLabels:\n  team: a\n',
    };
    assert.deepEqual(kinds(files), ['suggestion']);
  });

  it('imageTags and patchesJson6902: suggestions only', () => {
    const files = {
      ...BASE,
      [TOP]: [
        'resources:',
        '- ../base',
        'imageTags:',
        '- name: nginx',
        '  newTag: "1.28"',
        'patchesJson6902:',
        '- target: {kind: Deployment, name: web}',
        '  patch: "[{op: add, path: /spec/replicas, value: 2}]"',
        '',
      ].join('\n'),
    };
    assert.deepEqual(kinds(files), ['suggestion', 'suggestion']);
    assert.equal(fixed(files), files[TOP], 'no safe fix');
    assert.equal(
      fixed(files, 'suggestion'),
      [
        'resources:',
        '- ../base',
        'images:',
        '- name: nginx',
        '  newTag: "1.28"',
        'patches:',
        '- target: {kind: Deployment, name: web}',
        '  patch: "[{op: add, path: /spec/replicas, value: 2}]"',
        '',
      ].join('\n'),
    );
  });

  it('imageTags with images: appended to them (a suggestion), map entries re-indented', () => {
    const files = {
      ...BASE,
      [TOP]: 'resources:\n- ../base\nimages:\n  - name: busybox\n    newTag: "1"\nimageTags:\n- name: nginx # web\n  newTag: "1.28"\n',
    };
    assert.deepEqual(kinds(files), ['suggestion']);
    assert.equal(fixed(files, 'suggestion'), 'resources:\n- ../base\nimages:\n  - name: busybox\n    newTag: "1"\n  - name: nginx # web\n    newTag: "1.28"\n');
  });

  it('a kustomization the build reads through a base is reported in its own file', () => {
    const files = { ...BASE, '/w/base/kustomization.yaml': 'bases: []\nresources:\n- deployment.yaml\n', [TOP]: 'resources:\n- ../base\n' };
    assert.deepEqual(lint(files), []);
    assert.deepEqual(
      lint(files, '/w/base/kustomization.yaml').map((f) => f.range.start.line),
      [0],
    );
    const result = lintKustomizations([TOP], DEFAULT_SETTINGS, memoryFileSystem(files), { roots: ['/w'] });
    assert.deepEqual(
      (result.byFile.get('/w/base/kustomization.yaml') ?? []).filter((f) => f.ruleId === RULE).map((f) => f.range.start.line),
      [0],
    );
  });

  it('nothing on a modern kustomization, a null field, or a file that is not a kustomization', () => {
    const modern = {
      ...BASE,
      [TOP]:
        'resources:\n- ../base\npatches:\n- path: replicas.yaml\nlabels:\n- pairs:\n    team: a\n  includeSelectors: true\nimages:\n- name: nginx\n  newTag: "1.28"\n# bases: old\nbases:\n',
    };
    assert.deepEqual(lint(modern), []);
    // A manifest with a `bases` field, read as a resource: not a kustomization.
    const notKustomization = {
      ...BASE,
      '/w/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  bases: x\n',
      [TOP]: 'resources:\n- cm.yaml\n',
    };
    const result = lintKustomizations([TOP], DEFAULT_SETTINGS, memoryFileSystem(notKustomization), { roots: ['/w'] });
    assert.deepEqual(
      [...result.byFile.values()].flat().filter((f) => f.ruleId === RULE),
      [],
    );
  });

  it('is off when the settings turn it off', () => {
    const files = { ...BASE, [TOP]: 'bases:\n- ../base\n' };
    const result = lintKustomizations([TOP], { ...DEFAULT_SETTINGS, rules: { [RULE]: 'off' } }, memoryFileSystem(files), { roots: ['/w'] });
    assert.deepEqual(
      (result.byFile.get(TOP) ?? []).filter((f) => f.ruleId === RULE),
      [],
    );
  });
});
