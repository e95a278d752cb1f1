// Linter: text -> findings with fixes, for any supported language. Keeps per-document caches so that
// re-linting an edited file only re-parses and re-checks the documents whose text changed.
import type { Document } from 'yaml';
import { isConfigFile, parseConfig } from './config';
import { lintDockerfile } from './dockerfile/lint';
import { summarizeDockerfile } from './dockerfile/summary';
import type { RawFinding } from './rule';
import { LineIndex, applyOffsetEdits } from './text';
import type { EngineSettings, Finding, HostFileSystem, Language } from './types';
import { DEFAULT_SETTINGS } from './types';
import { WorkspaceIndex } from './k8s/workspace-index';
import { toFindings } from './findings';
import { SAFE_FIXES, selectFix, type FixFilter } from './fix-kinds';
import { applyDirectives } from './suppression/apply';
import { YamlLinter } from './yaml/lint';

export interface SourceFile {
  /** Absolute file-system path (used for language detection and for files beside it). */
  path: string;
  text: string;
  /** Editor language id, when known (`yaml`, `dockerfile`). */
  languageId?: string;
}

export interface LintResult {
  language: Language | undefined;
  findings: Finding[];
  /** The file's objects changed what other files' cross-file rules see: re-lint those files. */
  indexChanged: boolean;
  /** Findings silenced by suppression comments or annotations. */
  suppressed: number;
}

export interface FixAllResult {
  text: string;
  /** How many fixes were applied, over all passes. */
  applied: number;
  /** Findings left after fixing. */
  remaining: Finding[];
}

/** A rule's finding before severity resolution, in offsets of the whole file. */
export interface RuleHit extends RawFinding {
  ruleId: string;
}

const NO_FS: HostFileSystem = { exists: () => false, readFile: () => undefined };
const MAX_FIX_PASSES = 10;

export function detectLanguage(path: string, languageId?: string): Language | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  if (languageId === 'dockerfile') return 'dockerfile';
  if (/\.dockerignore$/i.test(base)) return undefined;
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return 'dockerfile';
  if (languageId === 'yaml' || /\.ya?ml$/i.test(base)) return 'kubernetes';
  return undefined;
}

export class Linter {
  private settings: EngineSettings;
  private readonly yaml = new YamlLinter();

  constructor(
    settings: Partial<EngineSettings> = {},
    private readonly fs: HostFileSystem = NO_FS,
    /** Shared with the host, which feeds it the workspace's files (`indexFile`). */
    readonly index: WorkspaceIndex = new WorkspaceIndex(),
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  getSettings(): EngineSettings {
    return this.settings;
  }

  updateSettings(settings: Partial<EngineSettings>): void {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.yaml.clearCache();
  }

  /** Forgets cached documents of a file that was closed; `deleted` also drops it from the index. */
  forget(path: string, deleted = false): boolean {
    this.yaml.forget(path);
    return deleted ? this.index.removeFile(path) : false;
  }

  /**
   * Records what other files' rules need from this file (Kubernetes objects, a Dockerfile's user) without
   * reporting anything: the workspace scan and the CLI's first pass. Returns whether the index changed.
   */
  indexFile(file: SourceFile): boolean {
    const language = detectLanguage(file.path, file.languageId);
    if (language === 'dockerfile') return this.index.setDockerfile(summarizeDockerfile(file.text, file.path, this.settings.dockerTarget));
    if (language !== 'kubernetes' || isConfigFile(file.path)) return false;
    return this.yaml.index(file.path, file.text, this.settings, this.index);
  }

  /** The parse of one `---` document of a file linted or indexed with this Linter, while it is cached. */
  parsedDocument(path: string, documentText: string): Document.Parsed | undefined {
    return this.yaml.parsedDocument(path, documentText);
  }

  lint(file: SourceFile): LintResult {
    const language = detectLanguage(file.path, file.languageId);
    if (!language) return { language, findings: [], indexChanged: false, suppressed: 0 };
    if (isConfigFile(file.path)) {
      const hits = parseConfig(file.text).problems.slice(0, 1).map((p) => ({ ...p, ruleId: 'harden/invalid-config' }));
      return { language, findings: this.toFindings(file.text, hits, language), indexChanged: false, suppressed: 0 };
    }
    let findings: Finding[];
    let suppressed = 0;
    let indexChanged = false;
    if (language === 'dockerfile') {
      findings = this.toFindings(file.text, lintDockerfile(file.text, file.path, this.settings, this.fs), language);
      indexChanged = this.indexFile(file);
    } else {
      ({ findings, suppressed, indexChanged } = this.yaml.lint(file.path, file.text, this.settings, this.fs, this.index));
    }
    const directives = applyDirectives(file.text, findings, this.settings, language);
    return { language, findings: directives.kept, indexChanged, suppressed: suppressed + directives.suppressed };
  }

  /**
   * Applies the fix `filter` selects of every finding (default: safe fixes only), re-linting between passes
   * so that fixes never conflict.
   */
  fixAll(file: SourceFile, filter: FixFilter = SAFE_FIXES): FixAllResult {
    let text = file.text;
    let applied = 0;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const { findings } = this.lint({ ...file, text });
      const index = new LineIndex(text);
      const taken: Array<[number, number]> = [];
      const edits = [];
      for (const finding of findings) {
        const fix = selectFix(finding, filter);
        if (!fix || fix.createFiles?.length) continue;
        const offsets = fix.edits.map((e) => ({
          start: index.offsetAt(e.range.start),
          end: index.offsetAt(e.range.end),
          newText: e.newText,
        }));
        // Two fixes touching the same place (e.g. both creating `securityContext`) wait for the next pass.
        const clash = offsets.some((o) => taken.some(([s, e]) => o.start <= e && o.end >= s));
        if (clash) continue;
        for (const o of offsets) taken.push([o.start, o.end]);
        edits.push(...offsets);
        applied++;
      }
      if (edits.length === 0) return { text, applied, remaining: findings };
      text = applyOffsetEdits(text, edits);
    }
    return { text, applied, remaining: this.lint({ ...file, text }).findings };
  }

  private toFindings(text: string, hits: RuleHit[], language: Language): Finding[] {
    return toFindings(text, new LineIndex(text), hits, language, this.settings);
  }
}
