// Every report format survives any number of findings and streams: 10,000 minimal Pods in one file give
// more than 120,000 findings, which each format prints whole (no stack overflow, no report held back
// until the end), and a file that cannot be linted does not lose the other files' reports.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as fs from 'node:fs';
import { XsdValidator } from '../harness/xsd';
import { gitlabReporter } from '../../server/src/hosts/cli/formatGitlab';
import { jsonReporter } from '../../server/src/hosts/cli/formatJson';
import { junitReporter } from '../../server/src/hosts/cli/formatJunit';
import { sarifReporter } from '../../server/src/hosts/cli/formatSarif';
import { textReporter } from '../../server/src/hosts/cli/formatText';
import type { LintedFile } from '../../server/src/hosts/cli/lintFile';
import { LintSession } from '../../server/src/hosts/cli/lintSession';
import type { Output } from '../../server/src/hosts/cli/output';
import { addToSummary, emptySummary, type Reporter } from '../../server/src/hosts/cli/reporter';
import { ensureCliBundle, REPO } from './helpers/cliBundle';
import { harden, removeTempDirs, tempDir } from './helpers/run';

const PODS = 10_000;
const pods = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`,
  ).join('---\n');
const PLAIN = { severity: (_s: unknown, text: string) => text, dim: (t: string) => t, bold: (t: string) => t, red: (t: string) => t, green: (t: string) => t };

/** An Output that keeps what was written, chunk by chunk. */
function memoryOutput(): Output & { chunks: string[] } {
  const chunks: string[] = [];
  return { chunks, write: (text) => void chunks.push(text), close: () => undefined, isTTY: false };
}

const junitXsd = () => new XsdValidator(fs.readFileSync(path.join(REPO, 'test/fixtures/report-schemas/junit-10.xsd'), 'utf8'));

before(ensureCliBundle);
after(removeTempDirs);

describe('reports of 10,000 Pods in one file', () => {
  let big: LintedFile;
  let small: LintedFile;
  let dir: string;

  before(() => {
    dir = tempDir({ 'pods.yaml': pods(PODS), 'small.yaml': pods(1) });
    const session = new LintSession({ overrides: { rules: {} }, fix: false, schema: true });
    const files = ['pods.yaml', 'small.yaml'].map((name) => ({ path: path.join(dir, name), display: name }));
    session.index(files);
    session.keepIndex();
    [big, small] = files.map((file) => {
      const outcome = session.lint(file);
      assert.equal(outcome.kind, 'linted');
      return outcome as LintedFile;
    });
    assert.ok(big.findings.length >= 100_000, `${big.findings.length} findings`); // the issue: crashes began above ~120,000
  });

  const formats: Array<[string, (output: Output) => Reporter, (text: string) => number]> = [
    ['text', (output) => textReporter(output, PLAIN), (text) => text.split('\n').filter((line) => / (error|warning|info) {2}/.test(line)).length],
    [
      'json',
      (output) => jsonReporter(output),
      (text) => (JSON.parse(text) as { results: Array<{ findings: unknown[] }> }).results.reduce((n, r) => n + r.findings.length, 0),
    ],
    ['sarif', (output) => sarifReporter(output, dir), (text) => (JSON.parse(text) as { runs: Array<{ results: unknown[] }> }).runs[0].results.length],
    ['gitlab', (output) => gitlabReporter(output, dir), (text) => (JSON.parse(text) as unknown[]).length],
    ['junit', (output) => junitReporter(output), (text) => text.split('<failure ').length - 1],
  ];

  for (const [name, create, count] of formats) {
    it(`${name}: prints every finding, and the big file's report before the next file is linted`, () => {
      const output = memoryOutput();
      const reporter = create(output);
      const summary = emptySummary();
      reporter.file(big);
      addToSummary(summary, big);
      const streamed = output.chunks.join('');
      assert.ok(streamed.length > 1_000_000, `${name}: the big file's findings are written as soon as it is reported`);
      reporter.file(small);
      addToSummary(summary, small);
      reporter.end(summary);
      const report = output.chunks.join('');
      assert.equal(count(report), big.findings.length + small.findings.length);
      // The schema check of the XML itself, with the big suite left out (its 130,000 cases are the same shape).
      if (name === 'junit') assert.deepEqual(junitXsd().validate(report.replace(/<testsuite name="pods\.yaml"[\s\S]*?<\/testsuite>\n/, '')), []);
    });
  }

  it("the CLI prints them all, and a file it cannot lint loses no other file's report", () => {
    fs.writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0x61, 0x00]));
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: [Pod\n');
    const run = harden(dir, ['lint', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr.slice(0, 2000));
    assert.match(run.stderr, /binary\.yaml: binary file; skipped/);
    const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> };
    assert.deepEqual(
      report.results.map((r) => r.file),
      ['broken.yaml', 'pods.yaml', 'small.yaml'],
    );
    assert.equal(report.results[1].findings.length, big.findings.length);
    assert.ok(report.results[0].findings.some((f) => f.ruleId === 'harden/parse-error'));
  });
});
