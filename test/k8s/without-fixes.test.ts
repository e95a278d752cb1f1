// A YamlLinter without fixes (what Kustomize overlays are linted with: their fixes come from the source files)
// finds exactly what one with fixes finds, over the real-world corpus and the seeds, and says which findings are
// about something absent. Rules that declare `missing` (so that their lazy fixes are never worked out here) must
// agree with their own fix: an absence is fixed by inserting, a wrong value by replacing it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, type Finding } from '../../server/src/engine';
import { WorkspaceIndex, YamlLinter } from '../../server/src/engine/testing';
import { CORPUS_DIR, fixtureDir } from '../harness/fixtures';

const fs = { exists: () => false, readFile: () => undefined };

function manifests(): Array<{ path: string; text: string }> {
  const dirs = [join(CORPUS_DIR, 'k8s'), fixtureDir('test', 'fixtures', 'seeds')];
  const files = dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(dir, name)),
  );
  return files.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

const lint = (linter: YamlLinter, path: string, text: string) => linter.lint(path, text, DEFAULT_SETTINGS, fs, new WorkspaceIndex()).findings;
const place = (f: Finding) =>
  `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.message}`;
const insertsOnly = (f: Finding) => {
  const own = f.fixes.find((fix) => !fix.suppression);
  return !!own && own.edits.length > 0 && own.edits.every((e) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character);
};

describe('YamlLinter without fixes', () => {
  const files = manifests();

  it('reads a corpus with many findings', () => {
    assert.ok(files.length >= 35, `${files.length} manifests`);
  });

  it('finds what the linter with fixes finds, with no fixes, in every manifest', () => {
    let total = 0;
    for (const { path, text } of files) {
      const withFixes = lint(new YamlLinter(), path, text);
      const without = lint(new YamlLinter({ fixes: false }), path, text);
      assert.deepEqual(without.map(place), withFixes.map(place), path);
      assert.ok(
        without.every((f) => f.fixes.length === 0),
        path,
      );
      assert.ok(
        withFixes.every((f) => !('missing' in f)),
        `${path}: findings with fixes keep their public shape`,
      );
      total += without.length;
    }
    assert.ok(total > 300, `${total} findings`);
  });

  it("says `missing` where the finding's own fix only inserts, and not where it replaces", () => {
    const disagreements: string[] = [];
    let absent = 0;
    let fixed = 0;
    for (const { path, text } of files) {
      const withFixes = lint(new YamlLinter(), path, text);
      const without = lint(new YamlLinter({ fixes: false }), path, text);
      without.forEach((finding, i) => {
        if (finding.missing) absent++;
        const own = withFixes[i].fixes.filter((fix) => !fix.suppression);
        if (own.length === 0) return;
        fixed++;
        if (!!finding.missing !== insertsOnly(withFixes[i])) disagreements.push(`${path}: ${place(finding)} missing=${!!finding.missing}`);
      });
    }
    assert.ok(absent > 200 && fixed > 200, `${absent} absent, ${fixed} with a fix`);
    assert.deepEqual(disagreements, []);
  });
});
