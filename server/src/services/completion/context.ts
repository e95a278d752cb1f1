// Where the cursor is in a Kubernetes YAML document, read from indentation alone: the document being typed
// is usually not valid YAML yet (`pdb` on an empty line, a half-written key), so the path of parent keys
// is recovered line by line instead of from a parse.
import { splitDocuments } from '../../engine';

export interface CursorContext {
  /** Text of the `---` document holding the cursor, and its first line in the file. */
  segmentText: string;
  segmentLine: number;
  /** Cursor line relative to the segment. */
  lineInSegment: number;
  /** Column where the key being typed starts (the word is replaced by the completion). */
  column: number;
  /** What is typed so far (the word before the cursor). */
  word: string;
  /** Parent keys from the root, `-` for a sequence item: `['spec', 'template', 'spec', 'containers', '-']`. */
  path: string[];
  /** Keys already present in the map the cursor is in. */
  siblings: Set<string>;
  /** The cursor is in a value (`runAsUser: |`): the key, else undefined. */
  valueOf?: string;
  /** Non-comment content before / after the cursor line in the same document. */
  contentBefore: boolean;
  contentAfter: boolean;
}

interface LineShape {
  /** Columns of the `- ` markers at the start of the line. */
  dashes: number[];
  /** Column of the first key or scalar after the markers. */
  keyColumn: number;
  key?: string;
  /** The key has no value on its line (a parent of what follows). */
  opensBlock: boolean;
}

/** LSP line breaks: `\r\n`, `\n` and a lone `\r`. */
const LINE_BREAK = /\r\n|\r|\n/;
const KEY = /^("[^"]*"|'[^']*'|[^\s#:'"][^#:]*?)[ \t]*:(?:[ \t]+|$)(.*)$/;

function shapeOf(line: string): LineShape | undefined {
  const content = line.replace(/\r$/, '');
  const trimmed = content.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  let at = content.length - trimmed.length;
  const dashes: number[] = [];
  for (let m = /^-(?: +|$)/.exec(content.slice(at)); m; m = /^-(?: +|$)/.exec(content.slice(at))) {
    dashes.push(at);
    at += m[0].length;
    if (m[0].length === 1) break;
  }
  const match = KEY.exec(content.slice(at));
  if (!match) return { dashes, keyColumn: at, opensBlock: false };
  const key = match[1].replace(/^["']|["']$/g, '');
  const rest = match[2].trim();
  return { dashes, keyColumn: at, key, opensBlock: rest === '' || rest.startsWith('#') || rest === '|' || rest === '>' };
}

function isMarker(line: string): boolean {
  return /^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%');
}

export function cursorContext(text: string, position: { line: number; character: number }): CursorContext | undefined {
  let segmentLine = 0;
  let segmentText: string | undefined;
  const segments = splitDocuments(text);
  for (const [i, segment] of segments.entries()) {
    const lines = segment.text.split(LINE_BREAK).length - 1;
    if (position.line < segmentLine + lines || i === segments.length - 1) {
      segmentText = segment.text;
      break;
    }
    segmentLine += lines;
  }
  if (segmentText === undefined) return undefined;
  const lines = segmentText.split(LINE_BREAK);
  const lineInSegment = position.line - segmentLine;
  const line = lines[lineInSegment] ?? '';
  const before = line.slice(0, position.character);
  if (isMarker(before)) return undefined;

  const keyTyped = /^([ \t]*)((?:- +)*)([\w.-]*)$/.exec(before);
  const valueTyped = /^([ \t]*)((?:- +)*)([\w.-]+)[ \t]*:[ \t]*([\w-]*)$/.exec(before);
  const match = keyTyped ?? valueTyped;
  if (!match) return undefined;
  const lead = match[1].length;
  const column = lead + match[2].length;
  const word = keyTyped ? match[3] : match[4];

  const path: string[] = [];
  const siblings = new Set<string>();
  let col = column;
  let atStart = true;
  /** After a sequence item: its owner key may sit at the dash's column (compact sequences). */
  let inSequence = false;
  if (match[2].length > 0) {
    const dashes = [...match[2].matchAll(/-/g)].map((m) => lead + m.index);
    for (let i = dashes.length - 1; i >= 0; i--) path.unshift('-');
    col = dashes[0];
    inSequence = true;
    atStart = false;
  }
  let contentBefore = false;
  for (let i = lineInSegment - 1; i >= 0; i--) {
    const raw = lines[i];
    if (isMarker(raw)) break;
    const shape = shapeOf(raw);
    if (!shape) continue;
    contentBefore = true;
    if (col === 0 && !inSequence && path.length === 0 && shape.keyColumn === 0) {
      if (shape.key && atStart) siblings.add(shape.key);
      continue;
    }
    const lastDash = shape.dashes[shape.dashes.length - 1];
    if (shape.keyColumn === col && !inSequence) {
      if (shape.key && atStart) siblings.add(shape.key);
      if (lastDash !== undefined) {
        for (let d = shape.dashes.length - 1; d >= 0; d--) path.unshift('-');
        col = shape.dashes[0];
        inSequence = true;
        atStart = false;
      }
      continue;
    }
    if (shape.keyColumn > col || (shape.keyColumn === col && inSequence && lastDash === undefined && !shape.opensBlock)) continue;
    if (lastDash !== undefined && lastDash >= col && shape.keyColumn > col) continue;
    // A parent: the key that opens the block the cursor is in.
    if (!shape.key || !shape.opensBlock) {
      if (shape.keyColumn < col || (inSequence && shape.keyColumn === col)) return undefined;
      continue;
    }
    path.unshift(shape.key);
    atStart = false;
    inSequence = false;
    col = shape.keyColumn;
    if (lastDash !== undefined) {
      for (let d = shape.dashes.length - 1; d >= 0; d--) path.unshift('-');
      col = shape.dashes[0];
      inSequence = true;
    }
    if (col === 0 && !inSequence) {
      // Keep scanning only to learn whether there is content before.
      break;
    }
  }
  // Siblings below the cursor, up to the end of the map.
  let contentAfter = false;
  for (let i = lineInSegment + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (isMarker(raw)) break;
    const shape = shapeOf(raw);
    if (!shape) continue;
    contentAfter = true;
    const first = shape.dashes[0] ?? shape.keyColumn;
    if (first < column) break;
    if (shape.dashes.length === 0 && shape.keyColumn === column && shape.key) siblings.add(shape.key);
  }
  if (!contentBefore) contentBefore = lines.slice(0, lineInSegment).some((l) => shapeOf(l) !== undefined && !isMarker(l));
  return {
    segmentText,
    segmentLine,
    lineInSegment,
    column,
    word,
    path,
    siblings,
    valueOf: keyTyped ? undefined : match[3],
    contentBefore,
    contentAfter,
  };
}
