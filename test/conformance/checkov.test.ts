// Checkov's own Kubernetes test data (bridgecrewio/checkov tests/kubernetes/checks/example_<folder>/*, with the result
// of each resource whose counts, and names where given, its test_<Check>.py asserts), against the Harden rule that names
// the check among its aliases. Each file is linted alone: a resource Checkov fails must get the rule's finding, a
// resource it passes must not, except the differences below, each on purpose and explained. A difference that no
// longer holds fails too, so the list stays true; every alias has its rows, every row an alias, and every vendored file
// its rows.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { allRules, type Finding } from '../../server/src/engine';
import { lintCase } from '../harness/ruleTester';
import { readTsv } from './tsv';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'checkov');

/** Why Harden says otherwise than Checkov on a resource: the reasons, then the resources. */
const REASONS = {
  fakeDigest:
    'the digest is a placeholder (sha256:123456, not 64 hexadecimal digits): the kubelet refuses the reference (InvalidImageName), and k8s/image-tag reports it as invalid (k8s/image-digest as no pin)',
  notServed: 'a container without ports, in a pod no Service selects, gets no traffic to be ready for',
  json: 'Harden reads manifests from .yaml and .yml files: a .json manifest is not linted',
  notAPod: 'its spec is a list, not an object: the API refuses the Pod (schema validation reports it), so there is no container to judge',
  podRunAsNonRootFalse:
    'Pod Security "restricted" refuses runAsNonRoot: false on the pod even when every container sets true, and a container added later inherits false',
  runAsNonRootRequired: 'Pod Security "restricted" requires runAsNonRoot: true; a non-zero runAsUser does not stand in for it',
  hostNetworkPorts:
    "with hostNetwork: true the API sets each port's hostPort to its containerPort: removing hostPort changes nothing (k8s/host-namespaces reports the hostNetwork)",
  anyHostPath: 'Pod Security "baseline" forbids every hostPath volume; Checkov\'s check looks for the Docker socket only',
  seccompAnnotations:
    'the pod is protected by a seccomp annotation only; from Kubernetes 1.27 the API server no longer copies it to securityContext.seccompProfile (kubernetes PR #114947; kubelets ignore it since 1.25), so under the default target 1.32 the containers run without a profile. With kubernetesVersion 1.26 or older Harden agrees with Checkov (checked below)',
  dropAllUppercase: 'Pod Security "restricted" accepts only drop: [ALL] (upper case) and refuses "all", though the runtime drops everything',
  ownerDecided: 'automountServiceAccountToken: true written on the pod is the owner saying it calls the API',
  podsNotAccounts:
    'Harden reports the pods that run as the default ServiceAccount, not the ServiceAccount object: it grants nothing until a pod uses it, and the file has no pod',
  wildcardVerb:
    'the "*" verb is reported by k8s/rbac-wildcard (CKV_K8S_49) on the same node; k8s/rbac-escalation reports escalate, bind and impersonate written out',
  bindOnBindings: 'the API server checks bind on the role a binding refers to (roles, clusterroles), never on rolebindings: bind there grants nothing',
} as const;

/** `<check> <folder>/<file> <resource>` -> why Harden says otherwise. */
const DIFFERENCES: Record<string, keyof typeof REASONS> = {
  'CKV_K8S_9 LivenessReadiness/pod-liveness-readiness-2pods.yaml Pod.default.liveness-exec': 'notServed',
  'CKV_K8S_14 ImageTagFixed/imageWithDigest-PASSED.yaml StatefulSet.default.kafka': 'fakeDigest',
  'CKV_K8S_14 ImageTagFixed/imageWithTagAndDigest-PASSED.yaml StatefulSet.default.kafka': 'fakeDigest',
  'CKV_K8S_14 ImageTagFixed/storm-zookeeper-FAILED.json Pod.default.zookeeper': 'json',
  'CKV_K8S_20 AllowPrivilegeEscalation/nginx-app-FAILED.json Pod.nginx.my-nginx': 'json',
  'CKV_K8S_23 RootContainers/rootContainersFAILED-malformed-spec.yaml Pod.default.pod1': 'notAPod',
  'CKV_K8S_23 RootContainers/rootContainersPASSED.yaml Pod.default.pod3': 'podRunAsNonRootFalse',
  'CKV_K8S_23 RootContainers/rootContainersPASSED.yaml Pod.default.pod4': 'runAsNonRootRequired',
  'CKV_K8S_23 RootContainers/rootContainersPASSED.yaml Pod.default.pod5': 'runAsNonRootRequired',
  'CKV_K8S_26 HostPort/DS-node-exporter-FAILED.yaml DaemonSet.monitoring.prometheus-node-exporter': 'hostNetworkPorts',
  'CKV_K8S_27 DockerSocketVolume/cloudwatch-agent-1PASSED-1FAILED.yaml DaemonSet.amazon-cloudwatch.fluentd-cloudwatch': 'anyHostPath',
  'CKV_K8S_31 Seccomp/cronjob-seccomp-PASSED.yaml CronJob.default.cronjob-passed': 'seccompAnnotations',
  'CKV_K8S_31 Seccomp/pod-seccomp-PASSED.yaml Pod.default.seccomp-passed-metadata-annotations-docker': 'seccompAnnotations',
  'CKV_K8S_31 Seccomp/pod-seccomp-PASSED2.yaml Pod.default.seccomp-passed-metadata-annotations-runtime': 'seccompAnnotations',
  'CKV_K8S_31 Seccomp/pod-seccomp-PASSED6.yaml Deployment.default.seccomp-passed-metadata-annotations': 'seccompAnnotations',
  'CKV_K8S_37 DropCapabilities/pod-drop-all-capabilities-PASSED2.yaml Pod.default.pod-drop-all-capability': 'dropAllUppercase',
  'CKV_K8S_38 ServiceAccountTokens/ServiceAccountTokensFAILED.yaml Pod.default.pod2': 'ownerDecided',
  'CKV_K8S_41 DefaultServiceAccount/DefaultServiceAccount-FAILED.yaml ServiceAccount.awesomeness.default': 'podsNotAccounts',
  'CKV_K8S_41 DefaultServiceAccount/DefaultServiceAccount-FAILED2.yaml ServiceAccount.awesomeness.default': 'podsNotAccounts',
  'CKV_K8S_43 ImageDigest/imageWithTagAndDigest-PASSED.yaml StatefulSet.default.kafka': 'fakeDigest',
  'CKV_K8S_43 ImageDigest/kafka-PASSED.yaml StatefulSet.default.kafka': 'fakeDigest',
  'CKV_K8S_43 ImageDigest/storm-zookeeper-FAILED.json Pod.default.zookeeper': 'json',
  'CKV_K8S_157 RbacBindRoleBindings/clusterrole-failed-1.yaml ClusterRole.test.test-should-fail-1': 'bindOnBindings',
  'CKV_K8S_157 RbacBindRoleBindings/role-failed-2.yaml Role.test.test-should-fail-2': 'wildcardVerb',
  'CKV_K8S_158 RbacEscalateRoles/role-failed-2.yaml Role.test.test-should-fail-2': 'wildcardVerb',
};

interface Row {
  check: string;
  file: string;
  resource: string;
  /** Which of the file's resources of that name (a file may repeat one), from 0. */
  nth: number;
  ruleId: string;
  checkovFails: boolean;
}

/** A resource of a file: Checkov's id (`Kind.namespace.name`) and its lines (0-based, inclusive). */
interface Resource {
  id: string;
  start: number;
  end: number;
}

/** The file's resources as Checkov counts them: each document, and each item of a `List`. */
function resourcesOf(text: string): Resource[] {
  const lineCounter = new LineCounter();
  const line = (offset: number) => lineCounter.linePos(offset).line - 1;
  const resources: Resource[] = [];
  const add = (node: Node | null | undefined) => {
    if (!isMap(node) || !node.range) return;
    const object = node.toJSON() as { kind?: string; metadata?: { name?: string; namespace?: string }; items?: unknown };
    if (object.kind === 'List') {
      const items = node.get('items', true);
      if (isSeq(items)) for (const item of items.items) add(item as Node);
      return;
    }
    const id = `${object.kind}.${object.metadata?.namespace ?? 'default'}.${object.metadata?.name}`;
    resources.push({ id, start: line(node.range[0]), end: line(node.range[1]) });
  };
  for (const doc of parseAllDocuments(text, { lineCounter })) add(doc.contents);
  return resources;
}

function rows(): Row[] {
  const ruleOf = new Map<string, string>();
  for (const rule of allRules) for (const check of rule.meta.aliases?.checkov ?? []) ruleOf.set(check, rule.meta.id);
  // Harden's Kubernetes rules only: the Dockerfile rules' Checkov aliases (CKV_DOCKER_*) have their own data.
  for (const check of [...ruleOf.keys()]) if (!ruleOf.get(check)!.startsWith('k8s/')) ruleOf.delete(check);
  const seen = new Map<string, number>();
  const all = readTsv(join(ROOT, 'expectations.tsv')).map(([check, file, resource, result]) => {
    assert.ok(result === 'failed' || result === 'passed', `${check} ${file}: ${result}`);
    const key = `${check} ${file} ${resource}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    return { check, file, resource, nth, ruleId: ruleOf.get(check)!, checkovFails: result === 'failed' };
  });
  assert.deepEqual(
    [...new Set(all.map((r) => r.check))].sort(),
    [...ruleOf.keys()].sort(),
    'rows for every Checkov alias of a Kubernetes rule, and an alias for every row',
  );
  const files = readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((folder) => readdirSync(join(ROOT, folder.name)).map((file) => `${folder.name}/${file}`));
  assert.deepEqual([...new Set(all.map((r) => r.file))].sort(), files.sort(), 'rows for every vendored file, and a file for every row');
  return all;
}

describe("Checkov's Kubernetes test data", () => {
  const all = rows();
  it('has the expectations and their files (a missing fixture fails)', () => {
    assert.ok(all.length >= 140, `${all.length} rows`);
    assert.ok(
      all.some((r) => r.checkovFails),
      'failing resources',
    );
    assert.ok(
      all.some((r) => !r.checkovFails),
      'passing resources',
    );
  });

  const findingsOf = new Map<string, Finding[]>();
  for (const r of all) {
    const key = `${r.check} ${r.file} ${r.resource}`;
    const difference = DIFFERENCES[key];
    const title = `${key}${r.nth ? ` (#${r.nth + 1})` : ''}`;
    it(`${title}: ${difference ? `differs on purpose (${difference})` : r.checkovFails ? `${r.ruleId} reports it` : `${r.ruleId} is silent`}`, () => {
      const text = readFileSync(join(ROOT, r.file), 'utf8');
      const cacheKey = `${r.ruleId} ${r.file}`;
      if (!findingsOf.has(cacheKey))
        findingsOf.set(
          cacheKey,
          lintCase(r.ruleId, { code: text, path: `/work/${r.file}` }).filter((f) => f.ruleId === r.ruleId),
        );
      const resource = resourcesOf(text).filter((res) => res.id === r.resource)[r.nth];
      assert.ok(resource, `${r.resource} in ${r.file}`);
      const findings = findingsOf.get(cacheKey)!.filter((f) => f.range.start.line >= resource.start && f.range.start.line <= resource.end);
      assert.equal(
        findings.length > 0,
        difference ? !r.checkovFails : r.checkovFails,
        difference ? REASONS[difference] : findings.map((f) => `${f.range.start.line + 1}: ${f.message}`).join('\n'),
      );
    });
  }

  it('the seccompAnnotations rows agree with Checkov when the target still honours the annotations (1.26)', () => {
    const rows = all.filter((r) => DIFFERENCES[`${r.check} ${r.file} ${r.resource}`] === 'seccompAnnotations');
    assert.ok(rows.length > 0);
    for (const r of rows) {
      const text = readFileSync(join(ROOT, r.file), 'utf8');
      const resource = resourcesOf(text).filter((res) => res.id === r.resource)[r.nth];
      const findings = lintCase(r.ruleId, { code: text, path: `/work/${r.file}`, settings: { kubernetesVersion: '1.26' } }).filter(
        (f) => f.ruleId === r.ruleId && f.range.start.line >= resource.start && f.range.start.line <= resource.end,
      );
      assert.equal(findings.length > 0, r.checkovFails, `${r.file} ${r.resource}: ${findings.map((f) => f.message).join(' | ')}`);
    }
  });

  it('every listed difference is a row', () => {
    for (const key of Object.keys(DIFFERENCES))
      assert.ok(
        all.some((r) => `${r.check} ${r.file} ${r.resource}` === key),
        key,
      );
  });
});
