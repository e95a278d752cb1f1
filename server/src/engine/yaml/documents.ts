// Splits a YAML stream into its `---` documents with a cheap line scan, so that each document can be
// parsed, cached and linted on its own. A `---` at column 0 is always a document marker in YAML, even
// inside multi-line scalars, so the scan agrees with a full parse.
import { Document, parseDocument } from 'yaml';

export interface YamlSegment {
  /** Offset of the segment in the whole file. */
  start: number;
  text: string;
}

export function splitDocuments(text: string): YamlSegment[] {
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

export function parseSegment(text: string, templated = false): Document.Parsed {
  // Aliases are never expanded by the engine (it walks nodes), so alias bombs cost nothing here.
  // Templates often write a key in both branches of an if/else: not a duplicate once rendered.
  return parseDocument(text, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: !templated });
}
