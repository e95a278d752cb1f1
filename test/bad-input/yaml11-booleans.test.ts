// YAML 1.1 booleans. kubectl and the API server decode manifests with sigs.k8s.io/yaml, which converts
// YAML to JSON with go-yaml v2 (YAML 1.1 rules): plain yes/Yes/YES, on/On/ON, y/Y are true and no/off/n
// are false. So `runAsNonRoot: yes` really is `true` on the cluster, and `privileged: on` really is a
// privileged container; the engine reads them the same way. (A quoted "yes" is a string, which the API
// server rejects for a boolean field; the engine says nothing about values it cannot read.)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside, POD } from '../fuzz/findingChecks';

function findingsWith(securityContext: string): string[] {
  const text = POD.replace('      image: nginx:1.27\n', `      image: nginx:1.27\n      securityContext:\n${securityContext.replace(/^/gm, '        ')}\n`);
  const { findings } = new Linter().lint({ path: '/w/pod.yaml', text });
  assertFindingsInside(text, findings);
  assert.ok(!findings.some((f) => f.ruleId === 'harden/parse-error'));
  return findings.map((f) => f.ruleId);
}

it('YAML 1.1 booleans (yes/on/y, no/off/n) count as the booleans Kubernetes decodes them to', () => {
  for (const yes of ['yes', 'Yes', 'YES', 'on', 'ON', 'y', 'true']) {
    assert.ok(!findingsWith(`runAsNonRoot: ${yes}`).includes('k8s/run-as-non-root'), `runAsNonRoot: ${yes} is true`);
    assert.ok(findingsWith(`privileged: ${yes}`).includes('k8s/privileged'), `privileged: ${yes} is true`);
    assert.ok(findingsWith(`allowPrivilegeEscalation: ${yes}`).includes('k8s/allow-privilege-escalation'), `allowPrivilegeEscalation: ${yes} is true`);
  }
  for (const no of ['no', 'No', 'off', 'OFF', 'n', 'false']) {
    assert.ok(findingsWith(`runAsNonRoot: ${no}`).includes('k8s/run-as-non-root'), `runAsNonRoot: ${no} is false`);
    assert.ok(!findingsWith(`privileged: ${no}`).includes('k8s/privileged'), `privileged: ${no} is false`);
    assert.ok(!findingsWith(`allowPrivilegeEscalation: ${no}`).includes('k8s/allow-privilege-escalation'), `allowPrivilegeEscalation: ${no} is false`);
  }
});
