// ESLint-style rule tester. For every invalid case it checks the reported lines and the kinds of the fixes,
// then applies the rule's fixes (as `--fix --fix-rule <id>` would) and asserts the fix properties the product promises: the result parses, the finding is
// gone, no other finding appears, comments survive, and a second application changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { FIX_KINDS, Linter, SAFE_FIXES, applyTextEdits, offeredFixKinds, ruleById, selectFix } from '../../server/src/engine';
import type { EngineSettings, Finding, FixFilter, HostFileSystem, Severity } from '../../server/src/engine';

export interface CaseFiles {
  /** Other files that exist beside the linted one (and are in the workspace index), by absolute path. */
  files?: Record<string, string>;
}

export interface ValidCase extends CaseFiles {
  name?: string;
  code: string;
  /** Defaults to `/work/test.yaml` for k8s rules and `/work/Dockerfile` for docker rules. */
  path?: string;
  settings?: Partial<EngineSettings>;
}

export interface ExpectedFinding {
  /** 1-based line of the finding's start. */
  line: number;
  /** 1-based column of the start, when the case cares. */
  column?: number;
  /** 1-based line of the finding's end, when the case cares. */
  endLine?: number;
  message?: RegExp | string;
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after applying this rule's preferred fixes (iteratively); omit when the rule has no fix. */
  output?: string;
  /** Fix titles offered on the first finding, when the case cares. */
  fixTitles?: string[];
  /** A fix that is offered but not preferred (never applied by fix-all): its title and the text after it. */
  suggestion?: { title: string; output: string };
}

export function memoryFs(files: Record<string, string> = {}): HostFileSystem {
  return {
    exists: (p) => Object.prototype.hasOwnProperty.call(files, p) || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
    readFile: (p) => files[p],
  };
}

function defaultPath(ruleId: string): string {
  if (ruleId.startsWith('compose/')) return '/work/compose.yaml';
  return ruleId.startsWith('docker/') ? '/work/Dockerfile' : '/work/test.yaml';
}

/** Settings that enable the rule under test even when it is off by default. */
function settingsFor(ruleId: string, extra: Partial<EngineSettings> | undefined): Partial<EngineSettings> {
  const meta = ruleById(ruleId)?.meta;
  const rules = { ...(extra?.rules ?? {}) };
  if (meta?.defaultSeverity === 'off' && !rules[ruleId]) rules[ruleId] = 'warning';
  return { ...extra, rules };
}

export function lintCase(ruleId: string, c: ValidCase, code = c.code): Finding[] {
  const linter = new Linter(settingsFor(ruleId, c.settings), memoryFs(c.files));
  // The workspace index knows the files beside the linted one, as the editor's and the CLI's first pass do.
  for (const [path, text] of Object.entries(c.files ?? {})) linter.indexFile({ path, text });
  return linter.lint({ path: c.path ?? defaultPath(ruleId), text: code }).findings;
}

export function assertParses(path: string, text: string): void {
  if (/\.ya?ml$/i.test(path)) {
    for (const doc of parseAllDocuments(text)) {
      assert.deepEqual(
        doc.errors.map((e) => e.message),
        [],
        `fixed YAML must parse:\n${text}`,
      );
    }
  }
}

/** Comment texts (`# …`) of a file, for checking that fixes keep every comment. */
export function commentsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => /(?:^|\s)(#.*)$/.exec(line)?.[1]?.trim())
    .filter((c): c is string => !!c);
}

/** What `harden lint --fix --fix-rule <id>` applies: the rule's first fix of either kind. */
export function ruleFixFilter(ruleId: string): FixFilter {
  return { kinds: FIX_KINDS, rules: [ruleId] };
}

/** Applies the rule's fixes (safe or suggestion) pass by pass until the rule has nothing fixable left. */
export function applyRuleFixes(ruleId: string, c: ValidCase, code: string): string {
  let text = code;
  for (let pass = 0; pass < 10; pass++) {
    const findings = lintCase(ruleId, c, text).filter((f) => f.ruleId === ruleId);
    const fix = findings.map((f) => selectFix(f, ruleFixFilter(ruleId))).find((x) => x !== undefined);
    if (!fix) return text;
    text = applyTextEdits(text, fix.edits);
  }
  return text;
}

/** The rule's own fixes, without the "Suppress … for this line" fix every finding gets. */
export function ruleFixes(finding: Finding | undefined): Finding['fixes'] {
  return (finding?.fixes ?? []).filter((f) => !isSuppressionFix(f));
}

export function isSuppressionFix(fix: Finding['fixes'][number]): boolean {
  return fix.suppression === true;
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    it('is registered', () => assert.ok(ruleById(ruleId), `${ruleId} must be in the rule registry`));

    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const hits = lintCase(ruleId, c).filter((f) => f.ruleId === ruleId);
        assert.deepEqual(
          hits.map((f) => `${f.range.start.line + 1}: ${f.message}`),
          [],
        );
      });
    });

    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const path = c.path ?? defaultPath(ruleId);
        const all = lintCase(ruleId, c);
        const hits = all.filter((f) => f.ruleId === ruleId);
        assert.deepEqual(
          hits.map((f) => f.range.start.line + 1),
          c.errors.map((e) => e.line),
          `lines of ${ruleId} findings: ${JSON.stringify(hits.map((h) => h.message))}`,
        );
        c.errors.forEach((expected, k) => {
          const got = hits[k];
          if (expected.column !== undefined) assert.equal(got.range.start.character + 1, expected.column, 'column');
          if (expected.endLine !== undefined) assert.equal(got.range.end.line + 1, expected.endLine, 'end line');
          if (expected.severity) assert.equal(got.severity, expected.severity, 'severity');
          if (typeof expected.message === 'string') assert.equal(got.message, expected.message);
          else if (expected.message) assert.match(got.message, expected.message);
        });
        if (c.fixTitles)
          assert.deepEqual(
            ruleFixes(hits[0]).map((f) => f.title),
            c.fixTitles,
          );

        // Every fix is of a kind the rule's meta declares (and so documents), and only a safe one is preferred.
        const offered = offeredFixKinds(ruleById(ruleId)!.meta);
        for (const fix of hits.flatMap(ruleFixes)) {
          assert.ok(offered.includes(fix.kind), `fix "${fix.title}" is ${fix.kind}, but ${ruleId} declares ${offered.join('+') || 'no fixes'}`);
          if (fix.isPreferred) assert.equal(fix.kind, 'safe', `suggestion "${fix.title}" must not be preferred`);
        }
        if (c.suggestion) {
          const suggested = ruleFixes(hits[0]).find((f) => f.title === c.suggestion?.title);
          assert.ok(suggested, `${ruleId} should suggest "${c.suggestion.title}"; offered: ${ruleFixes(hits[0]).map((f) => f.title)}`);
          assert.equal(suggested.kind, 'suggestion', 'a suggestion is not applied by fix-all');
          assert.equal(applyTextEdits(c.code, suggested.edits), c.suggestion.output);
        }
        const fixable = hits.some((f) => selectFix(f, ruleFixFilter(ruleId)) !== undefined);
        if (c.output === undefined) {
          // A case whose finding has a safe fix must say what the fix produces: an unchecked fix is untested.
          if (c.suggestion === undefined)
            assert.ok(!hits.some((f) => selectFix(f, SAFE_FIXES) !== undefined), `${ruleId} fixes this case: give the fixed text as \`output\``);
          return;
        }
        assert.ok(fixable, `${ruleId} should offer a fix here`);

        // Every single fix, alone: parses, its finding is gone, nothing new, comments kept, idempotent.
        for (const hit of hits) {
          for (const fix of hit.fixes) {
            if (fix.edits.length === 0) continue;
            const once = applyTextEdits(c.code, fix.edits);
            assertParses(path, once);
            for (const comment of commentsOf(c.code)) assert.ok(once.includes(comment), `fix "${fix.title}" lost comment ${comment}`);
            const after = lintCase(ruleId, c, once);
            const sameSpot = after.filter((f) => f.ruleId === ruleId && f.message === hit.message && f.range.start.line === hit.range.start.line);
            if (fix === selectFix(hit, ruleFixFilter(ruleId)) || fix.title === c.suggestion?.title)
              assert.equal(sameSpot.length, 0, `fix "${fix.title}" left its finding:\n${once}`);
            // No rule may report more than before (a finding whose message shrank is not new); rules
            // the fix legitimately enables (`fixEnables`, e.g. a PDB once replicas is 3) are exempt.
            const enabled = new Set(ruleById(ruleId)?.meta.fixEnables ?? []);
            const count = (list: Finding[], id: string) => list.filter((f) => f.ruleId === id).length;
            const introduced = [...new Set(after.map((f) => f.ruleId))].filter(
              (id) => id !== 'harden/unused-suppression' && !enabled.has(id) && count(after, id) > count(all, id),
            );
            assert.deepEqual(introduced, [], `fix "${fix.title}" introduced findings:\n${once}`);
          }
        }

        if (c.output === undefined) return;
        const fixed = applyRuleFixes(ruleId, c, c.code);
        assert.equal(fixed, c.output);
        assertParses(path, fixed);
        assert.deepEqual(
          lintCase(ruleId, c, fixed)
            .filter((f) => f.ruleId === ruleId && f.fixes.length > 0)
            .map((f) => f.message),
          [],
        );
        assert.equal(applyRuleFixes(ruleId, c, fixed), fixed, 'applying the fixes twice must change nothing');
      });
    });
  });
}

/** Every fix, safe or suggestion (`--fix --fix-type safe,suggestion`): for tests of how fixes edit text. */
export const EVERY_FIX: FixFilter = { kinds: FIX_KINDS };
