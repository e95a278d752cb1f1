import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { API_DEPRECATIONS, deprecationOf, parseVersion, SERVED_MINORS, SERVED_VERSIONS, unservedApiVersion } from '../../../server/src/engine/testing';
import { SCHEMA_MINORS } from '../../../server/src/services/schema/data';
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
    {
      name: "a custom resource of a kind a built-in group also has, in the CRD's own group",
      code: 'apiVersion: example.com/v2\nkind: Deployment\nmetadata:\n  name: d\n',
    },
    { name: 'a kind no built-in group knows (a kubeconfig): not an object of the API', code: 'apiVersion: v1\nkind: Config\nclusters: []\n' },
    { name: 'kubectl reads a v1 List itself', code: 'apiVersion: v1\nkind: List\nitems: []\n' },
    {
      name: 'an alpha version the target serves (behind a feature gate)',
      code: 'apiVersion: admissionregistration.k8s.io/v1alpha1\nkind: MutatingAdmissionPolicy\nmetadata:\n  name: p\n',
    },
    {
      name: 'the same, on the release that served it',
      code: 'apiVersion: resource.k8s.io/v1alpha2\nkind: ResourceClaim\nmetadata:\n  name: c\n',
      settings: { kubernetesVersion: '1.30' },
    },
    {
      name: 'a target newer than the shipped data: a version it may have added (resource.k8s.io/v1 is GA in 1.34)',
      code: 'apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: c\n',
      settings: { kubernetesVersion: '1.34' },
    },
    {
      name: 'a target older than the shipped data: an alpha version it may have served',
      code: 'apiVersion: batch/v2alpha1\nkind: CronJob\nmetadata:\n  name: c\n',
      settings: { kubernetesVersion: '1.20' },
    },
    { name: 'a templated apiVersion', code: 'apiVersion: {{ .Values.apiVersion }}\nkind: Deployment\nmetadata:\n  name: d\n' },
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
    // Found by a sweep of public repositories (istio's PSPs): versions that never served the kind, which
    // `kubectl apply` refuses ("no matches for kind") while the schema validation skips them as unknown.
    {
      name: 'policy/v1 PodSecurityPolicy: never served (PSP was policy/v1beta1, removed in 1.25)',
      code: 'apiVersion: policy/v1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\nspec: {}\n',
      errors: [
        {
          line: 1,
          severity: 'error',
          message:
            'policy/v1 PodSecurityPolicy is not served by Kubernetes 1.32 (configured): kubectl apply fails with "no matches for kind"; no version serves PodSecurityPolicy since Kubernetes 1.25; use Pod Security Admission (pod-security.kubernetes.io labels on the Namespace).',
        },
      ],
    },
    {
      name: 'policy/v1 PodSecurityPolicy on 1.24: policy/v1beta1 serves it there',
      code: 'apiVersion: policy/v1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\nspec: {}\n',
      settings: { kubernetesVersion: '1.24' },
      errors: [{ line: 1, severity: 'error', message: /not served by Kubernetes 1\.24 .*PodSecurityPolicy is served as policy\/v1beta1\.$/ }],
    },
    {
      name: 'apps/v2 Deployment',
      code: 'apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: web\n',
      errors: [
        {
          line: 1,
          severity: 'error',
          message:
            'apps/v2 Deployment is not served by Kubernetes 1.32 (configured): kubectl apply fails with "no matches for kind"; Deployment is served as apps/v1.',
        },
      ],
    },
    {
      name: 'a GA version no release has: reported on older targets too (GA versions are never removed)',
      code: 'apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: web\n',
      settings: { kubernetesVersion: '1.28' },
      errors: [{ line: 1, message: /not served by Kubernetes 1\.28 .*Deployment is served as apps\/v1 \(in Kubernetes 1\.30\)\.$/ }],
    },
    {
      name: 'a kind in the wrong group: v1 Ingress',
      code: 'apiVersion: v1\nkind: Ingress\nmetadata:\n  name: i\n',
      errors: [{ line: 1, message: /; Ingress is served as networking\.k8s\.io\/v1\.$/ }],
    },
    {
      name: 'an alpha version the target no longer serves, with the versions that do',
      code: 'apiVersion: resource.k8s.io/v1alpha2\nkind: ResourceClaim\nmetadata:\n  name: c\n',
      errors: [{ line: 1, message: /; ResourceClaim is served as resource\.k8s\.io\/v1alpha3 or resource\.k8s\.io\/v1beta1\.$/ }],
    },
    {
      name: 'PodSecurityPolicy: no replacement',
      code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\nspec: {}\n',
      errors: [{ line: 1, message: /Pod Security Admission/ }],
    },
  ],
});

/**
 * What the vendored schemas the shipped ones are built from (vendor/kubernetes-json-schema) say serves each kind,
 * as SERVED_VERSIONS writes it: every group/version/kind but apimachinery's meta types and lists.
 */
function servedVersionsOfVendoredSchemas(): Record<string, Record<string, string>> {
  const vendor = path.join(__dirname, '..', '..', '..', 'vendor', 'kubernetes-json-schema');
  const byKind = new Map<string, Map<string, string[]>>();
  for (const minor of SERVED_MINORS) {
    const folder = fs.readdirSync(vendor).find((name) => name.startsWith(`v${minor}.`));
    assert.ok(folder, `vendored schema of ${minor}`);
    type Definitions = Record<string, { 'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }> }>;
    const { definitions } = JSON.parse(fs.readFileSync(path.join(vendor, folder, '_definitions.json'), 'utf8')) as { definitions: Definitions };
    for (const [name, definition] of Object.entries(definitions)) {
      if (name.startsWith('io.k8s.apimachinery.')) continue;
      for (const { group, version, kind } of definition['x-kubernetes-group-version-kind'] ?? []) {
        if (kind.endsWith('List')) continue;
        const key = `${group}\u0000${kind}`;
        if (!byKind.has(key)) byKind.set(key, new Map());
        const minors = byKind.get(key)!;
        minors.set(version, [...(minors.get(version) ?? []), minor]);
      }
    }
  }
  const table: Record<string, Record<string, string>> = {};
  for (const [key, versions] of byKind) {
    const [group, kind] = key.split('\u0000');
    const entries = [...versions].sort(([a], [b]) => (a < b ? -1 : 1));
    (table[group] ??= {})[kind] = entries.map(([v, minors]) => (minors.length === SERVED_MINORS.length ? v : `${v}@${minors.join(',')}`)).join(' ');
  }
  return table;
}

describe('the versions that serve each built-in kind', () => {
  it('cover the minors of the shipped schemas', () => {
    assert.deepEqual([...SERVED_MINORS], [...SCHEMA_MINORS]);
  });
  it('are those of the vendored schemas', () => {
    assert.deepEqual(SERVED_VERSIONS, servedVersionsOfVendoredSchemas());
  });
  it('a deprecated version is left to the deprecation table; a served one is fine', () => {
    assert.equal(unservedApiVersion('policy/v1beta1', 'PodSecurityPolicy', '1.32'), undefined);
    assert.equal(unservedApiVersion('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31'), undefined);
    assert.equal(unservedApiVersion('events.k8s.io/v1', 'Event', '1.32'), undefined);
    assert.deepEqual(unservedApiVersion('networking.k8s.io/v1alpha1', 'ServiceCIDR', '1.31'), { servedAs: ['networking.k8s.io/v1beta1'] });
    assert.equal(unservedApiVersion('networking.k8s.io/v1alpha1', 'ServiceCIDR', '1.30'), undefined);
  });
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
