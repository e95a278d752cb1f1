// A YAML file kept as its `---` documents (the segments splitDocuments cuts), for an editor. An edit replaces
// the documents it touches and moves the offsets of the others; the whole text is joined only when someone
// asks for it. In a 1,000-document file (1.27 MB) a keystroke then neither copies the file nor leaves a
// whole-file string behind: such a string is a large object that only a full GC frees, and the server's
// memory grew by the file's size with every keystroke until one ran.
// Lines and offsets follow vscode-languageserver-textdocument (`\r\n`, `\r` and `\n` end a line; a character
// past a line's end stops before it), so that an editor's positions mean the same here.
import { splitDocuments, type YamlSegment } from './documents';

interface Piece {
  /** Offset in the whole text. */
  start: number;
  text: string;
  /** The line it starts on (a segment always starts a line). */
  line: number;
  /** Line breaks in `text`. */
  breaks: number;
}

const LF = 10;
const CR = 13;

export class SegmentedText {
  private pieces: Piece[] = [];
  private joined: string | undefined;
  private segmentList: readonly YamlSegment[] | undefined;

  constructor(text: string) {
    this.reset(text);
  }

  get length(): number {
    const last = this.pieces[this.pieces.length - 1];
    return last.start + last.text.length;
  }

  get lineCount(): number {
    const last = this.pieces[this.pieces.length - 1];
    return last.line + last.breaks + 1;
  }

  /** The documents, as `splitDocuments(this.text())` would give them. */
  segments(): readonly YamlSegment[] {
    return (this.segmentList ??= this.pieces.map((piece) => ({ start: piece.start, text: piece.text })));
  }

  /** The whole text (joined on first need after an edit). */
  text(): string {
    return (this.joined ??= this.pieces.length === 1 ? this.pieces[0].text : this.pieces.map((piece) => piece.text).join(''));
  }

  /** The offset of a position, clamped as vscode-languageserver-textdocument's `offsetAt` clamps it. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.lineCount) return this.length;
    const piece = this.pieces[this.pieceOnLine(line)];
    const lineStart = nthLineStart(piece.text, line - piece.line);
    if (character <= 0) return piece.start + lineStart;
    const nextLineStart = line < piece.line + piece.breaks ? nthLineStart(piece.text, 1, lineStart) : piece.text.length;
    let offset = Math.min(lineStart + character, nextLineStart);
    while (offset > lineStart && isEol(piece.text.charCodeAt(offset - 1))) offset--;
    return piece.start + offset;
  }

  /** Replaces the text between two offsets. */
  replace(start: number, end: number, newText: string): void {
    const first = Math.max(0, this.pieceAt(start) - 1);
    const last = Math.min(this.pieces.length - 1, this.pieceAt(end) + 1);
    const base = this.pieces[first].start;
    const old = this.pieces.slice(first, last + 1).map((piece) => piece.text);
    const joinedOld = old.join('');
    const edited = joinedOld.slice(0, start - base) + newText + joinedOld.slice(end - base);
    // `%` directives glue a document to the next one (splitDocuments merges them): cut the whole text again.
    if (mayHoldDirective(edited) || old.some(mayHoldDirective)) {
      this.reset(this.text().slice(0, start) + newText + this.text().slice(end));
      return;
    }
    // The documents around the edited ones keep their `---` lines, so cutting this stretch alone cuts it as the
    // whole text would be cut (a marker at its very start is not a cut there either, as at the file's start).
    const replaced: Piece[] = [];
    let line = this.pieces[first].line;
    for (const segment of splitDocuments(edited)) {
      const breaks = countBreaks(segment.text);
      replaced.push({ start: base + segment.start, text: segment.text, line, breaks });
      line += breaks;
    }
    const shift = newText.length - (end - start);
    const lineShift = line - (this.pieces[last].line + this.pieces[last].breaks);
    for (let i = last + 1; i < this.pieces.length; i++) {
      this.pieces[i].start += shift;
      this.pieces[i].line += lineShift;
    }
    this.pieces.splice(first, last - first + 1, ...replaced);
    this.joined = undefined;
    this.segmentList = undefined;
  }

  private reset(text: string): void {
    let line = 0;
    this.pieces = splitDocuments(text).map((segment) => {
      const breaks = countBreaks(segment.text);
      const piece = { start: segment.start, text: segment.text, line, breaks };
      line += breaks;
      return piece;
    });
    this.joined = text;
    this.segmentList = undefined;
  }

  /** The last piece starting at or before `offset`. */
  private pieceAt(offset: number): number {
    return this.lastPieceWhere((piece) => piece.start <= offset);
  }

  /** The last piece starting on or before `line`. */
  private pieceOnLine(line: number): number {
    return this.lastPieceWhere((piece) => piece.line <= line);
  }

  /** Binary search: the last piece for which `before` holds (it holds for the first piece, then stops holding). */
  private lastPieceWhere(before: (piece: Piece) => boolean): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (before(this.pieces[mid])) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

function isEol(code: number): boolean {
  return code === LF || code === CR;
}

function mayHoldDirective(text: string): boolean {
  return text.startsWith('%') || text.includes('\n%') || text.includes('\r%');
}

/** Where the `n`-th line after the one starting at `from` starts (`\r\n`, `\r` and `\n` end a line). */
function nthLineStart(text: string, n: number, from = 0): number {
  let at = from;
  for (let found = 0; found < n; found++) {
    while (at < text.length && !isEol(text.charCodeAt(at))) at++;
    if (at >= text.length) return text.length;
    at += text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
  }
  return at;
}

function countBreaks(text: string): number {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isEol(code)) continue;
    if (code === CR && text.charCodeAt(i + 1) === LF) i++;
    breaks++;
  }
  return breaks;
}
