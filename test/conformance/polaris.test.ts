// Polaris's own test data (FairwindsOps/polaris test/checks/<check>/{success,failure}*.yaml), against the Harden rule
// that names the check among its aliases. Each file is linted alone: a failure file must get the rule's finding, a
// success file must not, except the differences below, each on purpose and explained (docs/rules/<id>.md). A
// difference that no longer holds fails too, so the list stays true; every alias has its folder and every folder
// an alias.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { lintCase } from '../harness/ruleTester';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'polaris');

/** Why Harden says otherwise than Polaris on a file: the reasons, then the files. */
const REASONS = {
  ownerDecided: 'automountServiceAccountToken: true written on the pod is the owner saying it calls the API',
  liveClusterNames:
    'Polaris exempts roles and bindings named like Kubernetes or GKE defaults (admin, cluster-admin, system:*, gce:*) because it audits live clusters; in a repository they are objects you ship',
  singleton: 'a workload without replicas runs one pod: a PodDisruptionBudget would block every drain and a spread constraint has nothing to spread',
  hpaDefaultMin: 'an HPA without minReplicas scales down to 1 (the API default)',
  dropAll: 'Pod Security "restricted" requires drop: [ALL]; a list of named capabilities leaves the rest',
  seccompAlways:
    'Polaris accepts any one of seccomp, AppArmor, SELinux or dropped capabilities; Pod Security "restricted" requires a seccomp profile whatever else is set, and refuses Unconfined on the pod even when each container sets its own',
  bothRequests: 'k8s/resource-requests asks for CPU and memory requests together; the file sets memory only',
  notAPdb: 'apiVersion v1 has no PodDisruptionBudget, and the API refuses minAvailable with maxUnavailable: not an object Kubernetes would run',
  apiDefaultPullPolicy: 'an image without a tag (latest) is pulled Always by the API default: there is nothing to fix',
  notServed: 'a pod without ports that no Service selects gets no traffic to be ready for',
  placeholderValue: 'xxxxx is a placeholder, not a secret (Harden reports secret-looking names only with real-looking values)',
  notPem: 'three dashes are not a PEM armour line (-----BEGIN … PRIVATE KEY-----)',
} as const;

const DIFFERENCES: Record<string, keyof typeof REASONS> = {
  'automountServiceAccountToken/failure.all_true.yaml': 'ownerDecided',
  'automountServiceAccountToken/failure.pod_true_serviceaccount_false.yaml': 'ownerDecided',
  'clusterrolePodExecAttach/success.defaultclusterrole_admin.yaml': 'liveClusterNames',
  'clusterrolePodExecAttach/success.defaultclusterrole_clusteradmin.yaml': 'liveClusterNames',
  'clusterrolePodExecAttach/success.gce_calico_clusterrole.yaml': 'liveClusterNames',
  'clusterrolePodExecAttach/success.system_prefix.yaml': 'liveClusterNames',
  'clusterrolebindingClusterAdmin/success.gce_calico_binding.yaml': 'liveClusterNames',
  'clusterrolebindingClusterAdmin/success.system_prefix_binding.yaml': 'liveClusterNames',
  'hpaMinAvailability/success.minReplicaAbsent.yaml': 'hpaDefaultMin',
  'insecureCapabilities/success.all.yaml': 'dropAll',
  'insecureCapabilities/success.case.yaml': 'dropAll',
  'insecureCapabilities/success.pod.yaml': 'dropAll',
  'insecureCapabilities/success.yaml': 'dropAll',
  'linuxHardening/success.apparmor_2_containers.yaml': 'seccompAlways',
  'linuxHardening/success.drop_capabilities.yaml': 'seccompAlways',
  'linuxHardening/success.seccomp_profile_unconfined_for_pod_but_set_for_container.yaml': 'seccompAlways',
  'linuxHardening/success.selinux_container.yaml': 'seccompAlways',
  'linuxHardening/success.selinux_pod.yaml': 'seccompAlways',
  'memoryRequestsMissing/success.yaml': 'bothRequests',
  'missingPodDisruptionBudget/failure-bad-ns.yaml': 'singleton',
  'missingPodDisruptionBudget/failure.bad-name.yaml': 'singleton',
  'missingPodDisruptionBudget/failure.empty-labels.yaml': 'singleton',
  'missingPodDisruptionBudget/failure.no-labels.yaml': 'singleton',
  'missingPodDisruptionBudget/failure.no-metadata.yaml': 'singleton',
  'missingPodDisruptionBudget/failure.wrong-place.yaml': 'singleton',
  'missingPodDisruptionBudget/failure.yaml': 'singleton',
  'pdbDisruptionsIsZero/failure.either.yaml': 'notAPdb',
  'pullPolicyNotAlways/failure.cron-job.yaml': 'apiDefaultPullPolicy',
  'pullPolicyNotAlways/failure.yaml': 'apiDefaultPullPolicy',
  'readinessProbeMissing/failure.yaml': 'notServed',
  'rolePodExecAttach/success.gce_calico_binding.yaml': 'liveClusterNames',
  'rolePodExecAttach/success.system_prefix_binding.yaml': 'liveClusterNames',
  'rolebindingClusterAdminClusterRole/success.gce_calico_binding.yaml': 'liveClusterNames',
  'rolebindingClusterAdminClusterRole/success.system_prefix_binding.yaml': 'liveClusterNames',
  'rolebindingClusterAdminRole/success.gce_calico_binding.yaml': 'liveClusterNames',
  'rolebindingClusterAdminRole/success.system_prefix_binding.yaml': 'liveClusterNames',
  'sensitiveConfigmapContent/failure.key_aws_secret_access_key.yaml': 'placeholderValue',
  'sensitiveConfigmapContent/failure.key_azure_batch_key.yaml': 'placeholderValue',
  'sensitiveConfigmapContent/failure.key_oci_cli_key_content.yaml': 'placeholderValue',
  'sensitiveContainerEnvVar/failure.value_private_key.yaml': 'notPem',
  'topologySpreadConstraint/failure.empty.yaml': 'singleton',
  'topologySpreadConstraint/failure.nospreadconstraint.yaml': 'singleton',
};

interface Case {
  check: string;
  file: string;
  ruleId: string;
  polarisFails: boolean;
}

function cases(): Case[] {
  const ruleOf = new Map<string, string>();
  for (const rule of allRules) for (const check of rule.meta.aliases?.polaris ?? []) ruleOf.set(check, rule.meta.id);
  const folders = readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  assert.deepEqual(folders, [...ruleOf.keys()].sort(), 'a folder for every Polaris alias of a rule, and an alias for every folder');
  return folders.flatMap((check) =>
    readdirSync(join(ROOT, check))
      .sort()
      .map((file) => ({ check, file, ruleId: ruleOf.get(check)!, polarisFails: file.startsWith('failure') })),
  );
}

describe("Polaris's test data", () => {
  const all = cases();
  it('has files for every check (a missing fixture fails)', () => {
    assert.ok(all.length >= 200, `${all.length} files`);
    for (const check of new Set(all.map((c) => c.check)))
      assert.ok(
        all.some((c) => c.check === check),
        check,
      );
  });

  for (const c of all) {
    const key = `${c.check}/${c.file}`;
    const difference = DIFFERENCES[key];
    it(`${key}: ${difference ? `differs on purpose (${difference})` : c.polarisFails ? `${c.ruleId} reports it` : `${c.ruleId} is silent`}`, () => {
      const findings = lintCase(c.ruleId, { code: readFileSync(join(ROOT, key), 'utf8'), path: `/work/${c.check}/${c.file}` });
      const reported = findings.some((f) => f.ruleId === c.ruleId);
      assert.equal(
        reported,
        difference ? !c.polarisFails : c.polarisFails,
        difference ? REASONS[difference] : findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'),
      );
    });
  }

  it('every listed difference is a vendored file', () => {
    for (const key of Object.keys(DIFFERENCES))
      assert.ok(
        all.some((c) => `${c.check}/${c.file}` === key),
        key,
      );
  });
});
