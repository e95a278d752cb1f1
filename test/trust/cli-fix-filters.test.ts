// `harden lint --fix` applies safe fixes only; `--fix-type`, `--fix-rule` and `--fix-category` widen or narrow
// that, and need --fix. Runs the real CLI bundle on files in a temporary folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_BUNDLE, ensureCliBundle } from '../cli/helpers/cliBundle';

// A singleton-looking web Deployment: k8s/replicas (suggestion), k8s/allow-privilege-escalation (safe),
// k8s/seccomp-profile (suggestion, security) among others.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1  # one is enough for now
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: web:1.0
`;

const dirs: string[] = [];
before(async () => ensureCliBundle());
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function run(...args: string[]): { status: number | null; stderr: string; text: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-trust-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'deploy.yaml'), DEPLOYMENT);
  const result = spawnSync(process.execPath, [CLI_BUNDLE, 'lint', 'deploy.yaml', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stderr: result.stderr, text: fs.readFileSync(path.join(dir, 'deploy.yaml'), 'utf8') };
}

describe('--fix and its filters', () => {
  it('plain --fix applies safe fixes only: allowPrivilegeEscalation, never replicas or seccomp', () => {
    const { text } = run('--fix');
    assert.match(text, /allowPrivilegeEscalation: false/);
    assert.match(text, /replicas: 1 {2}# one is enough for now/);
    assert.doesNotMatch(text, /seccompProfile|automountServiceAccountToken|runAsUser/);
  });

  it('--fix-rule names a rule: its suggestion is applied, and nothing else', () => {
    const { text } = run('--fix', '--fix-rule', 'k8s/replicas');
    assert.match(text, /replicas: 3 {2}# one is enough for now/);
    assert.doesNotMatch(text, /allowPrivilegeEscalation/);
  });

  it("--fix-rule with --fix-type safe keeps the rule's suggestions out", () => {
    assert.equal(run('--fix', '--fix-rule', 'k8s/replicas', '--fix-type', 'safe').text, DEPLOYMENT);
  });

  it('--fix-type suggestion --fix-category security applies security suggestions only', () => {
    const { text } = run('--fix', '--fix-type', 'safe,suggestion', '--fix-category', 'security');
    assert.match(text, /seccompProfile/);
    assert.match(text, /allowPrivilegeEscalation: false/);
    assert.match(text, /replicas: 1 /);
  });

  it('the filters need --fix, and unknown values are usage errors (exit 2)', () => {
    for (const args of [
      ['--fix-type', 'suggestion'],
      ['--fix', '--fix-type', 'risky'],
      ['--fix', '--fix-rule', 'k8s/replica'],
      ['--fix', '--fix-category', 'style'],
    ]) {
      const result = run(...args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.text, DEPLOYMENT);
    }
    assert.match(run('--fix', '--fix-rule', 'k8s/replica').stderr, /Did you mean 'k8s\/replicas'/);
  });
});
