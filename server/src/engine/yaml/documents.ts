// Splits a YAML stream into its `---` documents with a cheap line scan, so that each document can be
// parsed, cached and linted on its own. A `---` at column 0 is always a document marker in YAML, even
// inside multi-line scalars, so the scan agrees with a full parse.
import { Document, parseDocument } from 'yaml';

export interface YamlSegment {
  /** Offset of the segment in the whole file. */
  start: number;
  text: string;
}

const MARKER = /^---(?=[ \t\r\n]|$)/;

export function splitDocuments(text: string): YamlSegment[] {
  const segments: YamlSegment[] = [];
  let segmentStart = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineStart > segmentStart && text.startsWith('---', lineStart) && MARKER.test(text.slice(lineStart, lineEnd + 1))) {
      segments.push({ start: segmentStart, text: text.slice(segmentStart, lineStart) });
      segmentStart = lineStart;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  segments.push({ start: segmentStart, text: text.slice(segmentStart) });
  return mergeDirectiveOnlySegments(segments);
}

// `%YAML 1.2` directives precede the `---` they belong to: keep them with that document.
function mergeDirectiveOnlySegments(segments: YamlSegment[]): YamlSegment[] {
  const out: YamlSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const content = seg.text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    if (i + 1 < segments.length && content.length > 0 && content.every((l) => l.startsWith('%'))) {
      segments[i + 1] = { start: seg.start, text: seg.text + segments[i + 1].text };
      continue;
    }
    out.push(seg);
  }
  return out;
}

export function parseSegment(text: string, templated = false): Document.Parsed {
  // Aliases are never expanded by the engine (it walks nodes), so alias bombs cost nothing here.
  // Templates often write a key in both branches of an if/else: not a duplicate once rendered.
  return parseDocument(text, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: !templated });
}
