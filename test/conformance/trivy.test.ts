// Trivy's own check test data (aquasecurity/trivy-checks: the inputs of checks/{kubernetes,docker}/*_test.rego,
// converted to YAML manifests and Dockerfiles, and the checks' example files), against the Harden rules that name the
// check among their aliases. Each file is linted alone: a case Trivy denies must get a finding of one of those rules, a
// case it allows none, except the differences below, each on purpose and explained. A difference that no longer holds
// fails too, so the list stays true; every alias has its rows, every row an alias, and every vendored file its row.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules, Linter, ruleById, type Finding } from '../../server/src/engine';
import { memoryFs } from '../harness/ruleTester';
import { readTsv } from './tsv';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'trivy');

/** Why Harden says otherwise than Trivy on a case: the reasons, then the cases. */
const REASONS = {
  profileWithRuntimeDefault:
    'the example sets localhostProfile with type RuntimeDefault, which the API server refuses (ValidateSeccompProfileField: only type Localhost takes a profile file); k8s/seccomp-profile reports it as an error',
  fakeDigest:
    'the digest is a placeholder (not 64 lower-case hexadecimal digits): the kubelet refuses the reference (InvalidImageName), and k8s/image-tag reports it as invalid',
  // The fixture is not an object the API accepts, or the test feeds Trivy data that is not Kubernetes'.
  notAKind: 'kinds are case-sensitive: the API has no "pod" or "ClusterRolebinding" kind and refuses the object, so there is nothing to judge',
  noContainers: 'the pod has no containers: the API refuses it (spec.containers is required), and k8s/run-as-user judges containers',
  mockData: "the test replaces Trivy's table of deprecated APIs with a mock that deprecates batch/v1 Job; batch/v1 Job is current",
  neverServed:
    'no Kubernetes release serves a batch/v2 Job (batch/v1 does): kubectl apply fails with "no matches for kind", which k8s/deprecated-api-version reports; Trivy checks its table of deprecated versions only',
  invalidSemver:
    'Trivy reads "1.29" (no patch) as no version and falls back to its newest list; at 1.29 Pod Security "baseline" does not yet allow net.ipv4.tcp_wmem (safe from 1.32)',
  // Harden's rule covers more than the one Trivy check, and the rest of it reports the case.
  requestsBoth: 'k8s/resource-requests asks for both requests, CPU and memory: this case sets only the one the Trivy check looks at',
  userAndGroup: 'k8s/run-as-user asks for both runAsUser and runAsGroup (info when missing): this case sets only the one the Trivy check looks at',
  missingUser: 'k8s/run-as-user also reports (info) a container with no runAsUser or runAsGroup at all: the image then decides, and it may be root',
  otherCapabilities: 'k8s/dangerous-capabilities reports every added capability but NET_BIND_SERVICE, not only the one this Trivy check names',
  anyWildcard: 'k8s/rbac-wildcard reports a "*" in any of apiGroups, resources and verbs; the Trivy check wants one combination of them',
  anyHostPath: 'Pod Security "baseline" forbids every hostPath volume; the Trivy check lists some paths only',
  aptLists: 'docker/package-cache also asks apt-get install to remove /var/lib/apt/lists (info): this RUN passes --no-install-recommends but keeps the lists',
  // Deliberate: Harden follows the API, Pod Security admission or Docker where Trivy does not.
  dropAllUppercase: 'Pod Security "restricted" accepts only drop: [ALL] (upper case) and refuses "all", though the runtime drops everything',
  netBindService: 'Pod Security "restricted" allows adding NET_BIND_SERVICE, the one capability a non-root server needs for a port below 1024',
  podUnconfined:
    'Pod Security "restricted" refuses a pod-level seccompProfile Unconfined even when every container sets its own, and a container added later inherits it',
  seccompAnnotations:
    'the pod is protected by a seccomp annotation only; from Kubernetes 1.27 the API server no longer copies it to securityContext.seccompProfile (kubernetes PR #114947; kubelets ignore it since 1.25), so under the default target 1.32 the containers run without a profile',
  tokenByDefault: 'the API mounts the ServiceAccount token unless automountServiceAccountToken is false: a pod that says nothing gets it',
  invalidAppArmor:
    'the API server refuses an AppArmor annotation other than runtime/default, localhost/<profile> or unconfined (ValidateAppArmorProfileFormat), so no pod runs with "custom"; k8s/apparmor-profile reports the value that does run, unconfined',
  secretsReadVerbs:
    'k8s/rbac-secrets-access reports the verbs that read Secrets (get, list, watch); writing or deleting one reveals nothing, and impersonate does not apply to secrets',
  impersonateOnIdentities: 'impersonate applies to users, groups, serviceaccounts and uids only: on rolebindings it grants nothing',
  wildcardVerb:
    'the "*" verb is reported by k8s/rbac-wildcard (KSV044, KSV045) on the same rule; k8s/rbac-escalation reports escalate, bind and impersonate written out',
  bindAlone:
    'k8s/rbac-escalation reports bind on roles by itself, as the API server checks it: any way to create or update a binding (this role, another, a controller) then grants the role',
  namedRoleNotClusterAdmin:
    'roleRef kind Role names a namespaced Role called cluster-admin or admin, not the ClusterRole (a ClusterRoleBinding cannot even refer to a Role): without that Role in the workspace nothing is known of what it grants',
  authenticatedEverywhere:
    'system:authenticated holds every ServiceAccount of every namespace on any cluster, not only on GKE (where it also holds every Google account): a role bound to it is granted to every workload',
  historyNotation:
    '"file:<digest> in <dest>" and "multi:…" are how docker history prints an ADD, not Dockerfile syntax: in a Dockerfile they name local files, which COPY copies',
  urlWithoutChecksum: 'ADD of a URL without --checksum: nothing verifies what the server sends (docker/add-instead-of-copy reports it)',
  stageArgNotInFrom:
    'an ARG inside a stage is not seen by a later FROM (only ARGs before the first FROM are): $IMAGE is empty there and the build fails, so there is no tag to judge',
  argDecides: 'the tag comes from a build argument without a default: the build (--build-arg TAG=:3.20) decides it',
  upgradeNotRefresh:
    'dnf/yum update and zypper up upgrade the installed packages (a real change kept in the layer), they do not only refresh package lists as apt-get update and apk update do',
  builderStage: 'the apk add is in a stage that the final image does not build on: its layers do not ship',
  secretFiles:
    'docker/secret-in-env-arg judges ENV and ARG names and values; a credentials file copied into the image, or a variable naming its path, is not a literal secret',
  publicToken: 'a token is a credential whatever its prefix says (a "public" API token still grants its access); a public key is not one',
  usernameNotSecret: 'ARTIFACTORY_USR is a user name (the _USR half of a Jenkins credentials pair), not a secret',
  // Harden is wrong or misses it: reported; when fixed, the difference fails and its lines go.
  execFormRun:
    'Harden gap (reported): docker/package-cache and docker/update-alone skip exec-form RUN ["apk", "add", …], which runs the same program and leaves the same cache and lists',
} as const;

/** `<check> <test rule or example>` -> why Harden says otherwise. */
const DIFFERENCES: Record<string, keyof typeof REASONS> = {
  'KSV002 test_custom_deny': 'invalidAppArmor',
  'KSV002 examples bad[0]': 'invalidAppArmor',
  'KSV003 examples good[0]': 'dropAllUppercase',
  'KSV013 test_image_tagging_cases[image with digest only]': 'fakeDigest',
  'KSV013 test_image_tagging_cases[image with latest tag and digest]': 'fakeDigest',
  'KSV013 test_image_tagging_cases[image with version and digest]': 'fakeDigest',
  'KSV030 examples good[0]': 'profileWithRuntimeDefault',
  'KSV015 test_CPU_requests_specified_allowed': 'requestsBoth',
  'KSV015 examples good[0]': 'requestsBoth',
  'KSV016 test_memory_requests_specified_allowed': 'requestsBoth',
  'KSV016 examples good[0]': 'requestsBoth',
  'KSV020 test_UID_gt_10000_allowed': 'userAndGroup',
  'KSV020 examples good[0]': 'userAndGroup',
  'KSV021 test_GID_gt_10000_allowed': 'userAndGroup',
  'KSV021 examples good[0]': 'userAndGroup',
  'KSV022 test_capabilities_add_denied': 'netBindService',
  'KSV022 examples bad[0]': 'netBindService',
  'KSV026 test_allow_sysctl_with_invalid_semver': 'invalidSemver',
  'KSV030 test_pod_context_runtime_default_is_overrided_allowed': 'podUnconfined',
  'KSV030 test_annotation_allowed': 'seccompAnnotations',
  'KSV036 test_protect_service_account_token_denied_with_automountServiceAccountToken': 'notAKind',
  'KSV036 test_protect_service_account_token_denied_without_automountServiceAccountToken': 'notAKind',
  'KSV036 examples good[0]': 'tokenByDefault',
  'KSV041 test_manage_verb_update': 'secretsReadVerbs',
  'KSV041 test_manage_secret_verb_update': 'secretsReadVerbs',
  'KSV041 test_manage_secret_verb_impersonate': 'secretsReadVerbs',
  'KSV041 test_manage_secret_verb_deletecollection': 'secretsReadVerbs',
  'KSV041 test_manage_secret_verb_patch': 'secretsReadVerbs',
  'KSV113 test_manage_verb_update': 'secretsReadVerbs',
  'KSV113 test_manage_secret_verb_update': 'secretsReadVerbs',
  'KSV113 test_manage_secret_verb_impersonate': 'secretsReadVerbs',
  'KSV113 test_manage_secret_verb_deletecollection': 'secretsReadVerbs',
  'KSV113 test_manage_secret_verb_patch': 'secretsReadVerbs',
  'KSV044 test_any_any_role_not_api_group': 'anyWildcard',
  'KSV044 test_any_any_role_no_resource': 'anyWildcard',
  'KSV044 test_any_any_role_no_resource_no_verbs': 'anyWildcard',
  'KSV045 test_any_verb_role_no_specific_resource': 'anyWildcard',
  'KSV045 test_any_verb_role_no_any_verb': 'anyWildcard',
  'KSV046 test_resource_resource_role_no_specific_verb': 'anyWildcard',
  'KSV112 test_resource_resource_role_no_specific_verb': 'anyWildcard',
  'KSV050 test_manage_K8s_RBAC_resources_impersonate': 'impersonateOnIdentities',
  'KSV050 test_manage_K8s_RBAC_resources_all': 'wildcardVerb',
  'KSV051 test_allowing_create_role_binding_and_associate_clusterrole_resource_not_role_binding': 'bindAlone',
  'KSV051 test_allowing_create_role_binding_and_associate_clusterrole_verb_not_create': 'bindAlone',
  'KSV051 test_allowing_create_role_binding_and_associate_role_resource_not_role_binding': 'bindAlone',
  'KSV051 test_allowing_create_role_binding_and_associate_role_verb_not_create': 'bindAlone',
  'KSV052 test_allowing_create_clusterrolebindings_binding_and_associate_clusterrole_resource_not_role_binding': 'bindAlone',
  'KSV052 test_allowing_create_clusterrolebindings_binding_and_associate_clusterrole_verb_not_create': 'bindAlone',
  'KSV104 test_deployment_override_seccomp_profile_unconfined_allowed': 'podUnconfined',
  'KSV104 test_pod_annotations_seccomp_profile_unconfined_allowed': 'seccompAnnotations',
  'KSV105 test_run_as_group_not_defined_allowed': 'missingUser',
  'KSV105 test_run_as_user_set_to_non_zero_for_pod_allowed': 'userAndGroup',
  'KSV106 test_drop_all_add_net_bind_service_allowed': 'dropAllUppercase',
  'KSV107 test_eval_k8s_api_with_data_match': 'mockData',
  'KSV107 test_eval_k8s_api_with_data_do_not_match': 'neverServed',
  'KSV111 test_cluster_role_admin__used_with_non_system_role_binding': 'namedRoleNotClusterAdmin',
  'KSV111 test_cluster_role_admin__used_with_system_role_binding': 'namedRoleNotClusterAdmin',
  'KSV111 test_admin_used_with_system_role_binding': 'namedRoleNotClusterAdmin',
  'KSV116 test_failRootGroupId': 'noContainers',
  'KSV119 test_pod_without_container_net_raw_capability': 'otherCapabilities',
  'KSV121 test_pod_with_allowed_volumes': 'anyHostPath',
  'KSV122 test_cluster_role_binding_with_anonymous_user_binding': 'notAKind',
  'KSV01011 test_cluster_role_binding_with_system_authenticate_binding': 'notAKind',
  'KSV01011 test_role_binding_with_system_authenticated_group_binding_non_gke': 'authenticatedEverywhere',
  'DS001 test_with_variables_denied': 'stageArgNotInFrom',
  'DS001 test_deny_empty_tag_arg': 'argDecides',
  'DS005 test_add_command[ADD with file:... in ... allowed]': 'historyNotation',
  "DS005 test_add_command[ADD with file:... without 'in' allowed]": 'historyNotation',
  'DS005 test_add_command[ADD with multi:... in ... allowed]': 'historyNotation',
  'DS005 test_add_command[ADD with http URL allowed]': 'urlWithoutChecksum',
  'DS005 test_add_command[ADD with https URL allowed]': 'urlWithoutChecksum',
  'DS017 test_json_array_denied': 'execFormRun',
  'DS017 test_dnf_update_denied': 'upgradeNotRefresh',
  'DS017 test_zypper_update_denied': 'upgradeNotRefresh',
  'DS017 test_yum_update_denied': 'upgradeNotRefresh',
  'DS025 test_basic_denied': 'builderStage',
  'DS025 test_deny_run_is_array': 'execFormRun',
  'DS029 test_json_array_denied': 'execFormRun',
  'DS029 test_allowed': 'aptLists',
  'DS029 test_with_flag_behind_allowed': 'aptLists',
  'DS029 test_chained_allowed': 'aptLists',
  'DS031 test_deny_copy_secret_file': 'secretFiles',
  'DS031 test_deny_secret_file': 'secretFiles',
  'DS031 test_deny_secret_file_quoted_path': 'secretFiles',
  'DS031 test_deny_secret_file_in_arg': 'secretFiles',
  'DS031 test_deny_secret_in_set_command': 'secretFiles',
  'DS031 test_deny_secret_key[3]': 'usernameNotSecret',
  'DS031 test_allow_secret_key[1]': 'publicToken',
};

interface Row {
  check: string;
  name: string;
  file: string;
  ruleIds: string[];
  trivyDenies: boolean;
  /** `data.k8s.version` the Rego test sets, as Harden's `major.minor`; empty when none. */
  kubernetesVersion: string;
}

/** Vendored fixtures, as `<check>/<file>`. */
function fixtures(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((dir) => readdirSync(join(ROOT, dir.name)).map((file) => `${dir.name}/${file}`))
    .sort();
}

function rows(): Row[] {
  const rulesOf = new Map<string, string[]>();
  for (const rule of allRules) for (const check of rule.meta.aliases?.trivy ?? []) rulesOf.set(check, [...(rulesOf.get(check) ?? []), rule.meta.id]);
  const all = readTsv(join(ROOT, 'expectations.tsv')).map(([check, name, file, result, version]) => {
    assert.ok(result === 'denied' || result === 'allowed', `${check} ${name}: ${result}`);
    const minor = /^v?(\d+\.\d+)/.exec(version)?.[1] ?? '';
    return { check, name, file, ruleIds: rulesOf.get(check) ?? [], trivyDenies: result === 'denied', kubernetesVersion: minor };
  });
  assert.deepEqual([...new Set(all.map((r) => r.check))].sort(), [...rulesOf.keys()].sort(), 'rows for every Trivy alias, and an alias for every row');
  assert.deepEqual(all.map((r) => r.file).sort(), fixtures(), 'a row for every vendored file, and a file for every row');
  return all;
}

const findingsOf = new Map<string, Finding[]>();

/** The findings of the check's rules on the file, linted alone (rules that are off by default are turned on). */
function findings(r: Row): Finding[] {
  const key = `${r.ruleIds.join(',')} ${r.file} ${r.kubernetesVersion}`;
  let found = findingsOf.get(key);
  if (!found) {
    const rules = Object.fromEntries(r.ruleIds.filter((id) => ruleById(id)?.meta.defaultSeverity === 'off').map((id) => [id, 'warning' as const]));
    const linter = new Linter({ rules, ...(r.kubernetesVersion ? { kubernetesVersion: r.kubernetesVersion } : {}) }, memoryFs());
    const path = r.file.endsWith('.Dockerfile') ? '/work/Dockerfile' : `/work/${r.file}`;
    found = linter.lint({ path, text: readFileSync(join(ROOT, r.file), 'utf8') }).findings.filter((f) => r.ruleIds.includes(f.ruleId));
    findingsOf.set(key, found);
  }
  return found;
}

describe("Trivy's check test data", () => {
  const all = rows();
  it('has the cases and their files (a missing fixture fails)', () => {
    assert.ok(all.length >= 400, `${all.length} cases`);
    for (const check of new Set(all.map((r) => r.check)))
      assert.ok(
        all.some((r) => r.check === check && r.trivyDenies),
        `${check} has a denied case`,
      );
  });

  for (const r of all) {
    const key = `${r.check} ${r.name}`;
    const difference = DIFFERENCES[key];
    it(`${key}: ${difference ? `differs on purpose (${difference})` : r.trivyDenies ? `${r.ruleIds.join(' or ')} reports it` : `${r.ruleIds.join(' and ')} silent`}`, () => {
      const found = findings(r);
      assert.equal(
        found.length > 0,
        difference ? !r.trivyDenies : r.trivyDenies,
        difference ? REASONS[difference] : found.map((f) => `${f.ruleId} ${f.range.start.line + 1}: ${f.message}`).join('\n'),
      );
    });
  }

  it('every listed difference is a case', () => {
    for (const key of Object.keys(DIFFERENCES))
      assert.ok(
        all.some((r) => `${r.check} ${r.name}` === key),
        key,
      );
  });
});
