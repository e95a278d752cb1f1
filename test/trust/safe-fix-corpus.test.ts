// Plain `--fix` (safe fixes only) over the whole real-world corpus, as one workspace: no runtime-relevant value
// changes (those are the suggestions' business), every result parses, keeps every comment, loses no text and
// is idempotent; and no finding of a suggestion-only rule goes away.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { allRules, offeredFixKinds } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine';
import { commentsOf } from '../harness/ruleTester';
import { corpusFiles, corpusLinter, virtualPath } from './corpusFiles';
import { runtimeFields } from './runtimeFields';

const files = corpusFiles();
const linter = corpusLinter(files);
const suggestionOnly = new Set(allRules.filter((r) => offeredFixKinds(r.meta).join() === 'suggestion').map((r) => r.meta.id));

function parseErrors(path: string, text: string): number {
  return /\.ya?ml$/i.test(path) ? parseAllDocuments(text).reduce((n, doc) => n + doc.errors.length, 0) : 0;
}

function suggestionFindings(findings: Finding[]): string[] {
  return findings
    .filter((f) => suggestionOnly.has(f.ruleId))
    .map((f) => `${f.ruleId}: ${f.message}`)
    .sort();
}

/**
 * Words of a Dockerfile that the result lacks: merging RUNs drops a `RUN` and adds `&&`, and a USER name may be
 * respelled as its UID (the runtime check above holds the user to the same one); nothing else.
 */
function lostWords(before: string, after: string): string[] {
  const words = (text: string) =>
    text
      .replace(/^(\s*USER\s+)\S+/gim, '$1')
      .split(/\s+/)
      .filter((w) => w && w !== 'RUN' && w !== '\\' && w !== '&&');
  const remaining = new Map<string, number>();
  for (const w of words(after)) remaining.set(w, (remaining.get(w) ?? 0) + 1);
  return words(before).filter((w) => {
    const n = remaining.get(w) ?? 0;
    remaining.set(w, n - 1);
    return n <= 0;
  });
}

/** Trimmed non-blank lines of the original that the result lacks, beyond what safe fixes may respell. */
function lostLines(before: string, after: string): string[] {
  const remaining = new Map<string, number>();
  for (const line of after.split(/\r?\n/)) remaining.set(line.trim(), (remaining.get(line.trim()) ?? 0) + 1);
  const lost: string[] = [];
  for (const line of before
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const n = remaining.get(line) ?? 0;
    if (n > 0) remaining.set(line, n - 1);
    else lost.push(line);
  }
  // A respelled value keeps its key (`- all` -> `- ALL`, `apiVersion: policy/v1beta1` -> `policy/v1`), and a moved
  // field keeps its text: only a line whose key is gone from the result is lost.
  return lost.filter((line) => {
    const key = /^(-\s*)?([^:#]+):/.exec(line)?.[2]?.trim() ?? line.split(/\s+/)[0];
    return !after.includes(key);
  });
}

describe('safe --fix over the real-world corpus', () => {
  it('has operators, node agents and Dockerfiles to fix', () => {
    const names = files.map((f) => f.name);
    assert.ok(files.length >= 40, `${files.length} files`);
    for (const expected of [
      'k8s/kube-prometheus/nodeExporter-daemonset.yaml',
      'k8s/kube-prometheus/prometheusOperator-deployment.yaml',
      'k8s/calico-etcd.yaml',
    ]) {
      assert.ok(names.includes(expected), `corpus lacks ${expected}`);
    }
  });

  let applied = 0;
  for (const file of files) {
    it(file.name, () => {
      const path = virtualPath(file);
      const before = linter.lint({ path, text: file.text }).findings;
      const fixed = linter.fixAll({ path, text: file.text });
      applied += fixed.applied;
      assert.ok(parseErrors(path, fixed.text) <= parseErrors(path, file.text), 'the result parses');
      for (const comment of commentsOf(file.text)) assert.ok(fixed.text.includes(comment), `lost comment ${comment}`);
      const isYaml = /\.ya?ml$/i.test(path);
      // Merging RUNs that share the same --mount flags keeps one copy of them (docker/combine-run): a flag still
      // present in the result is not lost.
      const lost = isYaml
        ? lostLines(file.text, fixed.text)
        : lostWords(file.text, fixed.text).filter((word) => !(word.startsWith('--mount=') && fixed.text.includes(word)));
      assert.deepEqual(lost, [], 'lost text');
      assert.deepEqual(runtimeFields(path, fixed.text), runtimeFields(path, file.text), 'a safe fix changed a runtime-relevant value');
      assert.deepEqual(suggestionFindings(fixed.remaining), suggestionFindings(before), 'a suggestion was applied');
      assert.equal(linter.fixAll({ path, text: fixed.text }).text, fixed.text, 'not idempotent');
    });
  }
  it('applied some safe fixes', () => {
    console.log(`safe --fix over the corpus: ${applied} fixes applied in ${files.length} files`);
    assert.ok(applied > 0, 'the corpus has safe fixes to apply (allowPrivilegeEscalation, misplaced fields…)');
  });
});
