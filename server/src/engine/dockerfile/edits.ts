// Text edits shared by the docker fixes. They keep the file's line endings, its escape character and the
// indentation of the line they insert before.
import type { OffsetEdit } from '../types';
import type { DInstruction, DockerfileModel } from './model';

/** Inserts whole lines before the line holding `offset`, indented like that line. */
export function insertLinesBefore(model: DockerfileModel, offset: number, lines: string[]): OffsetEdit {
  const lineStart = model.lines.lineStart(model.lines.positionAt(offset).line);
  const indent = /^[ \t]*/.exec(model.text.slice(lineStart, offset))![0];
  return { start: lineStart, end: lineStart, newText: lines.map((l) => indent + l + model.eol).join('') };
}

/** The start of the comment lines directly above an instruction (they describe it), else its own start. */
export function withLeadingComments(model: DockerfileModel, offset: number): number {
  const { lines, text } = model;
  let line = lines.positionAt(offset).line;
  while (line > 0 && /^[ \t]*#/.test(text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1)))) line--;
  // Parser directives (`# escape=`) at the top of the file are not comments about the instruction.
  if (line === 0 && /^#\s*(escape|syntax|check)\s*=/i.test(text)) return offset;
  return line === lines.positionAt(offset).line ? offset : lines.lineStart(line);
}

/** Appends whole lines at the end of the file, adding the missing final line break first. */
export function appendLines(model: DockerfileModel, lines: string[]): OffsetEdit {
  const { text, eol } = model;
  const lead = text.length > 0 && !text.endsWith('\n') ? eol : '';
  return { start: text.length, end: text.length, newText: lead + lines.map((l) => l + eol).join('') };
}

/** Removes an instruction with its line break (the lines of its continuations included). */
export function deleteInstruction(model: DockerfileModel, instr: DInstruction): OffsetEdit {
  const { lines } = model;
  const start = lines.lineStart(lines.positionAt(instr.start).line);
  const lastLine = lines.positionAt(instr.end).line;
  const end = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : model.text.length;
  return { start, end, newText: '' };
}

/** ` \` + line break + indent: how a fix continues a RUN onto the next line. */
export function continuation(model: DockerfileModel, indent = '    '): string {
  return ` ${model.escapeChar}${model.eol}${indent}`;
}

/** Whether a span of the file holds a comment (removing it would lose the comment). */
export function containsComment(model: DockerfileModel, start: number, end: number): boolean {
  return /(^|\n)[ \t]*#/.test(model.text.slice(start, end));
}
