// Kustomize in a lint run: the run's kustomization files that no other one includes are built and linted
// as `kubectl apply -k` would apply them; the files those builds read (bases, patches, kustomizations) are
// reported with the built result's findings instead of being linted on their own. Everything else is
// linted as usual. Findings carry their overlays (JSON and SARIF show them).
import * as path from 'node:path';
import {
  applyTextEdits,
  SAFE_FIXES,
  selectFix,
  isKustomizationFile,
  lintKustomizations,
  topLevelKustomizations,
  repositoryRoot,
  type EngineSettings,
  type HostFileSystem,
  type KustomizeFinding,
  type TextEdit,
} from '../../engine';
import { isInsideRoots } from '../node/walkFiles';
import { writeIfChanged } from './fixWriter';
import type { TargetFile } from './discover';
import type { LintedFile } from './lintFile';
import type { LintSession } from './lintSession';

export interface KustomizeRun {
  /** One result per file the builds read that has findings or was named on the command line. */
  outcomes: LintedFile[];
  /** Files covered by a build: not linted on their own. */
  covered: Set<string>;
}

const MAX_FIX_PASSES = 5;

export function lintKustomizeTargets(targets: readonly TargetFile[], session: LintSession, cwd: string, fix = false): KustomizeRun {
  const kustomizations = targets.filter((t) => isKustomizationFile(t.path)).map((t) => t.path);
  if (kustomizations.length === 0) return { outcomes: [], covered: new Set() };
  if (!fix) return lintOnce(targets, kustomizations, session, cwd);
  // --fix: apply the selected fixes file by file, then lint again through the builds, until nothing changes.
  const applied = new Map<string, number>();
  const originals = new Map<string, string>();
  let run = lintOnce(targets, kustomizations, session, cwd);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    // Each file's edits: its own findings' fixes and the other-file edits of fixes reported elsewhere (a
    // finding on a shared base fixed in one overlay's kustomization).
    const planned = new Map<string, Array<{ edits: TextEdit[] }>>();
    for (const outcome of run.outcomes) {
      for (const finding of outcome.findings) {
        // The fix plain --fix (safe only) or --fix-type/--fix-rule/--fix-category picks, as for plain files.
        const chosen = selectFix({ ...finding, fixes: finding.fixes.filter((f) => !f.createFiles?.length) }, session.setup.fixFilter ?? SAFE_FIXES);
        if (!chosen) continue;
        const files = [{ path: outcome.file.path, edits: chosen.edits }, ...(chosen.otherFiles ?? [])].filter((f) => f.edits.length > 0);
        for (const file of files) planned.set(file.path, [...(planned.get(file.path) ?? []), { edits: file.edits }]);
      }
    }
    let changed = false;
    for (const [file, fixes] of planned) {
      const text = session.fs.readFile(file);
      if (text === undefined) continue;
      const edits = nonOverlapping(fixes);
      if (edits.count === 0) continue;
      const fixed = applyTextEdits(text, edits.edits);
      if (fixed === text) continue;
      if (!originals.has(file)) originals.set(file, text);
      writeIfChanged(file, text, fixed);
      session.fs.invalidate(file);
      applied.set(file, (applied.get(file) ?? 0) + edits.count);
      changed = true;
    }
    if (!changed) break;
    run = lintOnce(targets, kustomizations, session, cwd);
  }
  // A file the fixes left without findings (a base edited through an overlay) is reported too: what --fix wrote.
  const reported = new Set(run.outcomes.map((outcome) => outcome.file.path));
  for (const file of [...applied.keys()].sort()) {
    if (reported.has(file)) continue;
    const display = targets.find((t) => t.path === file)?.display ?? path.relative(cwd, file);
    run.outcomes.push({ kind: 'linted', file: { path: file, display }, text: session.fs.readFile(file) ?? '', findings: [], suppressed: 0 });
  }
  for (const outcome of run.outcomes) {
    const count = applied.get(outcome.file.path);
    if (count) outcome.fix = { applied: count, written: true, created: [], errors: [] };
  }
  return run;
}

/**
 * Where the builds may read: the current folder and the Git repository that holds each kustomization (bases and
 * components are often a `../` away: `cd overlays/prod && harden lint .`, `harden lint ../infra`, an absolute path
 * in CI); for one outside both, the folder the named ones share. A path that leaves all of these is reported, not read.
 */
export function workspaceRoots(kustomizations: readonly string[], cwd: string, fs: HostFileSystem): string[] {
  const roots = [cwd];
  const elsewhere: string[] = [];
  for (const file of kustomizations) {
    const repository = repositoryRoot(fs, path.dirname(file));
    if (repository && !roots.includes(repository)) roots.push(repository);
    else if (!repository && !isInsideRoots(file, [cwd])) elsewhere.push(path.dirname(file));
  }
  if (elsewhere.length > 0) roots.push(elsewhere.reduce(commonFolder));
  return roots;
}

function commonFolder(a: string, b: string): string {
  let common = a;
  while (path.relative(common, b).startsWith('..')) common = path.dirname(common);
  return common;
}

/** Fixes' edits of one file that do not touch each other (the next pass gets the rest). */
function nonOverlapping(fixes: ReadonlyArray<{ edits: TextEdit[] }>): { edits: TextEdit[]; count: number } {
  const edits: TextEdit[] = [];
  let count = 0;
  const taken: Array<[number, number, number, number]> = [];
  for (const fix of fixes) {
    const spans = fix.edits.map(
      (e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character] as [number, number, number, number],
    );
    const clash = spans.some((a) => taken.some((b) => !(a[2] < b[0] || (a[2] === b[0] && a[3] < b[1]) || b[2] < a[0] || (b[2] === a[0] && b[3] < a[1]))));
    if (clash) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    count++;
  }
  return { edits, count };
}

function lintOnce(targets: readonly TargetFile[], kustomizations: string[], session: LintSession, cwd: string): KustomizeRun {
  const covered = new Set<string>();
  const options = { roots: workspaceRoots(kustomizations, cwd, session.fs) };
  const byFile = new Map<string, KustomizeFinding[]>();
  // Kustomizations with different settings (.harden.yaml per folder) are linted with their own.
  const groups = new Map<EngineSettings, string[]>();
  for (const top of topLevelKustomizations(kustomizations, session.fs, options)) {
    const linter = session.route(top).linter;
    if (!linter) continue;
    const settings = linter.getSettings();
    groups.set(settings, [...(groups.get(settings) ?? []), top]);
  }
  for (const [settings, tops] of groups) {
    const result = lintKustomizations(tops, settings, session.fs, options);
    for (const build of result.builds) for (const file of build.files) if (session.fs.readFile(file) !== undefined) covered.add(file);
    for (const [file, findings] of result.byFile) byFile.set(file, [...(byFile.get(file) ?? []), ...findings]);
  }
  const named = new Map(targets.map((t) => [t.path, t]));
  const outcomes: LintedFile[] = [];
  for (const file of [...covered].sort()) {
    const findings = (byFile.get(file) ?? []).map((f) => ({ ...f, overlays: f.overlays.map((o) => path.relative(cwd, path.dirname(o)) || '.') }));
    if (findings.length === 0 && !named.has(file)) continue;
    const display = named.get(file)?.display ?? path.relative(cwd, file);
    outcomes.push({ kind: 'linted', file: { path: file, display }, text: session.fs.readFile(file) ?? '', findings, suppressed: 0 });
  }
  return { outcomes, covered };
}
