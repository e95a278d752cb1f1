// Workloads defined by custom resources are built in: their containers get the same checks as a Deployment's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import type { EngineSettings } from '../../server/src/engine';
import { memoryFs } from '../harness/ruleTester';

const PRIVILEGED = `containers:
- name: app
  image: app:1.0
  securityContext:
    privileged: true`;

/** `PRIVILEGED`, indented to sit under `key:` at `indent` spaces. */
function containersAt(indent: number): string {
  return PRIVILEGED.split('\n')
    .map((line) => ' '.repeat(indent) + line)
    .join('\n');
}

function privilegedLines(text: string, settings: Partial<EngineSettings> = {}): number[] {
  const findings = new Linter(settings, memoryFs()).lint({ path: '/work/app.yaml', text }).findings;
  return findings.filter((f) => f.ruleId === 'k8s/privileged').map((f) => f.range.start.line + 1);
}

function ruleIds(text: string): string[] {
  return new Linter({}, memoryFs()).lint({ path: '/work/app.yaml', text }).findings.map((f) => f.ruleId);
}

const templated = (apiVersion: string, kind: string, prefix = '') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: app
spec:
${prefix}  template:
    spec:
${containersAt(6)}
`;

describe('custom-resource workloads', () => {
  for (const [apiVersion, kind] of [
    ['argoproj.io/v1alpha1', 'Rollout'],
    ['serving.knative.dev/v1', 'Service'],
    ['serving.knative.dev/v1', 'Configuration'],
    ['apps.kruise.io/v1alpha1', 'CloneSet'],
    ['apps.kruise.io/v1beta1', 'StatefulSet'],
    ['apps.kruise.io/v1alpha1', 'DaemonSet'],
  ]) {
    it(`${apiVersion} ${kind}: a privileged container is reported`, () => {
      assert.deepEqual(privilegedLines(templated(apiVersion, kind)), [12]);
    });
  }

  it('Knative Revision: the spec is the pod spec', () => {
    assert.deepEqual(privilegedLines(`apiVersion: serving.knative.dev/v1\nkind: Revision\nmetadata:\n  name: app-00001\nspec:\n${containersAt(2)}\n`), [10]);
  });

  it('KEDA ScaledJob: the job template under jobTargetRef', () => {
    const text = `apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata:\n  name: worker\nspec:\n  jobTargetRef:\n    template:\n      spec:\n${containersAt(8)}\n`;
    assert.deepEqual(privilegedLines(text), [13]);
  });

  it('Argo Workflows: container, script, containerSet, sidecars and initContainers of every template', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: build-
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: app:1.0
      securityContext:
        privileged: true
  - name: report
    script:
      image: python:3.12
      source: print(1)
      securityContext:
        privileged: true
  - name: set
    containerSet:
      containers:
      - name: a
        image: app:1.0
        securityContext:
          privileged: true
    sidecars:
    - name: proxy
      image: proxy:1.0
      securityContext:
        privileged: true
`;
    assert.deepEqual(privilegedLines(text), [12, 18, 25, 30]);
    assert.deepEqual(privilegedLines(text.replace('kind: Workflow', 'kind: WorkflowTemplate')), [12, 18, 25, 30]);
  });

  it("a core Service and a Deployment of someone else's API group are not workloads", () => {
    assert.deepEqual(privilegedLines(templated('v1', 'Service')), []);
    assert.deepEqual(privilegedLines(templated('example.com/v1', 'Deployment')), []);
  });

  it('workloadKinds in .harden.yaml, keyed by apiVersion/kind, group/kind or kind', () => {
    const text = templated('example.com/v1', 'Deployment');
    assert.deepEqual(privilegedLines(text, { workloadKinds: { 'example.com/v1/Deployment': 'spec.template' } }), [12]);
    assert.deepEqual(privilegedLines(text, { workloadKinds: { 'example.com/Deployment': 'spec.template' } }), [12]);
    assert.deepEqual(privilegedLines(text, { workloadKinds: { 'other.com/v1/Deployment': 'spec.template' } }), []);
  });

  it('a Deployment that a Rollout runs through workloadRef is not judged for replicas (Argo scales it down)', () => {
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: app\n        image: app:1.0\n`;
    const rollout = `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  workloadRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n`;
    assert.ok(ruleIds(deployment).includes('k8s/replicas'));
    assert.ok(!ruleIds(`${deployment}---\n${rollout}`).includes('k8s/replicas'));
  });
});
