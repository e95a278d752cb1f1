// The fuzzer's own copy of a document, with LSP text semantics: positions are UTF-16 code units and a
// line ends at `\r\n`, `\r` or `\n` (as in VS Code and vscode-languageserver-textdocument). Diagnostics and
// code-action edits are checked against it.
import type { Position, Range } from 'vscode-languageserver-protocol';

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  while (cr !== -1 || lf !== -1) {
    let end: number;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      end = lf === cr + 1 ? lf + 1 : cr + 1;
    } else {
      end = lf + 1;
    }
    starts.push(end);
    if (cr !== -1 && cr < end) cr = text.indexOf('\r', end);
    if (lf !== -1 && lf < end) lf = text.indexOf('\n', end);
  }
  return starts;
}

export class MirrorText {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    this.starts ??= lineStartsOf(this.text);
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Length of a line's content, without its line break. */
  lineLength(line: number): number {
    const starts = this.lineStarts;
    const start = starts[line];
    let end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end - start;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(offset - starts[low], this.lineLength(low)) };
  }

  /** The offset of a position that must be valid (see `isValidPosition`). */
  offsetAt(position: Position): number {
    return this.lineStarts[position.line] + position.character;
  }

  isValidPosition(position: Position): boolean {
    return (
      Number.isInteger(position.line) &&
      Number.isInteger(position.character) &&
      position.line >= 0 &&
      position.line < this.lineCount &&
      position.character >= 0 &&
      position.character <= this.lineLength(position.line)
    );
  }

  /** Why a range is not inside the text, or undefined when it is. */
  rangeProblem(range: Range): string | undefined {
    for (const [name, position] of [
      ['start', range.start],
      ['end', range.end],
    ] as const) {
      if (!this.isValidPosition(position)) {
        const line = position.line >= 0 && position.line < this.lineCount ? ` (that line has ${this.lineLength(position.line)} characters)` : '';
        return `${name} ${position.line}:${position.character} is outside the document (${this.lineCount} lines)${line}`;
      }
    }
    if (this.offsetAt(range.start) > this.offsetAt(range.end)) return `start ${fmt(range.start)} is after end ${fmt(range.end)}`;
    return undefined;
  }

  /** Applies edits whose ranges refer to this text (non-overlapping, any order); throws if one does not fit. */
  applyEdits(edits: ReadonlyArray<{ range: Range; newText: string }>): string {
    const offsets = edits.map((edit) => {
      const problem = this.rangeProblem(edit.range);
      if (problem) throw new Error(`edit ${fmtRange(edit.range)}: ${problem}`);
      return { start: this.offsetAt(edit.range.start), end: this.offsetAt(edit.range.end), newText: edit.newText };
    });
    offsets.sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let cursor = 0;
    for (const edit of offsets) {
      if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
      out += this.text.slice(cursor, edit.start) + edit.newText;
      cursor = edit.end;
    }
    return out + this.text.slice(cursor);
  }
}

export function fmt(position: Position): string {
  return `${position.line}:${position.character}`;
}

export function fmtRange(range: Range): string {
  return `${fmt(range.start)}-${fmt(range.end)}`;
}
