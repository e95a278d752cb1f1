// Argo Rollouts, OpenKruise CloneSets and OpenShift DeploymentConfigs run pods as Deployments do: the availability
// rules judge them, and PodDisruptionBudgets that select their pods protect something (the disruption controller
// counts them through the ReplicaSets, scale subresource or ReplicationControllers they own).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintCase } from '../harness/ruleTester';

const workload = (apiVersion: string, kind: string, name: string, replicas: string, selector: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: ${name}
spec:
${replicas}  selector:
${selector}  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${name}
        image: ${name}:1.0
---
`;

const rollout = (replicas = '  replicas: 3\n') => workload('argoproj.io/v1alpha1', 'Rollout', 'api', replicas, '    matchLabels:\n      app: api\n');
const cloneSet = (replicas = '  replicas: 3\n') => workload('apps.kruise.io/v1alpha1', 'CloneSet', 'api', replicas, '    matchLabels:\n      app: api\n');
// A DeploymentConfig's selector is a plain map of labels.
const deploymentConfig = (replicas = '  replicas: 3\n') => workload('apps.openshift.io/v1', 'DeploymentConfig', 'api', replicas, '    app: api\n');
const otherDeployment = workload('apps/v1', 'Deployment', 'other', '  replicas: 1\n', '    matchLabels:\n      app: other\n');
const pdb = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  ${budget}
  selector:
    matchLabels:
      app: api
`;

const ids = (ruleId: string, code: string) => lintCase(ruleId, { code }).filter((f) => f.ruleId === ruleId);

for (const [kind, make] of [
  ['Rollout', rollout],
  ['CloneSet', cloneSet],
  ['DeploymentConfig', deploymentConfig],
] as const) {
  describe(kind, () => {
    it('a PodDisruptionBudget of its pods protects something, also beside a Deployment (pdb-selector silent)', () => {
      assert.deepEqual(ids('k8s/pdb-selector', make() + otherDeployment + pdb('maxUnavailable: 1')), []);
    });
    it('a budget of all its replicas blocks drains (pdb-blocks-eviction)', () => {
      const findings = ids('k8s/pdb-blocks-eviction', make() + pdb('minAvailable: 3'));
      assert.equal(findings.length, 1);
      assert.match(findings[0].message, new RegExp(`minAvailable 3 of 3.*${kind} "api": 3 replicas`));
    });
    it('three replicas without a PodDisruptionBudget or a spread (pdb-missing, topology-spread)', () => {
      assert.equal(ids('k8s/pdb-missing', make()).length, 1);
      assert.equal(ids('k8s/topology-spread', make()).length, 1);
    });
  });
}

describe('DeploymentConfig without replicas', () => {
  // DeploymentConfigSpec.replicas is a plain int32 without a default: absent is 0 pods, unlike a Deployment's 1.
  it('is not "a single pod" (replicas silent) and its budget is not judged against a guess (pdb-blocks-eviction silent)', () => {
    assert.deepEqual(ids('k8s/replicas', deploymentConfig('')), []);
    assert.deepEqual(ids('k8s/pdb-blocks-eviction', deploymentConfig('') + pdb('minAvailable: 1')), []);
  });
  it('a Deployment without replicas is still one pod (the difference is the kind)', () => {
    const deployment = workload('apps/v1', 'Deployment', 'api', '', '    matchLabels:\n      app: api\n');
    assert.equal(ids('k8s/replicas', deployment).length, 1);
    assert.equal(ids('k8s/pdb-blocks-eviction', deployment + pdb('minAvailable: 1')).length, 1);
  });
});
