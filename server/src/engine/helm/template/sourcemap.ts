// Where rendered text comes from. A segment covers a range of output and names the source range it was
// copied from: literal template text, a value (or key) of a values file, or a string literal of a template action
// (`"server"` passed to an include by its caller). Output no segment covers is computed (function results, joined
// strings): its origin is unknown.

export interface SourceRange {
  /** `literal`: the characters between the quotes of a string literal in an action; never edited (Go escapes). */
  kind: 'template' | 'value' | 'key' | 'literal';
  /** Chart-relative path of the file (`templates/deployment.yaml`, `values.yaml`, `charts/x/values.yaml`). */
  file: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  source: SourceRange;
}

/** Rendered text and its segments (sorted, non-overlapping). */
export interface MappedText {
  text: string;
  segments: Segment[];
}

export function shiftSegments(segments: Segment[], by: number): Segment[] {
  return by === 0 ? segments : segments.map((s) => ({ ...s, start: s.start + by, end: s.end + by }));
}

/** Template text copied character for character: an output offset inside maps to one source offset. */
export function isLiteralCopy(s: Segment): boolean {
  return s.source.kind === 'template' && s.end - s.start === s.source.end - s.source.start;
}

/** Segments of `text.slice(from, to)`, clipped and re-based. */
export function sliceSegments(segments: Segment[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.end <= from || s.start >= to) continue;
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    // A literal copy keeps its character alignment; a value origin is the value node as a whole.
    const source = isLiteralCopy(s) ? { ...s.source, start: s.source.start + (start - s.start), end: s.source.start + (end - s.start) } : s.source;
    out.push({ start: start - from, end: end - from, source });
  }
  return out;
}

/** The segment under an output offset, if any. */
export function segmentAt(segments: Segment[], offset: number): Segment | undefined {
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = segments[mid];
    if (offset < s.start) high = mid - 1;
    else if (offset >= s.end) low = mid + 1;
    else return s;
  }
  return undefined;
}

/** The last segment that ends at or before an output offset, by index, if any. */
export function segmentIndexBefore(segments: Segment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (segments[mid].end <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * Re-maps segments through a transformation that inserts text at some offsets (indent, quote):
 * `inserts` are [offset in the old text, inserted length], sorted.
 */
export function insertIntoSegments(segments: Segment[], inserts: Array<[number, number]>): Segment[] {
  if (inserts.length === 0) return segments;
  const out: Segment[] = [];
  for (const s of segments) {
    let start = s.start;
    let shift = 0;
    for (const [at, len] of inserts) if (at <= s.start) shift += len;
    // Split the segment at each insert strictly inside it.
    for (const [at, len] of inserts) {
      if (at <= s.start || at >= s.end) continue;
      out.push(...sliceSegments([s], start, at).map((x) => ({ ...x, start: x.start + start + shift, end: x.end + start + shift })));
      start = at;
      shift += len;
    }
    out.push(...sliceSegments([s], start, s.end).map((x) => ({ ...x, start: x.start + start + shift, end: x.end + start + shift })));
  }
  return out;
}
