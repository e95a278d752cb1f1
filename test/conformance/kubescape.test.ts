// Kubescape's own test data (kubescape/regolibrary rules/<rule>/test/<case>/input/*.yaml, with the resources each
// case's expected.json fails), against the Harden rules that name the control among their aliases. Each input file is
// linted with the case's other YAML files beside it (Kubescape evaluates a case's inputs together): a resource
// Kubescape fails must get the finding of one of the control's rules, a resource it passes must get none, except the
// differences below, each explained: on purpose, or (`bug*`) a Harden bug not fixed yet. A difference that no longer
// holds fails too, so the list stays true; every alias has its rows, every row an alias, and every vendored file its
// rows.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { allRules, type Finding } from '../../server/src/engine';
import { lintCase } from '../harness/ruleTester';
import { readTsv } from './tsv';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'kubescape');

/** Controls a Harden rule names whose Kubescape rules have no test cases: no rows, on purpose. */
const WITHOUT_TEST_DATA: Record<string, string> = {
  'C-0057': 'its rule, rule-privilege-escalation, has no test cases',
};

/** Why Harden says otherwise than Kubescape on a resource: the reasons, then the resources. */
const REASONS = {
  otherHalf:
    'Kubescape fails the subject (a user, group or ServiceAccount) and names both the binding and the role that grant it; Harden reports the grant once, where it is written: on the Role or ClusterRole (k8s/rbac-secrets-access, rbac-pod-exec, rbac-escalation, rbac-wildcard), on the binding (k8s/rbac-cluster-admin-binding, rbac-risky-subject)',
  wildcardVerb:
    'the role grants impersonate through the "*" verb only: k8s/rbac-wildcard (C-0187) reports that on the same node; k8s/rbac-escalation reports escalate, bind and impersonate written out',
  coreGroupOnly:
    'the ClusterRole grants "*" on the core API group only (apiGroups: [""]): not everything cluster-admin grants (apps, rbac, …); k8s/rbac-wildcard reports the wildcards',
  clusterAdminInNamespace:
    'a RoleBinding to cluster-admin gives full control of its namespace (here kube-system, and so the cluster); Kubescape counts ClusterRoleBindings only',
  anyAuthenticated:
    'a binding to system:authenticated grants its role to every identity of the cluster, every ServiceAccount included: Harden reports it whatever the role grants; Kubescape only when the role reaches pods, secrets, nodes or workloads',
  limitIsRequest:
    'the container has the limit but not the request: the API server copies the limit into the request (core/v1 defaults), so it has both (docs/rules/k8s/resource-requests.md)',
  thresholds:
    "the case's data.json sets minimum and maximum values, which Kubescape compares; Harden asks for a limit, whatever its value (k8s/request-exceeds-limit compares request and limit)",
  envFromSecret:
    'envFrom.secretRef reads a Secret: no credential is written in the manifest, which is what k8s/secret-in-env reports (secretKeyRef and secretRef are its fixes)',
  valueHeuristics:
    'Kubescape reports a name containing key, jwt or bearer whatever its value, and a value merely containing JWT, Bearer or _key_; Harden reports values in a credential format (the families of gitleaks and detect-secrets) and names ending in key only with a credential-like value (docs/rules/k8s/secret-in-env.md): "Hello from the environment", "JWT", "my_key_value" and "bearer abc123def" are none',
  runAsUserPinned:
    'runAsNonRoot: true with no runAsUser: the kubelet refuses to run a root image, so Kubescape passes; k8s/run-as-user, which carries C-0013 for its runAsGroup half, also asks for a fixed non-zero runAsUser, so that files and volumes get a known owner',
  ephemeral:
    'ephemeral containers are debug containers added through the pods/ephemeralcontainers subresource (kubectl debug; the API refuses them on create): Harden checks them only for the Pod Security controls, which admission applies to them',
  ownerDecided: 'automountServiceAccountToken: true written on the pod is the owner saying it calls the API',
  exemptedRepository: "the case's data.json exempts the image's repository from Kubescape's control; Harden's equivalent is a suppression comment",
  notManaged:
    'the workspace (the case) defines no object of the referenced kind in that namespace: Harden then takes the referenced objects as defined elsewhere and says nothing, where Kubescape takes the case for the whole cluster. With one such object in the namespace Harden agrees (checked below)',
  experimentalRoutes:
    "TCPRoute and UDPRoute are in Gateway API's experimental channel (v1alpha2): k8s/ingress-backend checks Ingresses, HTTPRoutes and GRPCRoutes (docs/rules/k8s/ingress-backend.md)",
  pwdAlone:
    "a name that is only pwd is ambiguous: PWD is the shell's working directory (and set as such in containers); Harden takes pwd as a password only as a word of a longer name (MYSQL_PWD, db_pwd)",
  unregisteredDigest:
    'the kubelet parses an image reference with distribution/reference, whose go-digest Validate refuses an algorithm it has not registered (ErrDigestUnsupported: only sha256, sha384 and sha512 are, blake3 needs an import Kubernetes does not make), so the pod fails with InvalidImageName; k8s/image-tag reports it as invalid',
} as const;

/** `<control> <rule>/<case>/<file> <resource>` -> why Harden says otherwise. */
const DIFFERENCES: Record<string, keyof typeof REASONS> = {
  'C-0002 exec-into-container-v1/clusterrole/clusterrolebinding.yaml RoleBinding.default.read-secrets': 'otherHalf',
  'C-0002 exec-into-container-v1/role/rolebinding.yaml RoleBinding.default.pod': 'otherHalf',
  'C-0004 resources-memory-limit-and-request/pod-only-requests/pod.yaml Pod.default.frontend': 'limitIsRequest',
  'C-0004 resources-memory-limit-and-request/workload-exceeded/deployment.yaml Deployment.default.test': 'thresholds',
  'C-0004 resources-memory-limit-and-request/workload-milli-suffix/deployment.yaml Deployment.default.milli': 'thresholds',
  'C-0004 resources-memory-limit-and-request/workload-mixed-unit/deployment.yaml Deployment.default.huge': 'thresholds',
  'C-0012 rule-credentials-in-env-var/cronjob/cronjob.yaml CronJob.default.hello': 'pwdAlone',
  'C-0012 rule-credentials-in-env-var/cronjob-envfrom-secretref/cronjob.yaml CronJob.default.envfrom-secret-cronjob': 'envFromSecret',
  'C-0012 rule-credentials-in-env-var/cronjob-initcontainer-envfrom-secretref/cronjob.yaml CronJob.default.initcontainer-secret-cronjob': 'envFromSecret',
  'C-0012 rule-credentials-in-env-var/deployment/deployment.yaml Deployment.default.test2': 'valueHeuristics',
  'C-0012 rule-credentials-in-env-var/env-value-lowercase-bearer/pod.yaml Pod.default.lowercase-bearer-pod': 'valueHeuristics',
  'C-0012 rule-credentials-in-env-var/pod/pod.yaml Pod.default.audit-pod': 'valueHeuristics',
  'C-0012 rule-credentials-in-env-var/pod-envfrom-secretref/pod.yaml Pod.default.envfrom-secret-pod': 'envFromSecret',
  'C-0012 rule-credentials-in-env-var/pod-initcontainer-envfrom-secretref/pod.yaml Pod.default.initcontainer-secret-pod': 'envFromSecret',
  'C-0012 rule-credentials-in-env-var/workloads/deployment.yaml Deployment.default.test2': 'valueHeuristics',
  'C-0012 rule-credentials-in-env-var/workloads-envfrom-secretref/deployment.yaml Deployment.default.envfrom-secret-deploy': 'envFromSecret',
  'C-0012 rule-credentials-in-env-var/workloads-initcontainer-envfrom-secretref/deployment.yaml Deployment.default.initcontainer-secret-deploy':
    'envFromSecret',
  'C-0012 rule-credentials-configmap/test/configmap.yaml ConfigMap.default.game-demo': 'pwdAlone',
  'C-0012 rule-credentials-configmap/test-base64/configmap.yaml ConfigMap.default.game-demo': 'pwdAlone',
  'C-0013 non-root-containers/deployment-pass/deployment.yaml Deployment.default.nginx-deployment': 'runAsUserPinned',
  'C-0015 rule-can-list-get-secrets-v1/clusterrole-clusterrolebinding/clusterrolebinding.yaml ClusterRoleBinding.default.read-secrets-global': 'otherHalf',
  'C-0015 rule-can-list-get-secrets-v1/clusterrole-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0015 rule-can-list-get-secrets-v1/role-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0017 immutable-container-filesystem/pod-ephemeralcontainer/pod.yaml Pod.default.test': 'ephemeral',
  'C-0034 automount-service-account/both-mount/file.yaml Pod.default.test-pd': 'ownerDecided',
  'C-0034 automount-service-account/cronjob-pod-true-sa-false/cronjob.yaml CronJob.kubescape-test.test-cron': 'ownerDecided',
  'C-0034 automount-service-account/deployment-pod-true-sa-false/deployment.yaml Deployment.kubescape-test.test-deploy': 'ownerDecided',
  'C-0034 automount-service-account/deployment-pod-true-sa-true/deployment.yaml Deployment.kubescape-test.test-deploy': 'ownerDecided',
  'C-0034 automount-service-account/pod-mount/file.yaml Pod.default.test-pd': 'ownerDecided',
  'C-0035 rule-list-all-cluster-admins-v1/clusterrole-clusterrolebinding/clusterrole.yaml ClusterRole.default.test': 'otherHalf',
  'C-0035 rule-list-all-cluster-admins-v1/clusterrole-rolebinding/cluterrole.yaml ClusterRole.default.test': 'otherHalf',
  'C-0035 rule-list-all-cluster-admins-v1/clusterrole-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'coreGroupOnly',
  'C-0035 rule-list-all-cluster-admins-v1/role-rolebinding/role.yaml Role.kube-system.test': 'otherHalf',
  'C-0050 resources-cpu-limit-and-request/pod-only-requests/pod.yaml Pod.default.frontend': 'limitIsRequest',
  'C-0050 resources-cpu-limit-and-request/workload-exceeded/deployment.yaml Deployment.default.health-check-deployment': 'thresholds',
  'C-0050 resources-cpu-limit-and-request/workload-mixed-unit/deployment.yaml Deployment.default.hot': 'thresholds',
  'C-0065 rule-can-impersonate-users-groups-v1/clusterrole-clusterrolebinding/clusterrole.yaml ClusterRole.default.test': 'wildcardVerb',
  'C-0065 rule-can-impersonate-users-groups-v1/clusterrole-clusterrolebinding/clusterrolebinding.yaml ClusterRoleBinding.default.read-secrets-global':
    'otherHalf',
  'C-0065 rule-can-impersonate-users-groups-v1/clusterrole-rolebinding/cluterrole.yaml ClusterRole.default.test': 'wildcardVerb',
  'C-0065 rule-can-impersonate-users-groups-v1/clusterrole-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0065 rule-can-impersonate-users-groups-v1/role-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0185 cluster-admin-role/clusterrole-clusterrolebinding/clusterrole.yaml ClusterRole.default.cluster-admin': 'otherHalf',
  'C-0185 cluster-admin-role/clusterrole-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'clusterAdminInNamespace',
  'C-0186 rule-can-list-get-secrets-v1/clusterrole-clusterrolebinding/clusterrolebinding.yaml ClusterRoleBinding.default.read-secrets-global': 'otherHalf',
  'C-0186 rule-can-list-get-secrets-v1/clusterrole-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0186 rule-can-list-get-secrets-v1/role-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0187 rule-list-all-cluster-admins-v1/clusterrole-clusterrolebinding/clusterrolebinding.yaml ClusterRoleBinding.default.read-secrets-global': 'otherHalf',
  'C-0187 rule-list-all-cluster-admins-v1/clusterrole-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0187 rule-list-all-cluster-admins-v1/role-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0190 automount-service-account/both-mount/file.yaml Pod.default.test-pd': 'ownerDecided',
  'C-0190 automount-service-account/cronjob-pod-true-sa-false/cronjob.yaml CronJob.kubescape-test.test-cron': 'ownerDecided',
  'C-0190 automount-service-account/deployment-pod-true-sa-false/deployment.yaml Deployment.kubescape-test.test-deploy': 'ownerDecided',
  'C-0190 automount-service-account/deployment-pod-true-sa-true/deployment.yaml Deployment.kubescape-test.test-deploy': 'ownerDecided',
  'C-0190 automount-service-account/pod-mount/file.yaml Pod.default.test-pd': 'ownerDecided',
  'C-0191 rule-can-bind-escalate/clusterrole-clusterrolebinding/clusterrolebinding.yaml ClusterRoleBinding.default.read-secrets-global': 'otherHalf',
  'C-0191 rule-can-bind-escalate/role-rolebinding/rolebinding.yaml RoleBinding.default.pod': 'otherHalf',
  'C-0191 rule-can-impersonate-users-groups-v1/clusterrole-clusterrolebinding/clusterrole.yaml ClusterRole.default.test': 'wildcardVerb',
  'C-0191 rule-can-impersonate-users-groups-v1/clusterrole-clusterrolebinding/clusterrolebinding.yaml ClusterRoleBinding.default.read-secrets-global':
    'otherHalf',
  'C-0191 rule-can-impersonate-users-groups-v1/clusterrole-rolebinding/cluterrole.yaml ClusterRole.default.test': 'wildcardVerb',
  'C-0191 rule-can-impersonate-users-groups-v1/clusterrole-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0191 rule-can-impersonate-users-groups-v1/role-rolebinding/rolebinding.yaml RoleBinding.kube-system.pod': 'otherHalf',
  'C-0259 rule-credentials-in-env-var/cronjob/cronjob.yaml CronJob.default.hello': 'pwdAlone',
  'C-0259 rule-credentials-in-env-var/cronjob-envfrom-secretref/cronjob.yaml CronJob.default.envfrom-secret-cronjob': 'envFromSecret',
  'C-0259 rule-credentials-in-env-var/cronjob-initcontainer-envfrom-secretref/cronjob.yaml CronJob.default.initcontainer-secret-cronjob': 'envFromSecret',
  'C-0259 rule-credentials-in-env-var/deployment/deployment.yaml Deployment.default.test2': 'valueHeuristics',
  'C-0259 rule-credentials-in-env-var/env-value-lowercase-bearer/pod.yaml Pod.default.lowercase-bearer-pod': 'valueHeuristics',
  'C-0259 rule-credentials-in-env-var/pod/pod.yaml Pod.default.audit-pod': 'valueHeuristics',
  'C-0259 rule-credentials-in-env-var/pod-envfrom-secretref/pod.yaml Pod.default.envfrom-secret-pod': 'envFromSecret',
  'C-0259 rule-credentials-in-env-var/pod-initcontainer-envfrom-secretref/pod.yaml Pod.default.initcontainer-secret-pod': 'envFromSecret',
  'C-0259 rule-credentials-in-env-var/workloads/deployment.yaml Deployment.default.test2': 'valueHeuristics',
  'C-0259 rule-credentials-in-env-var/workloads-envfrom-secretref/deployment.yaml Deployment.default.envfrom-secret-deploy': 'envFromSecret',
  'C-0259 rule-credentials-in-env-var/workloads-initcontainer-envfrom-secretref/deployment.yaml Deployment.default.initcontainer-secret-deploy':
    'envFromSecret',
  'C-0265 system-authenticated-allowed-to-take-over-cluster/fail/clusterrole.yaml ClusterRole.default.system:viewer': 'otherHalf',
  'C-0265 system-authenticated-allowed-to-take-over-cluster/success/rolebinding.yaml ClusterRoleBinding.default.system:viewer': 'anyAuthenticated',
  'C-0268 resources-cpu-requests/pod-only-requests/pod.yaml Pod.default.frontend': 'limitIsRequest',
  'C-0269 resources-memory-requests/pod-only-requests/pod.yaml Pod.default.frontend': 'limitIsRequest',
  'C-0293 service-with-no-workload/failed_workload_wrong_namespace/service.yaml Service.prod.prod-svc': 'notManaged',
  'C-0298 dangling-ingress-backend/failed_dangling_default_backend/ingress.yaml Ingress.default.default-backend-ingress': 'notManaged',
  'C-0298 dangling-ingress-backend/failed_dangling_path/ingress.yaml Ingress.default.my-ingress': 'notManaged',
  'C-0298 dangling-ingress-backend/failed_wrong_namespace/ingress.yaml Ingress.default.ns-ingress': 'notManaged',
  'C-0299 dangling-networkpolicy/failed_dangling_matchlabels/networkpolicy.yaml NetworkPolicy.default.isolate-nginx': 'notManaged',
  'C-0299 dangling-networkpolicy/failed_wrong_namespace/networkpolicy.yaml NetworkPolicy.default.ns-policy': 'notManaged',
  'C-0300 hpa-has-target/failed_dangling/hpa.yaml HorizontalPodAutoscaler.default.web-hpa': 'notManaged',
  'C-0300 hpa-has-target/failed_statefulset_dangling/hpa.yaml HorizontalPodAutoscaler.default.db-hpa': 'notManaged',
  'C-0300 hpa-has-target/failed_wrong_namespace/hpa.yaml HorizontalPodAutoscaler.default.ns-hpa': 'notManaged',
  'C-0302 dangling-gateway-backend/failed_dangling_httproute/httproute.yaml HTTPRoute.default.web-route': 'notManaged',
  'C-0302 dangling-gateway-backend/failed_dangling_tcproute/tcproute.yaml TCPRoute.default.db-route': 'experimentalRoutes',
  'C-0302 dangling-gateway-backend/failed_dangling_udproute/udproute.yaml UDPRoute.default.dns-route': 'experimentalRoutes',
  'C-0302 dangling-gateway-backend/failed_wrong_namespace/httproute.yaml HTTPRoute.default.ns-route': 'notManaged',
  'C-0306 image-not-pinned-to-digest/pod-ephemeralcontainer/pod.yaml Pod.default.pod-ephemeralcontainer': 'ephemeral',
  'C-0306 image-not-pinned-to-digest/pod-exempted-repo/pod.yaml Pod.default.pod-exempted-repo': 'exemptedRepository',
  'C-0306 image-not-pinned-to-digest/pod-blake3-pinned/pod.yaml Pod.default.pod-blake3-pinned': 'unregisteredDigest',
  'C-0306 image-not-pinned-to-digest/pod-custom-digest/pod.yaml Pod.default.pod-custom-digest': 'unregisteredDigest',
  'C-0306 image-not-pinned-to-digest/pod-short-custom-digest/pod.yaml Pod.default.pod-short-custom-digest': 'unregisteredDigest',
  'C-0307 non-existent-service-account/failed_cronjob_missing_service_account/cronjob.yaml CronJob.batch.missing-sa-cronjob': 'notManaged',
  'C-0307 non-existent-service-account/failed_pod_missing_service_account/pod.yaml Pod.app.missing-sa-pod': 'notManaged',
  'C-0307 non-existent-service-account/failed_rc_missing_service_account/rc.yaml ReplicationController.app.missing-sa-rc': 'notManaged',
  'C-0307 non-existent-service-account/failed_workload_missing_service_account/deployment.yaml Deployment.app.missing-sa-deployment': 'notManaged',
};

interface Row {
  control: string;
  /** `<rule>/<case>/<file>`, relative to ROOT. */
  file: string;
  resource: string;
  /** Which of the file's resources of that name (a file may repeat one), from 0. */
  nth: number;
  ruleIds: string[];
  kubescapeFails: boolean;
}

/** A resource of a file: its id (`Kind.namespace.name`) and its lines (0-based, inclusive). */
interface Resource {
  id: string;
  start: number;
  end: number;
}

/** The file's resources: each document, and each item of a `List`. */
function resourcesOf(text: string): Resource[] {
  const lineCounter = new LineCounter();
  const line = (offset: number) => lineCounter.linePos(offset).line - 1;
  const resources: Resource[] = [];
  const add = (node: Node | null | undefined) => {
    if (!isMap(node) || !node.range) return;
    const object = node.toJSON() as { kind?: string; metadata?: { name?: string; namespace?: string } };
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
  const rulesOf = new Map<string, string[]>();
  for (const rule of allRules) for (const control of rule.meta.aliases?.kubescape ?? []) rulesOf.set(control, [...(rulesOf.get(control) ?? []), rule.meta.id]);
  const seen = new Map<string, number>();
  const all = readTsv(join(ROOT, 'expectations.tsv')).map(([control, rule, testCase, input, resource, result]) => {
    assert.ok(result === 'failed' || result === 'passed', `${control} ${rule} ${testCase}: ${result}`);
    const file = `${rule}/${testCase}/${input}`;
    const key = `${control} ${file} ${resource}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    return { control, file, resource, nth, ruleIds: rulesOf.get(control) ?? [], kubescapeFails: result === 'failed' };
  });
  assert.deepEqual(
    [...new Set([...all.map((r) => r.control), ...Object.keys(WITHOUT_TEST_DATA)])].sort(),
    [...rulesOf.keys()].sort(),
    'rows for every Kubescape alias (but those without test data), and an alias for every row',
  );
  for (const control of Object.keys(WITHOUT_TEST_DATA))
    assert.ok(!all.some((r) => r.control === control), `${control} has rows now: take it out of WITHOUT_TEST_DATA`);
  const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.ya?ml$/.test(path))
    .map((path) => path.split('\\').join('/'));
  assert.deepEqual([...new Set(all.map((r) => r.file))].sort(), files.sort(), 'rows for every vendored file, and a file for every row');
  return all;
}

/** The case's YAML files but `file`, by the path they are linted beside. */
function besides(file: string): Record<string, string> {
  const folder = file.slice(0, file.lastIndexOf('/'));
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(ROOT, folder)))
    if (`${folder}/${name}` !== file && /\.ya?ml$/.test(name)) files[`/work/${folder}/${name}`] = readFileSync(join(ROOT, folder, name), 'utf8');
  return files;
}

describe("Kubescape's test data", () => {
  const all = rows();
  it('has the expectations and their files (a missing fixture fails)', () => {
    assert.ok(all.length >= 300, `${all.length} rows`);
    assert.ok(
      all.some((r) => r.kubescapeFails),
      'failing resources',
    );
    assert.ok(
      all.some((r) => !r.kubescapeFails),
      'passing resources',
    );
  });

  const findingsOf = new Map<string, Finding[]>();
  const findings = (ruleId: string, file: string, text: string) => {
    const cacheKey = `${ruleId} ${file}`;
    if (!findingsOf.has(cacheKey))
      findingsOf.set(
        cacheKey,
        lintCase(ruleId, { code: text, path: `/work/${file}`, files: besides(file) }).filter((f) => f.ruleId === ruleId),
      );
    return findingsOf.get(cacheKey)!;
  };
  for (const r of all) {
    const key = `${r.control} ${r.file} ${r.resource}`;
    const difference = DIFFERENCES[key];
    const title = `${key}${r.nth ? ` (#${r.nth + 1})` : ''}`;
    const rules = r.ruleIds.join(' or ');
    it(`${title}: ${difference ? `differs on purpose (${difference})` : r.kubescapeFails ? `${rules} reports it` : `${rules} silent`}`, () => {
      const text = readFileSync(join(ROOT, r.file), 'utf8');
      const resource = resourcesOf(text).filter((res) => res.id === r.resource)[r.nth];
      assert.ok(resource, `${r.resource} in ${r.file}`);
      const found = r.ruleIds
        .flatMap((ruleId) => findings(ruleId, r.file, text))
        .filter((f) => f.range.start.line >= resource.start && f.range.start.line <= resource.end);
      assert.equal(
        found.length > 0,
        difference ? !r.kubescapeFails : r.kubescapeFails,
        difference ? REASONS[difference] : found.map((f) => `${f.range.start.line + 1}: ${f.ruleId} ${f.message}`).join('\n'),
      );
    });
  }

  it('the notManaged rows agree with Kubescape once the namespace has a Service, a Deployment and a ServiceAccount', () => {
    const rows = all.filter((r) => DIFFERENCES[`${r.control} ${r.file} ${r.resource}`] === 'notManaged');
    assert.ok(rows.length > 0);
    for (const r of rows) {
      const text = readFileSync(join(ROOT, r.file), 'utf8');
      const resource = resourcesOf(text).filter((res) => res.id === r.resource)[r.nth];
      const namespace = r.resource.split('.')[1];
      const folder = r.file.slice(0, r.file.lastIndexOf('/'));
      const metadata = `metadata:\n  name: companion\n  namespace: ${namespace}\n`;
      const labels = '{ matchLabels: { companion: "yes" } }';
      const companion = [
        `apiVersion: v1\nkind: Service\n${metadata}spec:\n  selector: { companion: "yes" }\n  ports: [{ port: 80 }]\n`,
        `apiVersion: apps/v1\nkind: Deployment\n${metadata}spec:\n  selector: ${labels}\n  template:\n    metadata: { labels: { companion: "yes" } }\n    spec:\n      containers: [{ name: app, image: "nginx:1.27" }]\n`,
        `apiVersion: v1\nkind: ServiceAccount\n${metadata}`,
      ].join('---\n');
      const files = { ...besides(r.file), [`/work/${folder}/companion.yaml`]: companion };
      const found = r.ruleIds.flatMap((ruleId) =>
        lintCase(ruleId, { code: text, path: `/work/${r.file}`, files }).filter(
          (f) => f.ruleId === ruleId && f.range.start.line >= resource.start && f.range.start.line <= resource.end,
        ),
      );
      assert.equal(found.length > 0, r.kubescapeFails, `${r.file} ${r.resource}`);
    }
  });

  it('every listed difference is a row', () => {
    for (const key of Object.keys(DIFFERENCES))
      assert.ok(
        all.some((r) => `${r.control} ${r.file} ${r.resource}` === key),
        key,
      );
  });
});
