// kube-score's own test data (zegl/kube-score score/testdata, with the grade each `testExpectedScore` of its Go tests
// expects), against the Harden rules that check the same. Each file is linted alone, with schema validation, as
// `harden lint` does: a Warning or Critical grade must get a finding of one of the rules, an AllOK grade none, except
// the differences below, each on purpose and explained. A difference that no longer holds fails too.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, ruleById, type Finding } from '../../server/src/engine';
import { SchemaFindings } from '../../server/src/hosts/cli/schemaFindings';
import { readTsv } from './tsv';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'kube-score');

/** kube-score's check (its name in the tests) -> the Harden rules (or schema validation) that check the same. */
const RULES: Record<string, readonly string[]> = {
  'Stable version': ['k8s/deprecated-api-version'],
  'Service Targets Pod': ['k8s/service-selector'],
  'NetworkPolicy targets Pod': ['k8s/network-policy-selector'],
  'Ingress targets Service': ['k8s/ingress-backend', 'harden-schema'],
  'Deployment has PodDisruptionBudget': ['k8s/pdb-missing'],
  'StatefulSet has PodDisruptionBudget': ['k8s/pdb-missing'],
  'Deployment has host PodAntiAffinity': ['k8s/topology-spread'],
  'StatefulSet has host PodAntiAffinity': ['k8s/topology-spread'],
  'Pod Topology Spread Constraints': ['k8s/topology-spread', 'harden-schema'],
  'HorizontalPodAutoscaler has target': ['k8s/hpa-target'],
  'HorizontalPodAutoscaler Replicas': ['k8s/hpa-min-replicas'],
  'Deployment targeted by HPA does not have replicas configured': ['k8s/replicas-with-hpa'],
  'Deployment Replicas': ['k8s/replicas'],
  'StatefulSet Pod Selector labels match template metadata labels': ['k8s/selector-mismatch'],
  'Container Resources': ['k8s/memory-limit', 'k8s/resource-requests', 'k8s/cpu-limit'],
  'Container Ephemeral Storage Request and Limit': ['k8s/ephemeral-storage'],
  'Container Image Pull Policy': ['k8s/image-pull-policy'],
  'Container Image Tag': ['k8s/image-tag'],
  'Pod Probes': ['k8s/readiness-probe', 'k8s/liveness-probe'],
};

/** Schema problems count for a check only on lines that write one of these fields (not, say, a missing pathType). */
const SCHEMA_FIELDS: Record<string, readonly string[]> = {
  'Ingress targets Service': ['backend:', 'serviceName:', 'servicePort:'],
  'Pod Topology Spread Constraints': ['maxSkew:', 'minDomains:', 'whenUnsatisfiable:', 'topologyKey:'],
};

const REASONS = {
  singleton: 'a workload without replicas runs one pod: a PodDisruptionBudget would block every drain and there is nothing to spread',
  removedIngressApi:
    'extensions/v1beta1 and networking.k8s.io/v1beta1 Ingresses were removed in Kubernetes 1.22 (k8s/deprecated-api-version reports them); their old backend fields are not read',
  bareSpreadWithoutSelector:
    'the API accepts a spread constraint without labelSelector, and k8s/topology-spread judges replicated workloads (this is a bare Pod)',
  probesPerContainer: 'each container that serves is probed on its own: a probe on another container does not tell whether this one is ready or alive',
  limitsDefaultRequests: 'a container with limits and no requests gets requests equal to its limits (the API default): nothing is missing',
  noPodsInNamespace:
    "no pod template of the Service's namespace is in the workspace: its pods are deployed from elsewhere (a chart, an operator), so nothing can be said",
  removedApi: 'batch/v1beta1 CronJob was removed in Kubernetes 1.25; Harden targets 1.32 by default',
} as const;

/** `<file> <check>` -> why Harden says otherwise. */
const DIFFERENCES: Record<string, keyof typeof REASONS> = {
  'statefulset-host-antiaffinity-undefined-replicas.yaml StatefulSet has host PodAntiAffinity': 'singleton',
  'ingress-targets-service-no-match.yaml Ingress targets Service': 'removedIngressApi',
  'ingress-networkingv1beta1-targets-service-no-match.yaml Ingress targets Service': 'removedIngressApi',
  'statefulset-poddisruptionbudget-v1beta1-expression-no-match.yaml StatefulSet has PodDisruptionBudget': 'singleton',
  'statefulset-poddisruptionbudget-v1beta1-no-match.yaml StatefulSet has PodDisruptionBudget': 'singleton',
  'deployment-poddisruptionbudget-v1beta1-expression-no-match.yaml Deployment has PodDisruptionBudget': 'singleton',
  'deployment-poddisruptionbudget-v1beta1-no-match.yaml Deployment has PodDisruptionBudget': 'singleton',
  'deployment-poddisruptionbudget-v1-no-match.yaml Deployment has PodDisruptionBudget': 'singleton',
  'deployment-poddisruptionbudget-v1-different-namespace.yaml Deployment has PodDisruptionBudget': 'singleton',
  'pod-topology-spread-constraints-no-labelselector.yaml Pod Topology Spread Constraints': 'bareSpreadWithoutSelector',
  'pod-probes-on-different-containers.yaml Pod Probes': 'probesPerContainer',
  'pod-test-resources-only-limits.yaml Container Resources': 'limitsDefaultRequests',
  'deployment-test-resources.yaml Container Resources': 'limitsDefaultRequests',
  'statefulset-test-resources.yaml Container Resources': 'limitsDefaultRequests',
  'pod-ephemeral-storage-missing-request.yaml Container Ephemeral Storage Request and Limit': 'limitsDefaultRequests',
  'service-target-pod-different-namespace.yaml Service Targets Pod': 'noPodsInNamespace',
  'service-target-deployment-different-namespace.yaml Service Targets Pod': 'noPodsInNamespace',
  'cronjob-batchv1beta1.yaml Stable version': 'removedApi',
};

interface Expectation {
  file: string;
  check: string;
  grade: string;
}

function expectations(): Expectation[] {
  return readTsv(join(ROOT, 'expectations.tsv')).map(([file, check, grade]) => ({ file, check, grade }));
}

const schema = new SchemaFindings();

function findings(file: string, check: string): Finding[] {
  const ruleIds = RULES[check];
  // Rules that are off by default (k8s/cpu-limit) are turned on: the comparison is of what they find.
  const rules = Object.fromEntries(ruleIds.filter((id) => ruleById(id)?.meta.defaultSeverity === 'off').map((id) => [id, 'warning' as const]));
  const linter = new Linter({ rules });
  const path = join(ROOT, 'testdata', file);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const fields = SCHEMA_FIELDS[check] ?? [];
  const schemaFindings = schema.of(linter, path, text).filter((f) => fields.some((field) => lines[f.range.start.line].includes(field)));
  return [...linter.lint({ path, text }).findings, ...schemaFindings].filter((f) => ruleIds.includes(f.ruleId));
}

describe("kube-score's test data", () => {
  const all = expectations();
  it('has the expectations and their files (a missing fixture fails)', () => {
    assert.ok(all.length >= 100, `${all.length} expectations`);
    for (const e of all) assert.ok(RULES[e.check], `a Harden rule for "${e.check}"`);
  });
  for (const e of all) {
    const key = `${e.file} ${e.check}`;
    const difference = DIFFERENCES[key];
    const kubeScoreReports = e.grade === 'Warning' || e.grade === 'Critical';
    it(`${e.file}, "${e.check}" ${e.grade}: ${difference ? `differs on purpose (${difference})` : kubeScoreReports ? 'reported' : 'silent'}`, () => {
      const found = findings(e.file, e.check);
      assert.equal(
        found.length > 0,
        difference ? !kubeScoreReports : kubeScoreReports,
        difference ? REASONS[difference] : found.map((f) => `${f.ruleId}: ${f.message}`).join('\n'),
      );
    });
  }
  it('every listed difference is an expectation', () => {
    for (const key of Object.keys(DIFFERENCES))
      assert.ok(
        all.some((e) => `${e.file} ${e.check}` === key),
        key,
      );
  });
});
