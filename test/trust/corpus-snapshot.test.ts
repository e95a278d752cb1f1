// The CLI's findings on the real-world corpus, compared with a reviewed snapshot: any change in noise (a rule
// that starts or stops reporting on real manifests) is a change someone reviews in the diff of
// test/fixtures/corpus-findings.snapshot.txt. Regenerate with HARDEN_UPDATE_SNAPSHOT=1 and review it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, it } from 'node:test';
import { CLI_BUNDLE, ensureCliBundle } from '../cli/helpers/cliBundle';
import { REPO_ROOT, fixtureDir } from '../harness/fixtures';

const SNAPSHOT = join(REPO_ROOT, 'test', 'fixtures', 'corpus-findings.snapshot.txt');

interface Report {
  results: Array<{
    file: string;
    findings: Array<{ ruleId: string; severity: string; message: string; range: { start: { line: number } }; fixes: Array<{ title: string; kind: string }> }>;
  }>;
}

/** One line per finding: `file:line severity rule [fix kinds] message`, in file order. */
function snapshotOf(report: Report): string {
  const lines: string[] = [];
  for (const result of [...report.results].sort((a, b) => a.file.localeCompare(b.file))) {
    for (const f of result.findings) {
      // The "Suppress … for this line" fix every finding gets is left out: the kinds of the rule's own fixes.
      const kinds = [...new Set(f.fixes.filter((x) => !/^Suppress \S+ for this line$/.test(x.title)).map((x) => x.kind))];
      lines.push(`${result.file}:${f.range.start.line + 1} ${f.severity} ${f.ruleId} [${kinds.join(',')}] ${f.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

before(async () => ensureCliBundle());

it('the CLI reports on the corpus exactly the reviewed findings', () => {
  const corpus = fixtureDir('test', 'fixtures', 'corpus');
  const run = spawnSync(process.execPath, [CLI_BUNDLE, 'lint', '.', '--format', 'json', '--jobs', '1'], { cwd: corpus, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  const actual = snapshotOf(JSON.parse(run.stdout) as Report);
  if (process.env.HARDEN_UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, actual);
  assert.ok(existsSync(SNAPSHOT), `missing ${SNAPSHOT}: run with HARDEN_UPDATE_SNAPSHOT=1 and review it`);
  assert.equal(actual, readFileSync(SNAPSHOT, 'utf8'));
});
