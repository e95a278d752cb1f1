// Public data shapes of the engine. Positions follow the LSP convention: 0-based lines, UTF-16 columns.
import type { PodSecurityCheck } from './k8s/pod-security';

/** Every severity a rule can be set to, from silent to loudest: the one list settings, config and CLI accept. */
export const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export type SeverityOrOff = (typeof SEVERITY_SETTINGS)[number];
export type Severity = Exclude<SeverityOrOff, 'off'>;

export function isSeverityOrOff(value: unknown): value is SeverityOrOff {
  return (SEVERITY_SETTINGS as readonly unknown[]).includes(value);
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Offset-based edit used inside the engine; converted to a `TextEdit` at the edge. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A file the fix creates beside the linted one (e.g. `.dockerignore`). Absolute path. */
export interface FileCreate {
  path: string;
  text: string;
}

/**
 * `safe`: cannot change what the workload does at run time in a way that can break it; applied by fix-all
 * and plain `--fix`. `suggestion`: may change behaviour (scaling, UIDs, the root file system, capabilities,
 * tokens…); offered as a quick fix, applied by the CLI only when asked (`--fix-type suggestion`, `--fix-rule`).
 */
export type FixKind = 'safe' | 'suggestion';
export const FIX_KINDS: readonly FixKind[] = ['safe', 'suggestion'];

export type RuleCategory = 'security' | 'availability' | 'hygiene';
export const RULE_CATEGORIES: readonly RuleCategory[] = ['security', 'availability', 'hygiene'];

export interface Fix {
  title: string;
  kind: FixKind;
  /** The finding's first safe fix (never a suggestion): the editor's preferred quick fix. */
  isPreferred: boolean;
  /** The "Suppress … for this line" fix every finding gets: never applied by `--fix` or fix-all. */
  suppression?: boolean;
  edits: TextEdit[];
  createFiles?: FileCreate[];
  /** Edits of other existing files (a kustomize overlay's kustomization), applied with the fix. */
  otherFiles?: FileEdits[];
}

export interface FileEdits {
  path: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** Said by a lint without fixes (Kustomize overlays): the finding is about something absent. */
  missing?: boolean;
}

export type Language = 'kubernetes' | 'dockerfile' | 'compose';

/** Peer tools' ids for the same check; their suppressions are honoured. */
export interface RuleAliases {
  hadolint?: string[];
  kubeLinter?: string[];
  polaris?: string[];
  checkov?: string[];
  kubeScore?: string[];
  /** Kubescape controls (`C-0016`), from kubescape/regolibrary. */
  kubescape?: string[];
  /** Trivy's misconfiguration checks (`KSV001`, `DS002`), from aquasecurity/trivy-checks. */
  trivy?: string[];
}

export interface RuleMeta {
  /** Stable public id, e.g. `k8s/run-as-non-root`. Never rename. */
  id: string;
  /** `any` for the engine's own checks (suppressions, configuration). */
  language: Language | 'any';
  defaultSeverity: SeverityOrOff;
  /** One line: what the rule reports. */
  description: string;
  /** Why it matters, in the seed's own reasoning. */
  rationale: string;
  /** Seed files the rule comes from (`000`, `002`, …). */
  seeds: string[];
  fixable: boolean;
  category: RuleCategory;
  /**
   * The kinds of fix the rule offers, each with a one-line reason (rendered into its docs page). A rule that
   * offers both states each fix's kind on the fix; otherwise its fixes are of the one kind listed here.
   */
  fixKinds?: Partial<Record<FixKind, string>>;
  aliases?: RuleAliases;
  /**
   * Rules whose precondition this rule's fix can newly meet (raising `replicas` to 3 makes a
   * PodDisruptionBudget expected). Their new findings are consequences, not damage done by the fix.
   */
  fixEnables?: string[];
  /** The Pod Security admission checks this rule implements (docs/pod-security.md is generated from them). */
  podSecurity?: PodSecurityCheck[];
}

/** What the engine needs from its host (LSP server, CLI, tests). Pure data access, no network. */
export interface HostFileSystem {
  exists(path: string): boolean;
  readFile(path: string): string | undefined;
  /** Names in a folder, folders with a trailing `/` (Helm charts list templates/ and charts/); absent = cannot list. */
  listDirectory?(path: string): string[] | undefined;
}

export interface EngineSettings {
  /** `major.minor`, e.g. `1.32`. */
  kubernetesVersion: string;
  /** Severity overrides by rule id; absent = the rule's default. */
  rules: Record<string, SeverityOrOff>;
  /** Extra workload kinds and the dotted path of their pod template spec (e.g. `Rollout: spec.template`). */
  workloadKinds?: Record<string, string>;
  /** Dockerfile stage whose user matters (`--target`); default: the last stage. */
  dockerTarget?: string;
  /** Image name -> Dockerfile path (relative to the config file's folder, resolved by the host). */
  images?: Record<string, string>;
  /** Namespace of objects that name none (`default`). */
  defaultNamespace?: string;
  /** How Helm charts render (`.harden.yaml` `helm:`, the CLI's `--values`). */
  helm?: HelmSettings;
}

export interface HelmSettings {
  /** Values files (absolute paths) applied over a chart's values.yaml, in order, like `helm -f`. */
  valuesFiles?: string[];
  /** How messages name a values file of `valuesFiles` (absolute path -> as given: `prod.yaml`); default: relative to the chart. */
  valuesFileNames?: Record<string, string>;
  releaseName?: string;
  namespace?: string;
  /** `1.32` or `v1.32.0`; default: `kubernetesVersion`. */
  kubeVersion?: string;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  kubernetesVersion: '1.32',
  rules: {},
};
