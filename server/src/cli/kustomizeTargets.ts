// Kustomize in a lint run: the run's kustomization files that no other one includes are built and linted
// as `kubectl apply -k` would apply them; the files those builds read (bases, patches, kustomizations) are
// reported with the built result's findings instead of being linted on their own. Everything else is
// linted as usual. Findings carry their overlays (JSON and SARIF show them).
import * as path from 'node:path';
import { isKustomizationFile, lintKustomizations, topLevelKustomizations, type EngineSettings, type KustomizeFinding } from '../engine';
import type { TargetFile } from './discover';
import type { LintedFile } from './lintFile';
import type { LintSession } from './lintSession';

export interface KustomizeRun {
  /** One result per file the builds read that has findings or was named on the command line. */
  outcomes: LintedFile[];
  /** Files covered by a build: not linted on their own. */
  covered: Set<string>;
}

export function lintKustomizeTargets(targets: readonly TargetFile[], session: LintSession, cwd: string): KustomizeRun {
  const kustomizations = targets.filter((t) => isKustomizationFile(t.path)).map((t) => t.path);
  const covered = new Set<string>();
  if (kustomizations.length === 0) return { outcomes: [], covered };
  const options = { roots: [cwd] };
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
