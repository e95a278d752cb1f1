// Issue 16: lint what `kubectl apply -k` applies, report on the line that causes it, no noise on patches,
// fixes to the right file, re-linting clean through the build.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits, DEFAULT_SETTINGS, KustomizeService, lintKustomizations, topLevelKustomizations, type KustomizeFinding } from '../../server/src/engine';
import { HARDENED_DEPLOYMENT, PROD_PATCH, repo } from './fixtures';
import { memoryFileSystem } from './helpers';

const OVERLAYS = ['/w/overlays/prod/kustomization.yaml', '/w/overlays/dev/kustomization.yaml'];
const options = { roots: ['/w'] };

function lint(files: Record<string, string>, overlays = OVERLAYS): KustomizeFinding[] {
  return [...lintKustomizations(overlays, DEFAULT_SETTINGS, memoryFileSystem(files), options).byFile.values()].flat();
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

describe('kustomize lint', () => {
  it('finds the top-level kustomizations (the base is included by the overlays)', () => {
    const all = ['/w/base/kustomization.yaml', ...OVERLAYS];
    assert.deepEqual(topLevelKustomizations(all, memoryFileSystem(repo()), options), OVERLAYS);
  });

  it('CustomResourceDefinitions: a v1 one is built but not linted (no rule reads it); a removed API version is reported on its line', () => {
    const crd = (apiVersion: string, name: string) =>
      `apiVersion: ${apiVersion}\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}.example.com\nspec:\n  group: example.com\n  names: {kind: ${name}, plural: ${name}}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema: {type: object}\n`;
    const old = crd('apiextensions.k8s.io/v1beta1', 'olds');
    const files = {
      '/w/crds/kustomization.yaml': 'resources:\n- current.yaml\n- old.yaml\n',
      '/w/crds/current.yaml': crd('apiextensions.k8s.io/v1', 'currents'),
      '/w/crds/old.yaml': old,
    };
    const findings = lint(files, ['/w/crds/kustomization.yaml']);
    assert.deepEqual(
      findings.map((f) => [f.file, f.ruleId, f.range.start.line]),
      [['/w/crds/old.yaml', 'k8s/deprecated-api-version', lineOf(old, 'apiextensions.k8s.io/v1beta1')]],
    );
  });

  it("a Component no overlay lists: its patches targeting its includer's resources are no build error, its patch files stay partial", () => {
    const component = `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
- collector.yaml
patches:
- path: ha.patch.yaml
`;
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
    const files = {
      ...repo(),
      '/w/components/ha/kustomization.yaml': component,
      '/w/components/ha/ha.patch.yaml': patch,
      '/w/components/ha/collector.yaml': HARDENED_DEPLOYMENT.replace(/name: web\b/g, 'name: collector'),
    };
    const findings = lint(files, ['/w/components/ha/kustomization.yaml']);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'kustomize/build-error').map((f) => f.message),
      [],
    );
    assert.deepEqual(
      findings.filter((f) => f.file.endsWith('ha.patch.yaml')),
      [],
      'the partial patch says nothing',
    );
    // Named a Kustomization, the same patch points nowhere: kustomize fails, and so does the finding.
    const asKustomization = { ...files, '/w/components/ha/kustomization.yaml': component.replace('kind: Component', 'kind: Kustomization') };
    assert.deepEqual(
      lint(asKustomization, ['/w/components/ha/kustomization.yaml'])
        .filter((f) => f.ruleId === 'kustomize/build-error')
        .map((f) => f.message),
      ['patch targets Deployment "web", which is not among the resources'],
    );
  });

  it('a strategic-merge patch of another version of the group matches nothing, as in kustomize: a build error, and it is not applied', () => {
    // kubectl kustomize: no resource matches strategic merge patch "Deployment.v1beta2.apps/web.[noNs]".
    const files = repo({ '/w/overlays/prod/patch.yaml': PROD_PATCH.replace('apiVersion: apps/v1', 'apiVersion: apps/v1beta2') });
    const findings = lint(files, ['/w/overlays/prod/kustomization.yaml']);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'kustomize/build-error').map((f) => f.message),
      ['patch targets apps/v1beta2 Deployment "web", but the resources have it as apps/v1: kustomize matches a patch by group, version and kind'],
    );
    assert.deepEqual(
      findings.filter((f) => f.file === '/w/overlays/prod/patch.yaml'),
      [],
      'nothing of the patch is applied',
    );
  });

  it('a patch whose target may be in what was not fetched or run (a remote resource, a Helm chart, a plugin) is no build error', () => {
    const patchOnly = (extra: string) => `resources:
- ../../base
${extra}patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: workflow-controller
    spec:
      replicas: 2
`;
    const errors = (kustomization: string, base = repo()['/w/base/kustomization.yaml']) =>
      lint({ ...repo(), '/w/base/kustomization.yaml': base, '/w/overlays/prod/kustomization.yaml': kustomization }, [OVERLAYS[0]])
        .filter((f) => f.ruleId === 'kustomize/build-error' && f.severity === 'error')
        .map((f) => f.message);
    const missing = ['patch targets Deployment "workflow-controller", which is not among the resources'];
    assert.deepEqual(errors(patchOnly('')), missing, 'everything is local: kustomize fails too');
    const remote = '- https://github.com/argoproj/argo-workflows/manifests/base/workflow-controller?ref=v3.7.3\n';
    assert.deepEqual(errors(patchOnly('').replace('- ../../base\n', `- ../../base\n${remote}`)), [], 'a remote resource of its own');
    assert.deepEqual(errors(patchOnly(''), `${repo()['/w/base/kustomization.yaml']}${remote}`), [], "its base's remote resource");
    // Through the language server's service, whose second build takes the base from its cache.
    const files = {
      ...repo(),
      '/w/base/kustomization.yaml': `${repo()['/w/base/kustomization.yaml']}${remote}`,
      '/w/overlays/prod/kustomization.yaml': patchOnly(''),
    };
    const service = new KustomizeService(memoryFileSystem(files), () => options);
    service.setKustomizations(['/w/base/kustomization.yaml', ...OVERLAYS]);
    for (const overlay of OVERLAYS) {
      const reported = service.findingsFor(overlay, () => DEFAULT_SETTINGS) ?? [];
      assert.deepEqual(
        reported.filter((f) => f.severity === 'error').map((f) => f.message),
        [],
        overlay,
      );
    }
    assert.deepEqual(errors(patchOnly('components:\n- https://github.com/example/components//ha?ref=v1\n')), [], 'a remote component');
    assert.deepEqual(errors(patchOnly('helmCharts:\n- name: argo-workflows\n  repo: https://argoproj.github.io/argo-helm\n')), [], 'a Helm chart');
    const plugin = 'transformers:\n- |-\n  apiVersion: example.com/v1\n  kind: RenameEverything\n  metadata:\n    name: rename\n';
    assert.deepEqual(errors(patchOnly(plugin)), [], 'a transformer plugin');
    const replacement =
      'replacements:\n- source: {kind: Deployment, name: web}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [metadata.annotations.copied]\n    options: {create: true}\n';
    assert.deepEqual(errors(patchOnly(replacement)), missing, 'replacements add no objects');
  });

  it('the issue: a partial patch gives no findings, and the overlays add nothing to what the base has', () => {
    const findings = lint(repo());
    assert.deepEqual(
      findings.filter((f) => !f.file.startsWith('/w/base/')),
      [],
    );
    const baseAlone = lint(repo(), ['/w/base/kustomization.yaml']);
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.range.start.line}:${f.ruleId}`),
      baseAlone.map((f) => `${f.file}:${f.range.start.line}:${f.ruleId}`),
    );
    assert.ok(
      findings.every((f) => !/\(in /.test(f.message)),
      'every finding holds in both overlays: reported once, unnamed',
    );
  });

  it('a wrong value set by a patch is reported on the patch line, naming nothing when it is the only user', () => {
    const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext:
          privileged: true
`;
    const findings = lint(repo({ '/w/overlays/prod/patch.yaml': patch }));
    const privileged = findings.filter((f) => f.ruleId === 'k8s/privileged');
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0].file, '/w/overlays/prod/patch.yaml');
    assert.equal(privileged[0].range.start.line, lineOf(patch, 'privileged: true'));
    assert.ok(
      privileged[0].fixes.some((f) => !f.suppression && f.edits.length > 0),
      'the patch line gets its fix',
    );
    assert.ok(!findings.some((f) => f.file === '/w/overlays/prod/patch.yaml' && f.ruleId !== 'k8s/privileged'), 'no "missing" findings from the partial patch');
  });

  it('a value set by an images: entry is reported on the kustomization line', () => {
    const kustomization = 'resources:\n- ../../base\nimages:\n- name: registry.example.com/web\n  newTag: latest\n';
    const findings = lint(repo({ '/w/overlays/dev/kustomization.yaml': kustomization }));
    const tag = findings.filter((f) => f.ruleId === 'k8s/image-tag');
    assert.equal(tag.length, 1);
    assert.equal(tag[0].file, '/w/overlays/dev/kustomization.yaml');
    assert.equal(tag[0].range.start.line, 4);
    assert.deepEqual(tag[0].overlays, ['/w/overlays/dev/kustomization.yaml']);
  });

  it('a gap of the base holding in every overlay is reported once on the base, without overlay names', () => {
    const base = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '');
    const findings = lint(repo({ '/w/base/deployment.yaml': base })).filter((f) => f.ruleId === 'k8s/read-only-root-filesystem');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, '/w/base/deployment.yaml');
    assert.doesNotMatch(findings[0].message, /\(in /);
    assert.deepEqual(findings[0].overlays, OVERLAYS.slice().sort());
  });

  it('a gap in only some overlays names them, on the base object', () => {
    const base = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '');
    const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext:
          readOnlyRootFilesystem: true
`;
    const findings = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/patch.yaml': patch })).filter(
      (f) => f.ruleId === 'k8s/read-only-root-filesystem',
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, '/w/base/deployment.yaml');
    assert.match(findings[0].message, /\(in overlays\/dev\)$/);
  });

  it("a container an overlay's patch adds: what it lacks is reported on the patch, where the field goes", () => {
    const sidecar = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: proxy
        image: envoyproxy/envoy:v1.31.0
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        resources:
          requests: {cpu: 10m, memory: 32Mi}
          limits: {memory: 64Mi}
`;
    const findings = lint(repo({ '/w/overlays/prod/patch.yaml': sidecar })).filter((f) => f.ruleId === 'k8s/liveness-probe');
    assert.deepEqual(
      findings.map((f) => [f.file, f.range.start.line]),
      [['/w/overlays/prod/patch.yaml', lineOf(sidecar, '- name: proxy')]],
    );
  });

  it('a field an overlay removes (a JSON patch `remove`, a strategic-merge null): reported on that operation', () => {
    const remove =
      'resources:\n- ../../base\npatches:\n- target: {kind: Deployment, name: web}\n  patch: |-\n    - op: remove\n      path: /spec/template/spec/containers/0/securityContext\n';
    const findings = lint(repo({ '/w/overlays/prod/kustomization.yaml': remove })).filter((f) => f.ruleId === 'k8s/read-only-root-filesystem');
    assert.deepEqual(
      findings.map((f) => [f.file, f.range.start.line]),
      [['/w/overlays/prod/kustomization.yaml', lineOf(remove, '- op: remove')]],
    );
    const nulled = PROD_PATCH.replace('        resources:\n          limits: {memory: 256Mi}\n', '        livenessProbe: null\n');
    const probes = lint(repo({ '/w/overlays/prod/patch.yaml': nulled })).filter((f) => f.ruleId === 'k8s/liveness-probe');
    assert.deepEqual(
      probes.map((f) => [f.file, f.range.start.line]),
      [['/w/overlays/prod/patch.yaml', lineOf(nulled, 'livenessProbe: null')]],
    );
  });

  it('a field deep in a map an overlay removes (`remove` of securityContext/allowPrivilegeEscalation, a null in it): on that operation', () => {
    // The base sets allowPrivilegeEscalation: false but has no livenessProbe; the finding is on the container line.
    const base = HARDENED_DEPLOYMENT.replace('        livenessProbe: {httpGet: {path: /healthz, port: 8080}}\n', '');
    const remove =
      'resources:\n- ../../base\npatches:\n- target: {kind: Deployment, name: web}\n  patch: |-\n    - op: remove\n      path: /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation\n';
    const overlay = ['/w/overlays/prod/kustomization.yaml'];
    const at = (list: KustomizeFinding[], ruleId: string) => list.filter((f) => f.ruleId === ruleId).map((f) => [f.file, f.range.start.line]);
    const removed = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/kustomization.yaml': remove }), overlay);
    assert.deepEqual(at(removed, 'k8s/allow-privilege-escalation'), [['/w/overlays/prod/kustomization.yaml', lineOf(remove, '- op: remove')]]);
    assert.deepEqual(at(removed, 'k8s/liveness-probe'), [['/w/base/deployment.yaml', lineOf(base, '- name: app')]]);
    const nulled = PROD_PATCH.replace(
      '        resources:\n          limits: {memory: 256Mi}\n',
      '        securityContext:\n          allowPrivilegeEscalation: null\n',
    );
    const cleared = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/patch.yaml': nulled }), overlay);
    assert.deepEqual(at(cleared, 'k8s/allow-privilege-escalation'), [['/w/overlays/prod/patch.yaml', lineOf(nulled, 'allowPrivilegeEscalation: null')]]);
    assert.deepEqual(at(cleared, 'k8s/liveness-probe'), [['/w/base/deployment.yaml', lineOf(base, '- name: app')]]);
    // A deletion in one container says nothing of another: the list does not pass it on to the pod.
    assert.deepEqual(at(cleared, 'k8s/run-as-non-root'), []);
  });

  it('several `remove` operations on one object: each finding on the operation its fix undoes, not the first one', () => {
    const ops =
      'resources:\n- ../../base\npatches:\n- target: {kind: Deployment, name: web}\n  patch: |-\n' +
      '    - op: remove\n      path: /spec/template/spec/containers/0/livenessProbe\n' +
      '    - op: remove\n      path: /spec/template/spec/securityContext/runAsNonRoot\n' +
      '    - op: remove\n      path: /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation\n';
    const findings = lint(repo({ '/w/overlays/prod/kustomization.yaml': ops }), ['/w/overlays/prod/kustomization.yaml']);
    const at = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => [f.file, f.range.start.line]);
    const line = (path: string) => lineOf(ops, path) - 1;
    const overlay = '/w/overlays/prod/kustomization.yaml';
    assert.deepEqual(at('k8s/liveness-probe'), [[overlay, line('containers/0/livenessProbe')]]);
    // The pod's runAsNonRoot is outside the container the finding is on: still that operation's doing.
    assert.deepEqual(at('k8s/run-as-non-root'), [[overlay, line('securityContext/runAsNonRoot')]]);
    assert.deepEqual(at('k8s/allow-privilege-escalation'), [[overlay, line('securityContext/allowPrivilegeEscalation')]]);
  });

  it('a field a JSON patch `replace` of its whole map drops: reported on that operation; what the base lacks on its own stays on the base', () => {
    // The base sets allowPrivilegeEscalation: false but has no livenessProbe; the overlay replaces the securityContext.
    const base = HARDENED_DEPLOYMENT.replace('        livenessProbe: {httpGet: {path: /healthz, port: 8080}}\n', '');
    const replace =
      'resources:\n- ../../base\npatches:\n- target: {kind: Deployment, name: web}\n  patch: |-\n    - op: replace\n      path: /spec/template/spec/containers/0/securityContext\n      value:\n        readOnlyRootFilesystem: true\n        capabilities: {drop: [ALL]}\n';
    const findings = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/kustomization.yaml': replace }), ['/w/overlays/prod/kustomization.yaml']);
    const at = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => [f.file, f.range.start.line]);
    assert.deepEqual(at('k8s/allow-privilege-escalation'), [['/w/overlays/prod/kustomization.yaml', lineOf(replace, '- op: replace')]]);
    assert.deepEqual(at('k8s/liveness-probe'), [['/w/base/deployment.yaml', lineOf(base, '- name: app')]]);
    assert.ok(findings.find((f) => f.ruleId === 'k8s/liveness-probe')!.fixes.length > 0, 'the base keeps its fix');
    // `add` of an existing key replaces it too; a replacement that keeps every field the base had blames nothing on it.
    const add = replace.replace('op: replace', 'op: add');
    assert.deepEqual(
      lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/kustomization.yaml': add }), ['/w/overlays/prod/kustomization.yaml'])
        .filter((f) => f.ruleId === 'k8s/allow-privilege-escalation')
        .map((f) => f.file),
      ['/w/overlays/prod/kustomization.yaml'],
    );
    const keeps = replace.replace(
      '        readOnlyRootFilesystem: true\n',
      '        readOnlyRootFilesystem: true\n        allowPrivilegeEscalation: false\n        runAsNonRoot: true\n',
    );
    const none = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/kustomization.yaml': keeps }), ['/w/overlays/prod/kustomization.yaml']);
    assert.deepEqual(
      none.filter((f) => f.file === '/w/overlays/prod/kustomization.yaml').map((f) => f.ruleId),
      [],
    );
  });

  it('a field a strategic-merge `$patch: replace` drops (a securityContext, the whole pod spec): reported on that directive', () => {
    // The base sets allowPrivilegeEscalation: false but has no livenessProbe; the patch replaces the securityContext.
    const base = HARDENED_DEPLOYMENT.replace('        livenessProbe: {httpGet: {path: /healthz, port: 8080}}\n', '');
    const replace = PROD_PATCH.replace(
      '        resources:\n          limits: {memory: 256Mi}\n',
      '        securityContext:\n          $patch: replace\n          readOnlyRootFilesystem: true\n          capabilities: {drop: [ALL]}\n',
    );
    const overlay = ['/w/overlays/prod/kustomization.yaml'];
    const findings = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/patch.yaml': replace }), overlay);
    const at = (list: KustomizeFinding[], ruleId: string) => list.filter((f) => f.ruleId === ruleId).map((f) => [f.file, f.range.start.line]);
    assert.deepEqual(at(findings, 'k8s/allow-privilege-escalation'), [['/w/overlays/prod/patch.yaml', lineOf(replace, '$patch: replace')]]);
    assert.deepEqual(at(findings, 'k8s/liveness-probe'), [['/w/base/deployment.yaml', lineOf(base, '- name: app')]]);
    // The pod spec replaced: the ServiceAccount the base names is gone, by the patch's doing.
    const podSpec = PROD_PATCH.replace('    spec:\n      containers:\n', '    spec:\n      $patch: replace\n      containers:\n').replace(
      '        resources:\n          limits: {memory: 256Mi}\n',
      '        image: registry.example.com/web:1.28\n',
    );
    const replaced = lint(repo({ '/w/overlays/prod/patch.yaml': podSpec }), overlay);
    assert.deepEqual(at(replaced, 'k8s/default-service-account'), [['/w/overlays/prod/patch.yaml', lineOf(podSpec, '$patch: replace')]]);
    // A `$patch: replace` that keeps every field the base had blames nothing on the patch.
    const keeps = replace.replace(
      '          readOnlyRootFilesystem: true\n',
      '          readOnlyRootFilesystem: true\n          allowPrivilegeEscalation: false\n',
    );
    const none = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/patch.yaml': keeps }), overlay);
    assert.deepEqual(
      none.filter((f) => f.file === '/w/overlays/prod/patch.yaml').map((f) => f.ruleId),
      [],
    );
  });

  it('a field a strategic-merge `$patch: delete` of its map removes: reported on that map in the patch', () => {
    const remove = PROD_PATCH.replace('        resources:\n          limits: {memory: 256Mi}\n', '        securityContext:\n          $patch: delete\n');
    const findings = lint(repo({ '/w/overlays/prod/patch.yaml': remove }), ['/w/overlays/prod/kustomization.yaml']);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'k8s/read-only-root-filesystem').map((f) => [f.file, f.range.start.line]),
      [['/w/overlays/prod/patch.yaml', lineOf(remove, 'securityContext:')]],
    );
  });

  it('a built-in PatchTransformer under `transformers:` is run: what it sets is linted and reported on its lines', () => {
    const base = HARDENED_DEPLOYMENT.replace('          allowPrivilegeEscalation: false\n', '');
    // The base's finding is gone once the transformer sets the field (a one-line JSON patch, as kueue writes them).
    const fixes =
      'apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: harden\npatch: \'[{"op": "add", "path": "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", "value": false}]\'\ntarget:\n  kind: Deployment\n';
    const kustomization = 'resources:\n- ../../base\ntransformers:\n- transformers/patch.yaml\n';
    const overlay = ['/w/overlays/prod/kustomization.yaml'];
    const fixed = lint(
      repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/kustomization.yaml': kustomization, '/w/overlays/prod/transformers/patch.yaml': fixes }),
      overlay,
    );
    assert.deepEqual(
      fixed.filter((f) => f.ruleId === 'k8s/allow-privilege-escalation' || f.ruleId === 'kustomize/build-error').map((f) => f.message),
      [],
    );
    // A value it writes in a block patch is reported on that line of the transformer's file.
    const privileged =
      'apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: debug\npatch: |-\n  - op: add\n    path: /spec/template/spec/containers/0/securityContext/privileged\n    value: true\ntarget:\n  kind: Deployment\n';
    const found = lint(repo({ '/w/overlays/prod/kustomization.yaml': kustomization, '/w/overlays/prod/transformers/patch.yaml': privileged }), overlay);
    assert.deepEqual(
      found.filter((f) => f.ruleId === 'k8s/privileged').map((f) => [f.file, f.range.start.line]),
      [['/w/overlays/prod/transformers/patch.yaml', lineOf(privileged, 'value: true')]],
    );
  });

  it('a patch that removes the namespace (argo-cd remove-namespace.yaml) is not where what the object lacks is reported', () => {
    const base = HARDENED_DEPLOYMENT.replace('  replicas: 1\n', '  replicas: 3\n').replace('  name: web\n', '  name: web\n  namespace: argocd\n');
    const remove = 'resources:\n- ../../base\npatches:\n- target: {kind: Deployment}\n  patch: |-\n    - op: remove\n      path: /metadata/namespace\n';
    const findings = lint(repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/kustomization.yaml': remove })).filter(
      (f) => f.ruleId === 'k8s/pdb-missing',
    );
    assert.ok(findings.length > 0);
    assert.deepEqual([...new Set(findings.map((f) => f.file))], ['/w/base/deployment.yaml']);
  });

  it('a fix on the base re-lints clean through every build and is idempotent', () => {
    const base = HARDENED_DEPLOYMENT.replace('          allowPrivilegeEscalation: false\n', '');
    let files = repo({ '/w/base/deployment.yaml': base });
    const finding = lint(files).find((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.ok(finding, 'reported');
    assert.equal(finding.file, '/w/base/deployment.yaml');
    const fix = finding.fixes.find((f) => f.isPreferred);
    assert.ok(fix && fix.edits.length > 0, 'has a fix');
    const fixed = applyTextEdits(files['/w/base/deployment.yaml'], fix.edits);
    files = { ...files, '/w/base/deployment.yaml': fixed };
    const after = lint(files);
    assert.ok(!after.some((f) => f.ruleId === 'k8s/allow-privilege-escalation'), 'clean after the fix, in every overlay');
    assert.deepEqual(
      after.map((f) => f.ruleId),
      lint(repo()).map((f) => f.ruleId),
      'exactly what the hardened base has: the fix added nothing else',
    );
    // Idempotent: linting again offers no fix for the rule, so applying fixes again changes nothing.
    assert.ok(!lint(files).some((f) => f.ruleId === finding.ruleId));
  });

  for (const [rule, line] of [
    ['k8s/read-only-root-filesystem', '          readOnlyRootFilesystem: true\n'],
    ['k8s/allow-privilege-escalation', '          allowPrivilegeEscalation: false\n'],
  ] as const) {
    it(`a gap in one overlay only is fixed in that overlay's kustomization, not the base (${rule})`, () => {
      const base = HARDENED_DEPLOYMENT.replace(line, '');
      // prod's patch sets the field; dev (namePrefix dev-) does not.
      const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext:
${line}`;
      let files = repo({ '/w/base/deployment.yaml': base, '/w/overlays/prod/patch.yaml': patch });
      const finding = lint(files).find((f) => f.ruleId === rule);
      assert.ok(finding, 'reported');
      assert.deepEqual([finding.file, finding.overlays], ['/w/base/deployment.yaml', ['/w/overlays/dev/kustomization.yaml']]);
      const [fix, ...others] = finding.fixes;
      assert.deepEqual(fix.edits, [], 'the base is not edited');
      assert.match(fix.title, / in overlays\/dev only \(a patch in its kustomization\)$/);
      assert.deepEqual(
        fix.otherFiles?.map((f) => f.path),
        ['/w/overlays/dev/kustomization.yaml'],
      );
      assert.ok(
        others.some((f) => f.edits.length > 0 && !f.isPreferred && f.title.endsWith('(in every overlay)')),
        'the base fix stays, not preferred',
      );
      const kustomization = applyTextEdits(files['/w/overlays/dev/kustomization.yaml'], fix.otherFiles![0].edits);
      assert.match(kustomization, /^patches:\n- patch: \|-\n {4}apiVersion: apps\/v1\n {4}kind: Deployment\n {4}metadata:\n {6}name: web\n/m);
      files = { ...files, '/w/overlays/dev/kustomization.yaml': kustomization };
      const after = lint(files);
      assert.ok(!after.some((f) => f.ruleId === rule), `clean after the fix: ${after.map((f) => f.message).join('; ')}`);
      assert.deepEqual(
        after.filter((f) => f.ruleId === 'kustomize/build-error'),
        [],
      );
      assert.deepEqual(files['/w/base/deployment.yaml'], base, 'the base is untouched');
      // Idempotent: nothing left to fix for the rule.
      assert.ok(!lint(files).some((f) => f.ruleId === rule));
    });
  }

  it("a second overlay-only fix joins the overlay's patches: list", () => {
    const base = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '');
    const files = repo({
      '/w/base/deployment.yaml': base,
      '/w/overlays/dev/kustomization.yaml':
        'resources:\n- ../../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: web}\n      spec: {replicas: 2}\nnamePrefix: dev-\n',
      '/w/overlays/prod/patch.yaml': PROD_PATCH.replace('        resources:', '        securityContext: {readOnlyRootFilesystem: true}\n        resources:'),
    });
    const finding = lint(files).find((f) => f.ruleId === 'k8s/read-only-root-filesystem');
    assert.ok(finding?.fixes[0].otherFiles);
    const kustomization = applyTextEdits(files['/w/overlays/dev/kustomization.yaml'], finding.fixes[0].otherFiles[0].edits);
    assert.match(kustomization, /spec: \{replicas: 2\}\n {2}- patch: \|-\n {6}apiVersion: apps\/v1\n[^]*\nnamePrefix: dev-\n$/);
    const after = lint({ ...files, '/w/overlays/dev/kustomization.yaml': kustomization });
    assert.ok(!after.some((f) => f.ruleId === 'k8s/read-only-root-filesystem' || f.ruleId === 'kustomize/build-error'), after.map((f) => f.message).join('; '));
  });

  it('a long-lived service re-linting after base edits gives what a fresh one gives (reused parses, caches)', () => {
    const files: Record<string, string> = repo();
    const fs = { exists: (p: string) => p in files, readFile: (p: string) => files[p] };
    const service = new KustomizeService(fs, () => options);
    const all = ['/w/base/kustomization.yaml', ...OVERLAYS];
    service.setKustomizations(all);
    const variants = [
      HARDENED_DEPLOYMENT,
      HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', ''),
      HARDENED_DEPLOYMENT.replace('  replicas: 1\n', '  replicas: 1\n  revisionHistoryLimit: 3\n'),
      HARDENED_DEPLOYMENT.replace('          allowPrivilegeEscalation: false\n', '          privileged: true\n'),
    ];
    for (const variant of [...variants, ...variants.reverse()]) {
      files['/w/base/deployment.yaml'] = variant;
      const fresh = new KustomizeService(fs, () => options);
      fresh.setKustomizations(all);
      const shape = (list: KustomizeFinding[] | undefined) => (list ?? []).map((f) => [f.ruleId, f.range.start.line, f.message, f.fixes.length]);
      assert.deepEqual(
        shape(service.findingsFor('/w/base/deployment.yaml', () => DEFAULT_SETTINGS)),
        shape(fresh.findingsFor('/w/base/deployment.yaml', () => DEFAULT_SETTINGS)),
      );
    }
  });

  it('objects an overlay generates and renames are linted under their final names', () => {
    const kustomization = 'resources:\n- ../../base\nconfigMapGenerator:\n- name: settings\n  literals:\n  - DB_PASSWORD=hunter2\n';
    const findings = lint(repo({ '/w/overlays/dev/kustomization.yaml': kustomization })).filter((f) => f.ruleId === 'k8s/secret-in-configmap');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, '/w/overlays/dev/kustomization.yaml');
    assert.equal(findings[0].range.start.line, 5);
  });

  it('a suppression comment in the base silences the finding it reports there', () => {
    const base = HARDENED_DEPLOYMENT.replace('          readOnlyRootFilesystem: true\n', '').replace(
      '      - name: app\n',
      '      # harden-disable-next-line k8s/read-only-root-filesystem\n      - name: app\n',
    );
    const findings = lint(repo({ '/w/base/deployment.yaml': base }));
    assert.ok(!findings.some((f) => f.ruleId === 'k8s/read-only-root-filesystem'), findings.map((f) => f.ruleId).join(', '));
    assert.ok(!findings.some((f) => f.ruleId === 'harden/unused-suppression'));
  });

  it('k8s/missing-reference on the build: generated names (hash suffix) resolve; a typo is reported in the source file, in the overlay namespace', () => {
    const kustomization = `namespace: shop
resources:
- deployment.yaml
- static.yaml
configMapGenerator:
- name: app-settings
  literals: [MODE=live]
secretGenerator:
- name: app-secret
  literals: [TOKEN=x]
`;
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: web:1.0
        envFrom:
        - configMapRef: {name: app-settings}
        - secretRef: {name: app-secret}
        - configMapRef: {name: app-setings}
`;
    const files = {
      '/w/k/kustomization.yaml': kustomization,
      '/w/k/deployment.yaml': deployment,
      '/w/k/static.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: static\ndata: {a: b}\n',
    };
    const all = lint(files, ['/w/k/kustomization.yaml']);
    const findings = all.filter((f) => f.ruleId === 'k8s/missing-reference');
    assert.deepEqual(
      findings.map((f) => [f.file, f.range.start.line + 1, f.message]),
      [
        [
          '/w/k/deployment.yaml',
          18,
          'Deployment "web" reads the environment from ConfigMap "app-setings", which is not in namespace "shop" of the workspace: its pods will not start.',
        ],
      ],
    );
  });
});

describe('kustomize lint: findings only an overlay has', () => {
  it("a PodDisruptionBudget missing once the overlay's `replicas:` makes 3: the suppression comment is offered, and silences it", () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n';
    const files = {
      '/w/base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
      '/w/base/deploy.yaml': deployment,
      '/w/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nreplicas:\n  - name: web\n    count: 3\n',
    };
    const overlay = ['/w/overlays/prod/kustomization.yaml'];
    const finding = lint(files, overlay).find((f) => f.ruleId === 'k8s/pdb-missing');
    assert.ok(finding, 'reported');
    assert.equal(finding.file, '/w/base/deploy.yaml');
    const suppression = finding.fixes.find((f) => f.suppression);
    assert.ok(suppression, 'the suppression comment is offered');
    const fixed = applyTextEdits(deployment, suppression.edits);
    assert.ok(
      lint({ ...files, '/w/base/deploy.yaml': fixed }, overlay).every((f) => f.ruleId !== 'k8s/pdb-missing'),
      'the comment silences it',
    );
  });
});
