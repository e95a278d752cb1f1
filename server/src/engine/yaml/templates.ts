// Helm (Go template) documents are not YAML. We turn them into YAML of the same length so that every
// offset still points at the user's text: whole-line actions (`{{- if … }}`, `{{ include … | nindent 4 }}`)
// become comments, and inline expressions (`image: {{ .Values.image }}`) become an opaque marker that
// the node helpers read as "unknown". Rules then judge what is written and stay silent about the rest.

import type { Node } from 'yaml';

/** Stands in for every character of an inline template expression. Invisible, printable in YAML. */
export const TEMPLATE_MARKER = '\u2060';

const EXPRESSION = /\{\{-?[\s\S]*?-?\}\}/g;
const WHOLE_VALUE = /^[ \t]*(?:-[ \t]+)?[^#{]*:[ \t]+\{\{[^}]*\}\}[ \t]*\r?$/;
const WHOLE_LINE_ACTION = /^([ \t]*)(\{\{-?[\s\S]*?-?\}\}[ \t]*)+(\r?)$/;

export interface TemplateView {
  /** Same length as the original; parseable where the original was template syntax. */
  text: string;
  /** Whole-line actions exist: maps may receive keys we cannot see, so "missing field" findings are unknowable. */
  hasKeyProducingActions: boolean;
}

export function hasTemplateSyntax(text: string): boolean {
  return text.includes('{{');
}

export function templateView(text: string): TemplateView {
  let hasKeyProducingActions = false;
  const lines = text.split('\n').map((line) => {
    if (!line.includes('{{')) return line;
    const whole = WHOLE_LINE_ACTION.exec(line);
    if (whole) {
      hasKeyProducingActions = true;
      const indent = whole[1];
      return `${indent}#${line.slice(indent.length + 1)}`;
    }
    // `key: {{ toYaml .Values.x }}` can render a whole map or list: what is under that key is unknowable.
    if (WHOLE_VALUE.test(line)) hasKeyProducingActions = true;
    return line.replace(EXPRESSION, (expr) => {
      // A comment action inside a value line is still just a comment.
      if (/^\{\{-?\s*\/\*/.test(expr)) return ' '.repeat(expr.length);
      return TEMPLATE_MARKER.repeat(expr.length);
    });
  });
  return { text: lines.join('\n'), hasKeyProducingActions };
}

/** The node's source text holds template text anywhere inside it (a key, a value, a nested item). */
export function containsTemplate(text: string, node: Node | null | undefined): boolean {
  return !!node?.range && isTemplated(text.slice(node.range[0], node.range[1]));
}

/**
 * The node's source text holds Helm template text, whose actions may write keys we cannot see; substitutions
 * (`nvidia.com/gpu: ${GPUS}`) make single values unknown, and the keys around them stay known.
 */
export function containsTemplateActions(text: string, node: Node | null | undefined): boolean {
  if (!node?.range) return false;
  return hasHelmTemplateText(text.slice(node.range[0], node.range[1]));
}

function hasHelmTemplateText(value: string): boolean {
  return value.includes(TEMPLATE_MARKER) || value.includes('{{');
}

/**
 * A shell-style substitution (`${NAME}`, `${NAME:-default}`): envsubst, Flux's post-build substitution and most CD tools
 * fill these in before the manifest is applied, so the value is as unknown as a template's (secrets.ts reads the same
 * pattern: a value made only of them holds no secret).
 */
export const SUBSTITUTION_PATTERN = String.raw`\$\{[A-Za-z_][\w.-]*(?::?[-=?+][^}]*)?\}`;
const SUBSTITUTION = new RegExp(SUBSTITUTION_PATTERN);

/** A value that comes (partly) from a template: masked, a `{{` the masking could not close, or a substitution. Unknown, then. */
export function isTemplated(value: string): boolean {
  return hasHelmTemplateText(value) || (value.includes('${') && SUBSTITUTION.test(value));
}
