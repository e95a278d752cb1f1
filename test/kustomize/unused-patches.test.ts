// A patch file no kustomization uses (kubebuilder's scaffold keeps `config/default/manager_*_patch.yaml` beside a
// kustomization whose `patches:` lines are commented out): linted on its own, it is partial like the patches the
// overlays use. What it leaves out says nothing (no "missing" finding, no schema "Missing property"); values it
// writes are still checked. Found linting kubeflow/manifests (tests: engine, CLI; the language server in
// test/lsp/kustomize.test.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { hardenInProcess } from '../cli/helpers/run';
import { AUTH_PROXY_PATCH } from './fixtures';
import { memoryFileSystem } from './helpers';

const DEFAULT_KUSTOMIZATION = `namespace: system
bases:
- ../manager
#patchesStrategicMerge:
#- manager_auth_proxy_patch.yaml
`;

/** The same containers in a Deployment the API accepts: a selector, and an image for every container. */
const WHOLE = AUTH_PROXY_PATCH.replace('spec:\n  template:', 'spec:\n  selector:\n    matchLabels: {app: manager}\n  template:').replace(
  '      - name: manager\n',
  '      - name: manager\n        image: controller:1.0.0\n',
);

const PATCH = '/w/config/default/manager_auth_proxy_patch.yaml';

function lint(files: Record<string, string>, file = PATCH, text = AUTH_PROXY_PATCH) {
  const linter = new Linter({}, memoryFileSystem(files));
  const findings = linter.lint({ path: file, text, languageId: 'yaml' }).findings;
  return { linter, ids: findings.map((f) => f.ruleId) };
}

describe('a patch no kustomization uses', () => {
  it('in a kustomization folder: the values it writes are checked, nothing it leaves out is reported', () => {
    const { linter, ids } = lint({ '/w/config/default/kustomization.yaml': DEFAULT_KUSTOMIZATION, [PATCH]: AUTH_PROXY_PATCH });
    assert.deepEqual(ids, ['k8s/privileged']);
    assert.equal(linter.isUnusedPatchFragment(PATCH), true);
  });

  it('in a folder below one (config/default/patches/), the same', () => {
    const nested = '/w/config/default/patches/manager_auth_proxy_patch.yaml';
    const { linter, ids } = lint({ '/w/config/default/kustomization.yaml': DEFAULT_KUSTOMIZATION, [nested]: AUTH_PROXY_PATCH }, nested);
    assert.deepEqual(ids, ['k8s/privileged']);
    assert.equal(linter.isUnusedPatchFragment(nested), true);
  });

  it('outside any kustomize tree: a plain manifest, every finding as before', () => {
    const { linter, ids } = lint({ [PATCH]: AUTH_PROXY_PATCH });
    assert.ok(ids.includes('k8s/run-as-non-root') && ids.includes('k8s/privileged') && ids.length > 10, ids.join(', '));
    assert.equal(linter.isUnusedPatchFragment(PATCH), false);
  });

  it('a whole object in a kustomization folder (what the API accepts) is linted as before', () => {
    const files = { '/w/config/default/kustomization.yaml': DEFAULT_KUSTOMIZATION };
    const inTree = lint(files, PATCH, WHOLE);
    const alone = lint({}, PATCH, WHOLE);
    assert.deepEqual(inTree.ids, alone.ids);
    assert.ok(inTree.ids.includes('k8s/run-as-non-root'));
    assert.equal(inTree.linter.isUnusedPatchFragment(PATCH), false);
  });

  it('the same linter, once a kustomization appears beside it or goes away, re-lints the unchanged text', () => {
    const files: Record<string, string> = { [PATCH]: AUTH_PROXY_PATCH };
    const linter = new Linter({}, memoryFileSystem(files));
    const ids = () => linter.lint({ path: PATCH, text: AUTH_PROXY_PATCH, languageId: 'yaml' }).findings.map((f) => f.ruleId);
    const before = ids();
    files['/w/config/default/kustomization.yaml'] = DEFAULT_KUSTOMIZATION;
    assert.deepEqual(ids(), ['k8s/privileged']);
    delete files['/w/config/default/kustomization.yaml'];
    assert.deepEqual(ids(), before);
  });
});

// Found in gatekeeper's kubebuilder scaffold: the unused patch (namespace `system`, the scaffold's placeholder)
// made a Service of `system` selecting the manager's labels look dangling, while the manager itself is only built
// into `<prefix>-system`. Without the patch file, nothing of `system` has pods, and the rules say nothing.
describe("a patch no kustomization uses, in other files' cross-file rules", () => {
  const SERVICE = '/w/config/rbac/auth_proxy_service.yaml';
  const SYSTEM = `apiVersion: v1
kind: Namespace
metadata:
  name: system
---
apiVersion: v1
kind: Service
metadata:
  name: controller-manager-metrics-service
  namespace: system
spec:
  ports:
  - name: https
    port: 8443
    targetPort: https
  selector:
    control-plane: controller-manager
`;
  const CROSS_FILE = ['k8s/namespace-network-policy', 'k8s/service-selector'];

  /** The cross-file findings on the Service's file once the patch is known to the index (`how`: as the CLI's first pass or as an editor lints it). */
  function crossFileIds(files: Record<string, string>, how: 'indexed' | 'linted'): string[] {
    const linter = new Linter({}, memoryFileSystem({ ...files, [PATCH]: AUTH_PROXY_PATCH, [SERVICE]: SYSTEM }));
    if (how === 'indexed') linter.indexFile({ path: PATCH, text: AUTH_PROXY_PATCH });
    else linter.lint({ path: PATCH, text: AUTH_PROXY_PATCH, languageId: 'yaml' });
    const findings = linter.lint({ path: SERVICE, text: SYSTEM, languageId: 'yaml' }).findings;
    return findings.map((f) => f.ruleId).filter((id) => CROSS_FILE.includes(id));
  }

  for (const how of ['indexed', 'linted'] as const) {
    it(`does not stand for pods of its namespace (${how})`, () => {
      assert.deepEqual(crossFileIds({ '/w/config/default/kustomization.yaml': DEFAULT_KUSTOMIZATION }, how), []);
    });
  }

  it('outside any kustomize tree it is a plain manifest: its pods count, as before', () => {
    assert.deepEqual(crossFileIds({}, 'indexed').sort(), CROSS_FILE);
  });
});

describe('harden lint on a kubebuilder config/ tree with unused patches', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-unused-patches-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reports only the values the unused patch writes: no "missing" finding, no schema "Missing property"', async () => {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('config/default/kustomization.yaml', DEFAULT_KUSTOMIZATION);
    write('config/default/manager_auth_proxy_patch.yaml', AUTH_PROXY_PATCH);
    write('config/manager/kustomization.yaml', 'resources:\n- manager.yaml\n');
    write('config/manager/manager.yaml', WHOLE.replace('# This patch injects a sidecar container which is a HTTP proxy for the controller manager.\n', ''));
    const run = await hardenInProcess(root, ['lint', '--format', 'json', 'config']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const results = (JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }> }).results;
    const patch = results.find((r) => r.file === 'config/default/manager_auth_proxy_patch.yaml');
    assert.deepEqual(
      patch?.findings.map((f) => f.ruleId),
      ['k8s/privileged'],
      JSON.stringify(patch),
    );
    // The manager the default kustomization builds is linted through the build, as before.
    assert.ok(results.some((r) => r.file === 'config/manager/manager.yaml' && r.findings.some((f) => f.ruleId === 'k8s/privileged')));
  });
});
