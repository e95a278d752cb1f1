// Minimal ANSI styling: on a terminal unless NO_COLOR is set; FORCE_COLOR (as Node and chalk read it)
// forces it on (CI logs that render colors) or, as 0/false, off; --no-color always wins.
import type { Severity } from '../../engine';

export interface Style {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const red = wrap(31, 39);
const yellow = wrap(33, 39);
const blue = wrap(34, 39);
const green = wrap(32, 39);

const COLORED: Style = {
  severity: (severity, text) => (severity === 'error' ? red : severity === 'warning' ? yellow : blue)(text),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  red,
  green,
};

const identity = (text: string) => text;
const PLAIN: Style = { severity: (_s, text) => text, dim: identity, bold: identity, red: identity, green: identity };

export function chooseStyle(options: { isTTY: boolean; noColor: boolean; env: Readonly<Record<string, string | undefined>> }): Style {
  if (options.noColor) return PLAIN;
  const force = options.env.FORCE_COLOR;
  if (force !== undefined) return force === '0' || force === 'false' ? PLAIN : COLORED;
  const disabled = options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '';
  return options.isTTY && !disabled ? COLORED : PLAIN;
}
