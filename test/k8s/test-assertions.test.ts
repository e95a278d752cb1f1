// kuttl and chainsaw end-to-end tests keep files of expected state beside the manifests they apply: those files hold
// part of an object (chainsaw: JMESPath keys too), are never applied, and are neither linted nor indexed. Found
// linting open-telemetry/opentelemetry-operator, whose 252 such files gave ~2,250 findings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { detectLanguage, isTestAssertionFileName } from '../../server/src/engine';
import { hardenInProcess } from '../cli/helpers/run';
import { HARDENED_DEPLOYMENT } from '../kustomize/fixtures';

const ASSERTIONS = [
  '00-assert.yaml',
  '01-assert.yml',
  '02b-assert.yaml',
  '00-assert-deployment-with-extra-annotation.yaml',
  'assert-install-app.yaml',
  'create-otel-instance-assert.yaml',
  'otel_collector_assert.yaml',
  '00-errors.yaml',
  '03-error.yaml',
];
const MANIFESTS = ['00-install.yaml', 'deployment.yaml', 'error-pages.yaml', 'assertions.yaml', 'errors.yaml', 'assertive.yaml', 'chainsaw-test.yaml'];

describe('kuttl and chainsaw expected-state files', () => {
  it('are told by name, and are not Kubernetes manifests, even opened as YAML', () => {
    for (const name of ASSERTIONS) {
      assert.equal(isTestAssertionFileName(name), true, name);
      assert.equal(detectLanguage(`/w/tests/e2e/t/${name}`, 'yaml'), undefined, name);
    }
    for (const name of MANIFESTS) {
      assert.equal(isTestAssertionFileName(name), false, name);
      assert.equal(detectLanguage(`/w/tests/e2e/t/${name}`), 'kubernetes', name);
    }
  });

  describe('harden lint on a test folder', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-test-assertions-'));
    after(() => fs.rmSync(root, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    // Two replicas and no PodDisruptionBudget: k8s/pdb-missing, unless something in the workspace counts as one.
    const DEPLOYMENT = HARDENED_DEPLOYMENT.replace('  replicas: 1\n', '  replicas: 2\n');

    it('lints what the test applies; its expected state is neither reported on nor seen by cross-file rules', async () => {
      write('t/00-install.yaml', DEPLOYMENT);
      // An expected PodDisruptionBudget (a subset of what the operator creates) must not count as one in the repository.
      write(
        't/00-assert.yaml',
        'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\nstatus:\n  (currentHealthy > `0`): true\n',
      );
      const run = await hardenInProcess(root, ['lint', '--format', 'json', 't']);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      const results = (JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> }).results;
      assert.deepEqual(
        results.map((r) => r.file),
        ['t/00-install.yaml'],
      );
      assert.ok(
        results[0].findings.some((f) => f.ruleId === 'k8s/pdb-missing'),
        results[0].findings.map((f) => f.ruleId).join(', '),
      );
    });

    it('named on the command line: skipped, with a warning that says why', async () => {
      write('t/00-assert.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nstatus:\n  readyReplicas: 2\n');
      const run = await hardenInProcess(root, ['lint', '--allow-empty', 't/00-assert.yaml']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /t\/00-assert\.yaml: the expected state of a kuttl or chainsaw test, not a manifest; skipped/);
    });
  });
});
