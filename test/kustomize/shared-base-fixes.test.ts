// A fix of a base that several overlays build is worked out on the base alone, yet it lands in every overlay: it is
// kept only where the rule offers it on each overlay's built object too, and it is not preferred where some overlays
// using the base do not have the finding (the fix would reach them unasked).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, KustomizeService, lintKustomizations, type KustomizeFinding } from '../../server/src/engine';
import { memoryFileSystem } from './helpers';

const BASE = '/w/base/deployment.yaml';
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: app
        image: registry.example/app:1.0
`;
const PRIVILEGED_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext:
          privileged: true
`;
const OVERLAYS = ['/w/prod/kustomization.yaml', '/w/debug/kustomization.yaml'];

function files(debugPatch = PRIVILEGED_PATCH): Record<string, string> {
  return {
    '/w/base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
    [BASE]: DEPLOYMENT,
    '/w/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../base\n',
    '/w/debug/kustomization.yaml': 'namespace: debug\nresources:\n- ../base\npatches:\n- path: patch.yaml\n',
    '/w/debug/patch.yaml': debugPatch,
  };
}

const APE = 'k8s/allow-privilege-escalation';
const titles = (finding: KustomizeFinding | undefined) => finding?.fixes.filter((f) => !f.suppression).map((f) => [f.title, f.kind, f.isPreferred ?? false]);

function viaCli(tree: Record<string, string>, rule: string): KustomizeFinding | undefined {
  const byFile = lintKustomizations(OVERLAYS, DEFAULT_SETTINGS, memoryFileSystem(tree), { roots: ['/w'] }).byFile;
  return byFile.get(BASE)?.find((f) => f.ruleId === rule);
}

function viaService(tree: Record<string, string>, rule: string): KustomizeFinding | undefined {
  const service = new KustomizeService(memoryFileSystem(tree), () => ({ roots: ['/w'] }));
  service.setKustomizations(OVERLAYS);
  return service.findingsFor(BASE, () => DEFAULT_SETTINGS)?.find((f) => f.ruleId === rule);
}

describe('fixes of a base that overlays share', () => {
  for (const [how, lint] of [
    ['CLI', viaCli],
    ['editor', viaService],
  ] as const) {
    it(`${how}: allowPrivilegeEscalation: false is not offered on the base when an overlay makes the container privileged (the API server refuses the pair)`, () => {
      const finding = lint(files(), APE);
      assert.ok(finding, 'the finding holds in both overlays (a privileged container escalates)');
      assert.deepEqual(titles(finding), []);
      assert.ok(
        finding.fixes.some((f) => f.suppression),
        'the suppression comment stays',
      );
    });

    it(`${how}: the same fix stays safe when every overlay's build would take it`, () => {
      const harmless = PRIVILEGED_PATCH.replace('privileged: true', 'runAsNonRoot: true');
      assert.deepEqual(titles(lint(files(harmless), APE)), [['Set allowPrivilegeEscalation: false', 'safe', true]]);
    });
  }

  it('a fix reaching overlays without the finding is not preferred', () => {
    // prod and debug lack it; a third overlay sets it: the finding holds in two overlays of three.
    const tree = {
      ...files(PRIVILEGED_PATCH.replace('privileged: true', 'runAsNonRoot: true')),
      '/w/hardened/kustomization.yaml': 'namespace: hardened\nresources:\n- ../base\npatches:\n- path: patch.yaml\n',
      '/w/hardened/patch.yaml': PRIVILEGED_PATCH.replace('privileged: true', 'allowPrivilegeEscalation: false'),
    };
    const all = [...OVERLAYS, '/w/hardened/kustomization.yaml'];
    const finding = lintKustomizations(all, DEFAULT_SETTINGS, memoryFileSystem(tree), { roots: ['/w'] })
      .byFile.get(BASE)
      ?.find((f) => f.ruleId === APE);
    assert.ok(finding);
    assert.deepEqual(titles(finding), [['Set allowPrivilegeEscalation: false (in every overlay)', 'suggestion', false]]);
  });
});
