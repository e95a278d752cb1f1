// Pod Security admission's own fixtures (kubernetes/pod-security-admission test/testdata/<level>/<version>/{fail,pass}),
// Kubernetes 1.25 to 1.37: each `fail` fixture breaks one check of its level (the file's name says which), each `pass`
// fixture passes them all. Each is linted alone with `kubernetesVersion` set to its version: a fail fixture must get a
// warning or error of the Harden rule for its check, a pass fixture none of the rules for its level's checks, except
// the differences below (Harden applies restricted's rule where the fixture is for baseline), which must still hold.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/engine';
import { lintCase } from '../harness/ruleTester';
import { readTsv } from './tsv';

const ROOT = join(__dirname, '..', 'fixtures', 'conformance', 'pod-security');

/** The Pod Security check (the fixture's name without its number) -> the Harden rules that enforce it. */
const RULES: Record<string, readonly string[]> = {
  allowprivilegeescalation: ['k8s/allow-privilege-escalation'],
  apparmorprofile: ['k8s/apparmor-profile'],
  capabilities_baseline: ['k8s/dangerous-capabilities'],
  capabilities_restricted: ['k8s/drop-all-capabilities', 'k8s/dangerous-capabilities'],
  hostnamespaces: ['k8s/host-namespaces'],
  hostpathvolumes: ['k8s/host-path'],
  hostports: ['k8s/host-ports'],
  hostprobesandhostlifecycle: ['k8s/probe-host'],
  privileged: ['k8s/privileged'],
  procmount: ['k8s/proc-mount'],
  procmount_restricted: ['k8s/proc-mount'],
  restrictedvolumes: ['k8s/volume-types', 'k8s/host-path'],
  runasnonroot: ['k8s/run-as-non-root'],
  runasuser: ['k8s/run-as-user'],
  seccompprofile_baseline: ['k8s/seccomp-profile'],
  seccompprofile_restricted: ['k8s/seccomp-profile'],
  selinuxoptions: ['k8s/selinux-options'],
  sysctls: ['k8s/unsafe-sysctls'],
  windowshostprocess: ['k8s/host-process'],
};

/** The checks of each level (restricted includes baseline's). */
const BASELINE_CHECKS = [
  'apparmorprofile',
  'capabilities_baseline',
  'hostnamespaces',
  'hostpathvolumes',
  'hostports',
  'hostprobesandhostlifecycle',
  'privileged',
  'procmount',
  'seccompprofile_baseline',
  'selinuxoptions',
  'sysctls',
  'windowshostprocess',
];
const RESTRICTED_CHECKS = Object.keys(RULES);

/** Baseline pass fixtures that Harden reports, on purpose: the rule holds restricted's line, as its page says. */
const DIFFERENCES: Record<string, { rule: string; why: string }> = {
  capabilities_baseline0: {
    rule: 'k8s/dangerous-capabilities',
    why: "baseline lets a container add the runtime's default capabilities (CHOWN, …); restricted allows NET_BIND_SERVICE only, and so does the rule",
  },
  procmount1: {
    rule: 'k8s/proc-mount',
    why: 'from 1.35 baseline allows an Unmasked /proc in a user namespace; restricted still requires Default, and the finding says so',
  },
};

interface Fixture {
  level: 'baseline' | 'restricted';
  version: string;
  result: 'fail' | 'pass';
  name: string;
  file: string;
}

function fixtures(): Fixture[] {
  return readTsv(join(ROOT, 'index.tsv')).map(([level, version, result, name, file]) => ({
    level: level as Fixture['level'],
    version,
    result: result as Fixture['result'],
    name,
    file,
  }));
}

const checkOf = (name: string) => name.replace(/\d+$/, '');

/** Findings of these rules; on a pass fixture, warnings and errors only (info findings advise beyond Pod Security: a UID to set, say). */
function reported(fixture: Fixture, rules: readonly string[]): Finding[] {
  const text = readFileSync(join(ROOT, 'fixtures', fixture.file), 'utf8');
  return rules.flatMap((rule) =>
    lintCase(rule, { code: text, path: `/work/${fixture.name}.yaml`, settings: { kubernetesVersion: fixture.version } }).filter(
      (f) => f.ruleId === rule && (fixture.result === 'fail' || f.severity !== 'info'),
    ),
  );
}

/** A rule that enforces a baseline check and restricted's stricter one: on baseline fixtures, its restricted findings are expected. */
const RESTRICTED_FINDINGS: Record<string, RegExp> = {
  // seccompprofile_baseline refuses Unconfined; seccompprofile_restricted also requires a profile.
  'k8s/seccomp-profile': /has no seccomp profile/,
};

describe("Pod Security admission's fixtures", () => {
  const all = fixtures();
  it('has the fixtures of every version from 1.25 to 1.37, and a rule for every check they name', () => {
    assert.ok(all.length >= 1700, `${all.length} fixtures`);
    for (let minor = 25; minor <= 37; minor++)
      assert.ok(
        all.some((f) => f.version === `1.${minor}`),
        `1.${minor}`,
      );
    for (const f of all) if (f.result === 'fail') assert.ok(RULES[checkOf(f.name)], `a rule for ${f.name}`);
  });

  for (const version of [...new Set(all.map((f) => f.version))]) {
    it(`Kubernetes ${version}: every fail fixture reported by its check's rule, every pass fixture by none of its level's`, () => {
      const wrong: string[] = [];
      for (const fixture of all.filter((f) => f.version === version)) {
        const key = `${fixture.level}/${fixture.result}/${fixture.name}`;
        if (fixture.result === 'fail') {
          if (reported(fixture, RULES[checkOf(fixture.name)]).length === 0) wrong.push(`${key}: not reported`);
          continue;
        }
        const checks = fixture.level === 'baseline' ? BASELINE_CHECKS : RESTRICTED_CHECKS;
        const rules = [...new Set(checks.flatMap((check) => RULES[check]))];
        const difference = fixture.level === 'baseline' ? DIFFERENCES[fixture.name] : undefined;
        const found = reported(fixture, rules);
        const unexpected = found.filter(
          (f) => f.ruleId !== difference?.rule && !(fixture.level === 'baseline' && RESTRICTED_FINDINGS[f.ruleId]?.test(f.message)),
        );
        if (unexpected.length > 0) wrong.push(`${key}: ${unexpected.map((f) => `${f.ruleId}: ${f.message}`).join(' | ')}`);
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('the listed differences still hold where the fixture exists (baseline 1.25–1.37, procmount1 from 1.35)', () => {
    for (const [name, { rule }] of Object.entries(DIFFERENCES)) {
      const passing = all.filter((f) => f.level === 'baseline' && f.result === 'pass' && f.name === name);
      assert.ok(passing.length > 0, name);
      for (const fixture of passing) assert.ok(reported(fixture, [rule]).length > 0, `${name} ${fixture.version}: ${rule} passes it now: remove the entry`);
    }
  });
});
