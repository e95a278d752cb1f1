// Splits a YAML stream into its `---` documents with a cheap line scan, so that each document can be
// parsed, cached and linted on its own. A `---` at column 0 is always a document marker in YAML, even
// inside multi-line scalars, so the scan agrees with a full parse.
import { Document, parseDocument } from 'yaml';
import { detached } from '../text';

export interface YamlSegment {
  /** Offset of the segment in the whole file. */
  start: number;
  text: string;
}

// Linting and schema validation split the same text right after each other: keep the last split.
let lastSplit: { text: string; segments: readonly YamlSegment[] } | undefined;

export function splitDocuments(text: string): readonly YamlSegment[] {
  if (lastSplit?.text === text) return lastSplit.segments;
  const segments = scanSegments(text);
  lastSplit = { text, segments };
  return segments;
}

function scanSegments(text: string): YamlSegment[] {
  const segments: YamlSegment[] = [];
  let segmentStart = 0;
  // Only lines starting with `---` can be markers: jump between them instead of visiting every line.
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 1)) {
    const lineStart = at + 1;
    const next = text[lineStart + 3];
    if (next !== undefined && next !== ' ' && next !== '\t' && next !== '\r' && next !== '\n') continue;
    if (lineStart > segmentStart) {
      segments.push({ start: segmentStart, text: text.slice(segmentStart, lineStart) });
      segmentStart = lineStart;
    }
  }
  segments.push({ start: segmentStart, text: text.slice(segmentStart) });
  return mergeDirectiveOnlySegments(segments);
}

// `%YAML 1.2` directives precede the `---` they belong to: keep them with that document.
function mergeDirectiveOnlySegments(segments: YamlSegment[]): YamlSegment[] {
  const out: YamlSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (i + 1 < segments.length && (seg.text.startsWith('%') || seg.text.includes('\n%')) && isDirectivesOnly(seg.text)) {
      segments[i + 1] = { start: seg.start, text: seg.text + segments[i + 1].text };
      continue;
    }
    out.push(seg);
  }
  return out;
}

function isDirectivesOnly(text: string): boolean {
  const content = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return content.length > 0 && content.every((l) => l.startsWith('%'));
}

/** Deeper than any manifest: real ones nest flow collections a few levels, blocks a few dozen. */
export const MAX_NESTING = 200;

/**
 * A cheap scan for pathological nesting (`[[[[…`, `- - - - …`, thousands of indentation columns). The yaml
 * parser recurses per level and takes quadratic time on unclosed flow collections; past a few thousand levels
 * V8 can abort the whole process, which no try/catch stops. Such text is refused before parsing.
 */
export function nestingTooDeep(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  let quote = '';
  let lineStart = true;
  let dashes = 0;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      dashes = 0;
      indent = 0;
      if (quote === "'") continue; // quoted scalars may span lines
      continue;
    }
    if (quote) {
      if (c === quote && (quote === "'" || text[i - 1] !== '\\')) quote = '';
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        if (++indent > limit * 4) return true;
        continue;
      }
      if (c === '-' && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        if (++dashes > limit) return true;
        i++;
        continue;
      }
      lineStart = false;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end - 1;
    } else if ((c === '"' || c === "'") && depth > 0) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > limit) return true;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return false;
}

// Linting and schema validation parse the same edited document right after each other: the last few parses
// are kept (by text) so that the second is free. Nothing may modify a parsed document.
const RECENT_PARSES = 16;
const recentParses = [new Map<string, Document.Parsed>(), new Map<string, Document.Parsed>()];

/**
 * Records the parse of a text produced together with its nodes (kustomize's built objects), so that
 * `parseSegment` of that text returns it instead of parsing. It must be exactly what parsing would give.
 */
export function rememberParse(text: string, doc: Document.Parsed): void {
  const recent = recentParses[0];
  if (recent.size >= RECENT_PARSES) recent.delete(recent.keys().next().value!);
  recent.set(text, doc);
}

/** `owned`: the caller already made `text` a string of its own (see `detached`), so the cache need not copy it. */
/**
 * Runs `parse` without capturing stack traces: the parser reports each syntax error as an Error object, whose stack
 * nobody reads, and a masked Helm template has dozens (116 Bitnami charts: 2.2 s of a 20 s run in YAMLError).
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function parseSegment(text: string, templated = false, owned = false): Document.Parsed {
  const recent = recentParses[templated ? 1 : 0];
  let doc = recent.get(text);
  if (!doc) {
    if (!owned) text = detached(text);
    // Aliases are never expanded by the engine (it walks nodes), so alias bombs cost nothing here.
    // Templates often write a key in both branches of an if/else: not a duplicate once rendered.
    doc = withoutStackTraces(() => parseDocument(text, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: !templated }));
    if (recent.size >= RECENT_PARSES) recent.delete(recent.keys().next().value!);
    recent.set(text, doc);
  }
  return doc;
}
