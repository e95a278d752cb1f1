// Rendered text back to the files it came from: a finding's place, and a fix's edits, in the template that wrote the
// text or the values file a value was printed from. An edit maps only where it holds under other values too.
import type { Range } from '../types';
import type { LineIndex } from '../text';
import type { Segment, SourceRange } from './template/sourcemap';
import { isLiteralCopy, segmentAt, segmentIndexBefore } from './template/sourcemap';
import { TPL_FILE } from './template/funcs/helm';

export interface Located {
  file: string;
  start: number;
  end: number;
}

export function lineOf(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return [start, end];
}

/**
 * Where a rendered offset comes from: a template character, or a whole values node or string literal. A literal counts
 * only in the template being rendered (the call site: `(dict "component" "server")`); one inside a shared helper
 * (`default "default" .Values.serviceAccount.name` in _helpers.tpl) is the chart's fallback for every workload, and the
 * rendered template's own line says more.
 */
function locate(segments: Segment[], offset: number, template: string, atEnd = false): Located | undefined {
  const seg = segmentAt(segments, offset) ?? (atEnd ? segmentAt(segments, offset - 1) : undefined);
  if (!seg) return undefined;
  const s = seg.source;
  if (s.kind === 'literal' && s.file !== template) return undefined;
  if (s.file === TPL_FILE) return undefined; // text `fromYaml` or `tpl` parsed: no file holds it
  // A values file given from outside the chart (`--values prod.yaml`) is not linted: the template says it instead.
  if (isOutsideChart(s.file)) return undefined;
  if (isLiteralCopy(seg)) {
    const at = s.start + (offset - seg.start);
    return { file: s.file, start: at, end: at };
  }
  return { file: s.file, start: s.start, end: s.end };
}

/**
 * The finding's range in its source file. A start in computed text falls back to the line's first literal, and a line
 * a template function computed whole (`{{ include "pod" . | fromYaml | toYaml | nindent 4 }}`, `{{ dict … | toYaml }}`)
 * to the template text written just before it: the action that printed it. A finding is never dropped for want of a
 * source: silence would pass a privileged container.
 */
export function locateRange(rendered: string, segments: Segment[], template: string, start: number, end: number): Located | undefined {
  let from = locate(segments, start, template);
  if (!from) {
    const [lineStart, lineEnd] = lineOf(rendered, start);
    for (let i = lineStart; i < lineEnd && !from; i++) if (rendered[i] !== ' ' && rendered[i] !== '-') from = locate(segments, i, template);
  }
  if (!from) from = writtenBefore(rendered, segments, template, start);
  if (!from) return undefined;
  if (from.start === from.end) {
    const to = locate(segments, Math.max(start, end), template, true);
    const sameFile = to && to.file === from.file && to.end >= from.start;
    return { file: from.file, start: from.start, end: sameFile ? Math.max(to.end, from.start) : from.start + 1 };
  }
  return from;
}

/** Segments name chart-relative files; a values file given from outside the chart keeps its absolute path. */
export function isOutsideChart(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:/.test(file);
}

/** The value or key of a values file from outside the chart that wrote the rendered text at `offset`, if one did. */
export function outsideValueAt(segments: Segment[], offset: number): SourceRange | undefined {
  const source = segmentAt(segments, offset)?.source;
  return source && isOutsideChart(source.file) ? source : undefined;
}

/** The literal copies of `file`'s text that end at or before an output offset, the nearest first. */
export function* copiesBefore(segments: Segment[], offset: number, file: string): Generator<Segment, undefined, undefined> {
  for (let i = segmentIndexBefore(segments, offset); i >= 0; i--) if (isLiteralCopy(segments[i]) && segments[i].source.file === file) yield segments[i];
}

/** The last non-blank character of the rendered template's own text before `offset`. */
function writtenBefore(rendered: string, segments: Segment[], template: string, offset: number): Located | undefined {
  for (const seg of copiesBefore(segments, offset, template)) {
    for (let at = seg.end - 1; at >= seg.start; at--) {
      if (/\s/.test(rendered[at])) continue;
      const source = seg.source.start + (at - seg.start);
      return { file: template, start: source, end: source + 1 };
    }
  }
  return undefined;
}

/**
 * Whether inserted lines that follow rendered text at `start` follow the same text in the template at `from`: at most
 * one action (the one that printed the line's end) may sit between that text and `from`. With two or more, some may
 * have rendered nothing with these values and something under others: a container's last line `{{ toYaml
 * .Values.resources }}` then `{{- with .Values.nodeSelector }}…{{- end }}` puts the file's last line break after the
 * node selector block, and lines inserted there land in the pod spec once a node selector is set.
 */
function followsItsLine(rendered: string, segments: Segment[], text: string, file: string, start: number, from: number, newText: string): boolean {
  let last = start - 1;
  while (last >= 0 && /\s/.test(rendered[last])) last--;
  if (last < 0) return true;
  const own = segmentAt(segments, last);
  const ownCopy = own !== undefined && isLiteralCopy(own) && own.source.file === file;
  const copy = ownCopy ? own : copiesBefore(segments, last, file).next().value;
  // An action that printed several lines (`{{ toYaml .Values.securityContext | nindent 12 }}`): lines inserted into
  // what it printed hold only while it prints the same (`{}`, `null` or the same key under other values break them).
  if (!ownCopy && copy && rendered.slice(copy.end, last).includes('\n') && indentOfInsert(newText) >= indentation(rendered, last)) return false;
  // Just after the line's last character when the template wrote it, else after the template text before its action.
  const after = ownCopy ? own.source.start + (last + 1 - own.start) : copy?.source.end;
  if (after === undefined || after > from) return false;
  // `env:` then `{{- if .Values.env }}{{ toYaml .Values.env | nindent 12 }}{{- end }}`: the key's value is what the
  // actions after it print; lines inserted between would take it from the key once they print something.
  if (rendered[last] === ':' && /^\s*\{\{/.test(text.slice(from))) return false;
  const between = text.slice(after, from);
  return (between.match(/\{\{/g)?.length ?? 0) <= (ownCopy ? 0 : 1);
}

/**
 * Whether template text between two offsets enters a block it does not leave (`{{ if }}` with no `{{ end }}` yet), or
 * leaves or switches (`{{ end }}`, `{{ else }}`) one it did not enter.
 */
export function crossesBlock(text: string, from: number, to: number): boolean {
  let depth = 0;
  for (const m of text.slice(from, to).matchAll(/\{\{-?\s*(if|with|range|define|block|else|end)\b/g)) {
    if (m[1] === 'else' && depth === 0) return true;
    if (m[1] === 'end') depth--;
    else if (m[1] !== 'else') depth++;
    if (depth < 0) return true;
  }
  return depth > 0;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The leading spaces of the first line of inserted text (`\n    key: v` -> 4). */
export function indentOfInsert(newText: string): number {
  const line = newText.replace(/^\r?\n/, '');
  return line.length - line.trimStart().length;
}

/** The leading spaces of the line holding `offset`. */
function indentation(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let at = lineStart;
  while (text[at] === ' ') at++;
  return at - lineStart;
}

/**
 * How many columns further right the rendered line holding `start` sits than its source line holding `from`: what the
 * `nindent`/`indent` of the include that printed a define added (0 in a template's own text). Known when the rendered
 * line's first character was copied from the first character of that source line (and, for a shift, the nearest line
 * above it copied from the same file agrees); otherwise only a line indented the same in both counts (as 0). Undefined
 * when unknown.
 */
function indentShift(rendered: string, segments: Segment[], text: string, file: string, start: number, from: number): number | undefined {
  const [lineStart, lineEnd] = lineOf(rendered, start);
  const own = lineShift(rendered, segments, text, file, lineStart, lineEnd);
  if (own === undefined || own.sourceLine !== lineOf(text, from)[0]) return indentation(text, from) === indentation(rendered, start) ? 0 : undefined;
  if (own.shift === 0) return 0;
  // The nearest non-blank line above, when the same file wrote it: a second line that says the same.
  let above = lineStart - 1;
  while (above > 0) {
    const [aboveStart, aboveEnd] = lineOf(rendered, above);
    if (rendered.slice(aboveStart, aboveEnd).trim() !== '') {
      const neighbour = lineShift(rendered, segments, text, file, aboveStart, aboveEnd);
      if (neighbour && neighbour.shift !== own.shift) return undefined;
      break;
    }
    above = aboveStart - 1;
  }
  return own.shift;
}

/** A rendered line whose first character is a copy of `file`'s text at the first character of a line there: by how much it moved right. */
function lineShift(
  rendered: string,
  segments: Segment[],
  text: string,
  file: string,
  lineStart: number,
  lineEnd: number,
): { shift: number; sourceLine: number } | undefined {
  let first = lineStart;
  while (first < lineEnd && rendered[first] === ' ') first++;
  if (first === lineEnd) return undefined;
  const seg = segmentAt(segments, first);
  if (!seg || !isLiteralCopy(seg) || seg.source.file !== file) return undefined;
  const at = seg.source.start + (first - seg.start);
  const sourceLine = text.lastIndexOf('\n', at - 1) + 1;
  if (text.slice(sourceLine, at).trim() !== '' || /\t/.test(text.slice(sourceLine, at))) return undefined;
  return { shift: first - lineStart - (at - sourceLine), sourceLine };
}

/**
 * Inserted text with `shift` fewer leading spaces on each line it starts (the first one too when it goes in at a line's
 * start); undefined when a line has fewer to give.
 */
function reindented(newText: string, shift: number, atLineStart: boolean): string | undefined {
  if (shift === 0) return newText;
  const lines = newText.split('\n');
  for (let i = atLineStart ? 0 : 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || line === '\r') continue;
    if (shift < 0) lines[i] = ' '.repeat(-shift) + line;
    else if (line.slice(0, shift).trim() === '' && line.length >= shift && !line.slice(0, shift).includes('\t')) lines[i] = line.slice(shift);
    else return undefined;
  }
  return lines.join('\n');
}

/** An edit of the rendered text as an edit of one source file, when it lands in copied text. */
export function mapEdit(
  rendered: string,
  segments: Segment[],
  sources: (file: string) => string | undefined,
  start: number,
  end: number,
  newText: string,
): (Located & { newText: string }) | undefined {
  const seg = segmentAt(segments, start) ?? (start === end ? segmentAt(segments, start - 1) : undefined);
  if (!seg || end > seg.end) return undefined;
  const s = seg.source;
  if (isLiteralCopy(seg)) {
    const from = s.start + (start - seg.start);
    const text = sources(s.file);
    // The render copied this text from the file as it is now: offsets into an older text would land anywhere.
    if (text === undefined || text.slice(s.start, s.end) !== rendered.slice(seg.start, seg.end)) return undefined;
    if (!newText.includes('\n')) return { file: s.file, start: from, end: s.start + (end - seg.start), newText };
    // Inserted lines carry the rendered indentation: the file's own is less by what the include that printed them
    // added (`nindent 4`), or the same in the template's own text.
    const shift = indentShift(rendered, segments, text, s.file, start, from);
    if (shift === undefined) return undefined;
    // Whole lines inserted at a line's start carry their indentation; text inserted within a line continues it, at a
    // column as much further right in the rendered text (after a line's end, its column does not matter).
    const atLineStart = column(rendered, start) === 0 && column(text, from) === 0;
    if (!atLineStart && !newText.startsWith('\n') && column(rendered, start) - column(text, from) !== shift) return undefined;
    const own = reindented(newText, shift, atLineStart);
    if (own === undefined) return undefined;
    // Whole lines inserted before a line the template writes, after its own line break, go with that line whatever
    // renders above it (a comment or key before `- name: app`, below a `{{- with .Values.extraContainers }}` block).
    const beforeOwnLine = start > seg.start && rendered[start - 1] === '\n' && !newText.startsWith('\n') && newText.endsWith('\n');
    if (!beforeOwnLine && !followsItsLine(rendered, segments, text, s.file, start, from, newText)) return undefined;
    return { file: s.file, start: from, end: s.start + (end - seg.start), newText: own };
  }
  if (s.kind === 'value' && start === seg.start && end === seg.end && !newText.includes('\n')) {
    return { file: s.file, start: s.start, end: s.end, newText };
  }
  return undefined;
}

export function toRange(index: LineIndex, start: number, end: number): Range {
  return { start: index.positionAt(start), end: index.positionAt(end) };
}

/** Words a fix may well write on its own, whatever a template computes (YAML's booleans and nulls). */
const COMMON_WORDS = /^(?:true|false|null|yes|no|on|off)$/i;

/**
 * What the template computed in its output: the release name, the namespace, a values file's value, an include's
 * result. Words of 4 characters or more, each at most once.
 */
export function computedWords(rendered: string, segments: readonly Segment[]): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.split(/[\s"':,{}[\]]+/)) if (word.length >= 4 && !COMMON_WORDS.test(word)) words.add(word);
  };
  let at = 0;
  for (const s of segments) {
    if (s.start > at) add(rendered.slice(at, s.start));
    if (s.source.kind === 'value' || s.source.kind === 'key') add(rendered.slice(s.start, s.end));
    at = Math.max(at, s.end);
  }
  if (at < rendered.length) add(rendered.slice(at));
  return words;
}

/**
 * Whether text a fix inserts into a template copies something the template computed (`release-name`, `default`, a
 * port from values): written as a literal there, it would hold for this render only (another release, namespace or
 * values file would get the wrong name, selector or port).
 */
export function copiesComputed(newText: string, computed: ReadonlySet<string>): boolean {
  for (const word of computed) if (newText.includes(word)) return true;
  return false;
}
