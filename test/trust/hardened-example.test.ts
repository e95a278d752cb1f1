// The bundled example tells the truth: the hardened deployment passes the default rules with nothing above info.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { REPO_ROOT } from '../harness/fixtures';

it('examples/k8s/hardened-deployment.yaml has no finding above info', () => {
  const path = join(REPO_ROOT, 'examples', 'k8s', 'hardened-deployment.yaml');
  const findings = new Linter().lint({ path, text: readFileSync(path, 'utf8') }).findings;
  assert.deepEqual(
    findings.filter((f) => f.severity !== 'info').map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message}`),
    [],
  );
});
