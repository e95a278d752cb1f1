// Text helpers shared by every language: offsets <-> LSP positions, line endings, applying edits.
import type { OffsetEdit, Position, Range, TextEdit } from './types';

export class LineIndex {
  private readonly starts: number[];
  private eolCache: '\n' | '\r\n' | undefined;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  /** The file's line ending, from its first line break. */
  get eol(): '\n' | '\r\n' {
    this.eolCache ??= detectEol(this.text);
    return this.eolCache;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line's content (before `\r\n` or `\n`). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    const breakLength = this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? 2 : 1;
    return Math.max(this.lineStart(line), next - breakLength);
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between `\r` and `\n` is no position in LSP: it belongs to the end of the line.
    if (clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10) clamped--;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    if (position.line < 0) return 0;
    return Math.min(this.starts[position.line] + Math.max(0, position.character), this.lineEndWithBreak(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  toTextEdit(edit: OffsetEdit): TextEdit {
    return { range: this.rangeOf(edit.start, edit.end), newText: edit.newText };
  }

  private lineEndWithBreak(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }
}

/**
 * Offsets where lines start. Like LSP and YAML, a lone `\r` ends a line too (not just `\n` and `\r\n`):
 * positions must agree with the editor's even in a file with stray carriage returns.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Applies non-overlapping offset edits; throws on overlap so that a bad fix can never corrupt text. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  return applyOffsetEdits(
    text,
    edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText })),
  );
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

/**
 * A copy of `text` that does not keep alive the string it was cut from. V8 keeps a slice of a string as a
 * pointer into its parent: a document's slice cached, or any value parsed out of it, would hold the whole
 * version of the file it came from (2 MB per keystroke on a 1,000-document file). Cost: one copy of `text`.
 */
export function detached(text: string): string {
  // The concatenation is flattened into a new string of its own before the slice is taken of it.
  return (' ' + text).slice(1);
}

/** `text` matched literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
