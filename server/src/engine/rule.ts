// What every rule module exports, and what a rule reports. Rules work in offsets of the text they
// were given (a YAML document's own text, or the whole Dockerfile); the engine maps them to positions.
import type { FileCreate, FixKind, OffsetEdit, RuleMeta, Severity } from './types';

export interface RawFix {
  title: string;
  /** Required when the rule's meta offers both kinds; otherwise the one kind its meta lists. */
  kind?: FixKind;
  edits: OffsetEdit[];
  createFiles?: FileCreate[];
}

export interface RawFinding {
  start: number;
  end: number;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. `error` for an explicit `runAsUser: 0`). */
  severity?: Severity;
  /**
   * The finding is about something absent. In a templated (Helm) document whose template actions may
   * produce keys, absence cannot be known, so such findings are dropped; through Kustomize, it is reported on
   * the base object rather than on the patch. Defaults to "the first fix only inserts text", which a lint
   * without fixes has to work them out for: rules whose fixes are lazy say it.
   */
  missing?: boolean;
  /**
   * A function when working out the edits costs something (rendering, style detection): it runs only when fixes
   * are asked for, at once, while the rule's nodes are at hand. Linting for findings alone (the builds of
   * Kustomize overlays) never asks.
   */
  fixes?: RawFix[] | (() => RawFix[]);
}

/** A rule's finding before severity resolution, in offsets of the whole file; its fixes worked out. */
export interface RuleHit extends Omit<RawFinding, 'fixes'> {
  ruleId: string;
  fixes?: RawFix[];
}

/** The finding's fixes, worked out now if they are lazy. */
export function fixesOf(finding: RawFinding): RawFix[] | undefined {
  return typeof finding.fixes === 'function' ? finding.fixes() : finding.fixes;
}

/** The finding as a hit of `ruleId`, its fixes worked out now. */
export function hitOf(finding: RawFinding, ruleId: string): RuleHit {
  const hit = { ...finding, ruleId } as RuleHit;
  if (typeof finding.fixes === 'function') hit.fixes = finding.fixes();
  return hit;
}

/** Hits whose rule gave its fixes as a function, not yet called (`lazyHitOf`). */
const pendingFixes = new WeakMap<RuleHit, () => RawFix[]>();

/** The finding as a hit of `ruleId`, its fixes left to `resolvedHit` (an editor reads the fixes of a few findings). */
export function lazyHitOf(finding: RawFinding, ruleId: string): RuleHit {
  if (typeof finding.fixes !== 'function') return { ...finding, ruleId } as RuleHit;
  const { fixes, ...rest } = finding;
  const hit: RuleHit = { ...rest, ruleId };
  pendingFixes.set(hit, fixes);
  return hit;
}

/** A hit of `lazyHitOf` with its fixes worked out (once). */
export function resolvedHit(hit: RuleHit): RuleHit {
  const pending = pendingFixes.get(hit);
  if (!pending) return hit;
  pendingFixes.delete(hit);
  hit.fixes = pending();
  return hit;
}

export interface RuleModule<Context> {
  meta: RuleMeta;
  check(context: Context, report: (finding: RawFinding) => void): void;
}

/**
 * The docs folder of the published npm package (`harden-lint`), served by unpkg: it exists for as long as
 * the package does, and always matches the latest release. Offline, the same pages ship with the
 * extension, the npm package and `harden rules --docs <id>`.
 */
export const DOCS_ONLINE_BASE_URL = 'https://unpkg.com/harden-lint/docs/';
export const DOCS_BASE_URL = `${DOCS_ONLINE_BASE_URL}rules/`;

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
