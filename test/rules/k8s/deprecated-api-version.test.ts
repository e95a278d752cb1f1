import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_DEPRECATIONS, deprecationOf, parseVersion } from '../../../server/src/engine/testing';
import { atLeast } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const HPA = (apiVersion: string) => `apiVersion: ${apiVersion}  # HPA
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 3
  maxReplicas: 50
`;

const PDB = (apiVersion: string, selector = '    matchLabels:\n      app: web\n') => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
${selector}`;

const CRONJOB = (apiVersion: string) => `apiVersion: "${apiVersion}"
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: job
            image: job:1
`;

const OLD_DEPLOYMENT = (selector: string) => `apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: web
spec:
${selector}  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: web:1
`;

ruleTester('k8s/deprecated-api-version', {
  valid: [
    { name: 'autoscaling/v2', code: HPA('autoscaling/v2') },
    { name: 'policy/v1', code: PDB('policy/v1') },
    { name: 'a cluster older than the deprecation: nothing better to use yet', code: HPA('autoscaling/v2beta2'), settings: { kubernetesVersion: '1.22' } },
    { name: 'unknown group (a CRD of someone else)', code: 'apiVersion: example.com/v1beta1\nkind: Widget\nmetadata:\n  name: w\n' },
  ],
  invalid: [
    {
      name: 'seed 002: autoscaling/v2beta2 is removed in 1.26 (error on 1.32), fix keeps the comment',
      code: HPA('autoscaling/v2beta2'),
      errors: [
        {
          line: 1,
          severity: 'error',
          message: 'autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26 (configured: 1.32); use autoscaling/v2.',
        },
      ],
      output: HPA('autoscaling/v2'),
    },
    {
      name: 'deprecated but still served on the configured version: warning',
      code: HPA('autoscaling/v2beta2'),
      settings: { kubernetesVersion: '1.25' },
      errors: [{ line: 1, severity: 'warning', message: /deprecated since 1.23 and removed in 1.26/ }],
      output: HPA('autoscaling/v2'),
    },
    {
      name: 'policy/v1beta1 PDB with a selector: drop-in',
      code: PDB('policy/v1beta1'),
      errors: [{ line: 1, severity: 'error' }],
      output: PDB('policy/v1'),
    },
    {
      name: 'policy/v1beta1 PDB with an empty selector: no fix (v1 would select every pod)',
      code: PDB('policy/v1beta1', '    {}\n'),
      errors: [{ line: 1, message: /empty selector selects every pod/ }],
    },
    {
      name: 'batch/v1beta1 CronJob, quoted value stays quoted',
      code: CRONJOB('batch/v1beta1'),
      errors: [{ line: 1 }],
      output: CRONJOB('batch/v1'),
    },
    {
      name: 'extensions/v1beta1 Deployment with a selector: apps/v1',
      code: OLD_DEPLOYMENT('  selector:\n    matchLabels:\n      app: web\n'),
      errors: [{ line: 1, message: /removed in Kubernetes 1.16/ }],
      output: OLD_DEPLOYMENT('  selector:\n    matchLabels:\n      app: web\n').replace('extensions/v1beta1', 'apps/v1'),
    },
    {
      name: 'extensions/v1beta1 Deployment without a selector: no fix (apps/v1 requires one)',
      code: OLD_DEPLOYMENT(''),
      errors: [{ line: 1, message: /apps\/v1 requires spec.selector/ }],
    },
    {
      name: 'Ingress networking.k8s.io/v1beta1: schema changed, no fix',
      code: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
      errors: [{ line: 1, message: /use networking.k8s.io\/v1 \(backends become/ }],
    },
    {
      name: 'PodSecurityPolicy: no replacement',
      code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\nspec: {}\n',
      errors: [{ line: 1, message: /Pod Security Admission/ }],
    },
  ],
});

describe('k8s versions and the deprecation table', () => {
  it('parses and compares versions', () => {
    assert.deepEqual(parseVersion('1.32'), { major: 1, minor: 32 });
    assert.deepEqual(parseVersion('v1.29.3-eks-1'), { major: 1, minor: 29 });
    assert.equal(parseVersion('latest'), undefined);
    assert.equal(atLeast('1.30', '1.30'), true);
    assert.equal(atLeast('1.9', '1.16'), false);
    assert.equal(atLeast('1.100', '1.30'), true);
    assert.equal(atLeast('2.0', '1.30'), true);
    assert.equal(atLeast(undefined, '1.30'), true, 'unknown = current');
  });
  it('every entry is removed after it is deprecated, and replacements differ', () => {
    for (const d of API_DEPRECATIONS) {
      assert.ok(!atLeast(d.deprecatedIn, d.removedIn), `${d.apiVersion} ${d.kind}`);
      assert.notEqual(d.replacement, d.apiVersion);
    }
    assert.equal(deprecationOf('policy/v1beta1', 'PodDisruptionBudget')?.removedIn, '1.25');
    assert.equal(deprecationOf('apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition')?.removedIn, '1.22');
    assert.equal(deprecationOf('apps/v1', 'Deployment'), undefined);
  });
});
