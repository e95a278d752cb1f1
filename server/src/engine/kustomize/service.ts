// Kustomize for a long-lived host (the language server): knows the workspace's kustomization files, keeps
// each build and each top-level overlay's findings while the files they read are unchanged, and answers
// "what does this file show" (the findings of the overlays built from it) and "whom does an edit affect".
import type { EngineSettings, HostFileSystem } from '../types';
import { BuildCache, buildKustomization, type BuildOptions, type BuildResult } from './build';
import { CallSnapshot, unchanged } from './snapshot';
import {
  mergeOverlayFindings,
  newOverlayLinter,
  withSuppressions,
  overlayFindings,
  topLevelAmong,
  StandaloneFindings,
  type KustomizeFinding,
  type OverlayLinter,
} from './lint';

interface CachedBuild {
  build: BuildResult;
  /** What each file read held (undefined: missing), to know when the build is stale. */
  texts: Map<string, string | undefined>;
}

interface CachedLint {
  build: BuildResult;
  settings: EngineSettings;
  findings: KustomizeFinding[];
}

export class KustomizeService {
  private kustomizations: string[] = [];
  private readonly builds = new Map<string, CachedBuild>();
  private readonly lints = new Map<string, CachedLint>();
  // One YAML linter per overlay: its per-document cache keeps unchanged built objects' findings.
  private readonly linters = new Map<string, { settings: EngineSettings; linter: OverlayLinter }>();
  private readonly standalone = new Map<EngineSettings, StandaloneFindings>();
  private readonly buildCache = new BuildCache();
  /** The files as the call in progress reads them. */
  private snapshot: CallSnapshot | undefined;

  constructor(
    private readonly fs: HostFileSystem,
    private readonly options: () => BuildOptions,
  ) {}

  /** Every kustomization file of the workspace. */
  setKustomizations(paths: readonly string[]): void {
    this.kustomizations = [...new Set(paths)].sort();
    for (const path of [...this.builds.keys()]) if (!this.kustomizations.includes(path)) this.builds.delete(path);
    for (const path of [...this.lints.keys()]) if (!this.kustomizations.includes(path)) this.lints.delete(path);
  }

  hasKustomizations(): boolean {
    return this.kustomizations.length > 0;
  }

  /** The kustomizations no other one includes. */
  topLevel(): string[] {
    return this.call((fs) => topLevelAmong(this.kustomizations, (path) => this.build(path, fs)));
  }

  /** Top-level kustomizations whose build reads `file`. */
  overlaysOf(file: string): string[] {
    if (this.kustomizations.length === 0) return [];
    return this.call((fs) => this.topLevel().filter((top) => this.build(top, fs).files.includes(file)));
  }

  /** The findings `file` shows as part of the overlays built from it; undefined when no overlay reads it. */
  findingsFor(file: string, settingsOf: (kustomization: string) => EngineSettings | undefined): KustomizeFinding[] | undefined {
    return this.call((fs) => {
      const overlays = this.overlaysOf(file);
      if (overlays.length === 0) return undefined;
      const linted = [];
      let fileSettings: EngineSettings | undefined;
      for (const overlay of overlays) {
        const settings = settingsOf(overlay);
        fileSettings ??= settings;
        if (settings) linted.push({ build: this.build(overlay, fs), findings: this.lint(overlay, settings, fs) });
      }
      // The fixes are worked out later (code actions), from the files as they are then.
      const findings = mergeOverlayFindings(linted, this.options().roots, file, this.fs).get(file) ?? [];
      return fileSettings ? withSuppressions(file, findings, fileSettings, fs) : findings;
    });
  }

  /** `file` is read by overlays only as a patch (partial): what it leaves out says nothing. */
  isPatchOnly(file: string): boolean {
    return this.call((fs) => {
      const overlays = this.overlaysOf(file);
      return (
        overlays.length > 0 &&
        !overlays.some((o) => this.build(o, fs).resources.some((r) => r.file === file)) &&
        !overlays.some((o) => this.build(o, fs).kustomization === file)
      );
    });
  }

  /** Files that read `file` through some overlay (to re-lint when it changes), `file` excluded. */
  dependants(file: string): string[] {
    return this.call((fs) => {
      const out = new Set<string>();
      for (const overlay of this.overlaysOf(file)) for (const read of this.build(overlay, fs).files) if (read !== file) out.add(read);
      return [...out];
    });
  }

  /** One call (calls within it included) reads each file once. */
  private call<T>(body: (fs: CallSnapshot) => T): T {
    if (this.snapshot) return body(this.snapshot);
    return CallSnapshot.within(this.fs, (snapshot) => {
      this.snapshot = snapshot;
      try {
        return body(snapshot);
      } finally {
        this.snapshot = undefined;
      }
    });
  }

  private build(path: string, fs: CallSnapshot): BuildResult {
    const cached = this.builds.get(path);
    if (cached && unchanged(fs, cached.texts)) return cached.build;
    const build = buildKustomization(fs, path, { ...this.options(), cache: this.buildCache });
    this.builds.set(path, { build, texts: new Map(build.files.map((file) => [file, fs.readFile(file)])) });
    return build;
  }

  private lint(overlay: string, settings: EngineSettings, fs: CallSnapshot): KustomizeFinding[] {
    const build = this.build(overlay, fs);
    const cached = this.lints.get(overlay);
    if (cached && cached.build === build && cached.settings === settings) return cached.findings;
    let standalone = this.standalone.get(settings);
    if (!standalone) this.standalone.set(settings, (standalone = new StandaloneFindings(settings, this.fs)));
    let linter = this.linters.get(overlay);
    if (linter?.settings !== settings) this.linters.set(overlay, (linter = { settings, linter: newOverlayLinter(settings) }));
    const findings = overlayFindings(build, settings, fs, standalone, linter.linter);
    this.lints.set(overlay, { build, settings, findings });
    return findings;
  }
}
