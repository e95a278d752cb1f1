// Lints a Kubernetes YAML file document by document. Each document's parse and the findings of the
// document-local rules are cached by the document's text, so an edit re-parses only what changed.
import type { Document } from 'yaml';
import { K8sContext, type K8sRule, type ParsedObject } from '../k8s/context';
import { toK8sObject } from '../k8s/model';
import { summarize, type ObjectSummary, type WorkspaceIndex } from '../k8s/workspace-index';
import { reportRuleError } from '../errors';
import type { RuleHit } from '../linter';
import { k8sRules } from '../rules/k8s';
import { PARSE_ERROR_RULE_ID } from '../rules/k8s/parse-error';
import type { EngineSettings, HostFileSystem } from '../types';
import { parseSegment, splitDocuments } from './documents';

interface CachedDocument {
  doc: Document.Parsed | undefined;
  parsed: ParsedObject | undefined;
  /** Findings of document-local rules, in offsets of the document text. */
  localHits: RuleHit[];
  summary: ObjectSummary | undefined;
}

// Cheap test for "this was meant to be a Kubernetes object", used to decide whether a broken
// document deserves a parse diagnostic (other YAML files are none of our business).
const LOOKS_LIKE_K8S = /^(apiVersion|kind)\s*:/m;
// No rule inspects these kinds, and they are the largest documents people open (a CRD can be 20k lines,
// 200 ms to parse): a cheap scan of the top-level `kind:` lets us skip them entirely.
const UNINSPECTED_KIND = /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*(#.*)?\r?$/m;

export class YamlLinter {
  private readonly files = new Map<string, Map<string, CachedDocument>>();

  clearCache(): void {
    this.files.clear();
  }

  forget(path: string): void {
    this.files.delete(path);
  }

  /** Parses (with the cache) and records the file's objects in the index; returns whether the index changed. */
  index(path: string, text: string, settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex): boolean {
    return this.load(path, text, settings, fs, index).indexChanged;
  }

  lint(path: string, text: string, settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex): { hits: RuleHit[]; indexChanged: boolean } {
    const { documents, indexChanged } = this.load(path, text, settings, fs, index);
    const hits: RuleHit[] = [];
    const fileObjects = documents.flatMap((d) => (d.cached.parsed ? [d.cached.parsed] : []));
    const crossRules = activeRules(settings).filter((r) => r.crossDocument);
    for (const { segment, cached } of documents) {
      for (const hit of cached.localHits) hits.push(shift(hit, segment.start));
      if (!cached.parsed || crossRules.length === 0) continue;
      const context = new K8sContext(cached.parsed, settings, fs, fileObjects, index, path);
      for (const hit of runRules(crossRules, context)) hits.push(shift(hit, segment.start));
    }
    return { hits, indexChanged };
  }

  private load(path: string, text: string, settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex) {
    const previous = this.files.get(path) ?? new Map<string, CachedDocument>();
    const current = new Map<string, CachedDocument>();
    const documents = splitDocuments(text).map((segment) => {
      const cached = current.get(segment.text) ?? previous.get(segment.text) ?? this.analyse(path, segment.text, settings, fs, index);
      current.set(segment.text, cached);
      return { segment, cached };
    });
    this.files.set(path, current);
    const summaries = documents.flatMap((d) => (d.cached.summary ? [{ ...d.cached.summary, path }] : []));
    return { documents, indexChanged: index.setFile(path, summaries) };
  }

  private analyse(path: string, text: string, settings: EngineSettings, fs: HostFileSystem, index: WorkspaceIndex): CachedDocument {
    const none = { doc: undefined, parsed: undefined, localHits: [], summary: undefined };
    if (!LOOKS_LIKE_K8S.test(text) || UNINSPECTED_KIND.test(text)) return none;
    const doc = parseSegment(text);
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      const [start, end] = error.pos;
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
      const message = `YAML syntax error: ${error.message.split('\n')[0]}${more}. Other rules skip this document until it parses.`;
      return { ...none, doc, localHits: [{ ruleId: PARSE_ERROR_RULE_ID, start, end: Math.max(end, start + 1), message }] };
    }
    const object = toK8sObject(doc);
    if (!object) return { ...none, doc };
    const parsed: ParsedObject = { object, doc, text };
    // Document-local rules may not read the index (their results are cached by the document's text).
    const context = new K8sContext(parsed, settings, fs, [], index, path);
    const localRules = activeRules(settings).filter((r) => !r.crossDocument);
    return { doc, parsed, localHits: runRules(localRules, context), summary: summarize(path, object, settings.workloadKinds) };
  }
}

function activeRules(settings: EngineSettings): K8sRule[] {
  return k8sRules.filter((rule) => (settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity) !== 'off');
}

function runRules(rules: readonly K8sRule[], context: K8sContext): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    try {
      rule.check(context, (finding) => hits.push({ ...finding, ruleId: rule.meta.id }));
    } catch (error) {
      reportRuleError(rule.meta.id, error);
    }
  }
  return hits;
}

function shift(hit: RuleHit, by: number): RuleHit {
  if (by === 0) return hit;
  return {
    ...hit,
    start: hit.start + by,
    end: hit.end + by,
    fixes: hit.fixes?.map((fix) => ({
      ...fix,
      edits: fix.edits.map((e) => ({ start: e.start + by, end: e.end + by, newText: e.newText })),
    })),
  };
}
