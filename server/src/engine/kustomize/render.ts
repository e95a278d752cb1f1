// Renders a built object as block YAML for the linter. Faster than a general YAML printer (this runs for
// every object of every overlay on each edit): strings are plain when unambiguous, else JSON-quoted (a valid
// YAML double-quoted scalar), so the text parses back to exactly the same data.
import { Document, Pair, Scalar as YamlScalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { rememberStyle } from '../yaml/style';
import type { KNode, Scalar } from './tree';

const PLAIN = /^[A-Za-z_/.][A-Za-z0-9_./@+=-]*(?: [A-Za-z0-9_./@+=()-]+)*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan|[0-9][0-9_]*(?:\.[0-9]*)?(?:e[-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+|\.[0-9]+))$/i;

// The same keys and values come back in every object of every overlay: their renderings are remembered.
const MAX_REMEMBERED = 5000;
const rendered = new Map<string, string>();

function stringText(value: string): string {
  let text = rendered.get(value);
  if (text === undefined) {
    text = PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
    if (value.length <= 200) {
      if (rendered.size >= MAX_REMEMBERED) rendered.clear();
      rendered.set(value, text);
    }
  }
  return text;
}

function scalarText(value: Scalar): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (typeof value === 'boolean') return String(value);
  return stringText(value);
}

function keyText(key: string): string {
  return stringText(key);
}

const RENDERED_STYLE = { eol: '\n', indent: 2, seqIndent: 2, dashPad: 2 } as const;

export function renderYaml(node: KNode): string {
  return renderDocument(node, '').text;
}

/**
 * The text of one `---` document (after `prefix`, e.g. `---\n`) and the parse of it, built while writing
 * (every node with the range the YAML parser would give it), so that linting it needs no parse.
 */
export function renderDocument(node: KNode, prefix: string): { text: string; doc: Document.Parsed } {
  const out = new Emitter();
  out.push(prefix);
  const contents = node.type === 'scalar' || node.items.length === 0 ? leaf(node, out) : nested(node, '', out);
  const text = out.text();
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = contents as Document.Parsed['contents'];
  doc.range = [0, text.length, text.length];
  if (prefix) doc.directives.docStart = true;
  // What detectStyle would find: maps and block lists indented by 2 from their key, `- ` items.
  rememberStyle(doc, RENDERED_STYLE);
  return { text, doc };
}

class Emitter {
  private readonly parts: string[] = [];
  pos = 0;
  push(text: string): void {
    this.parts.push(text);
    this.pos += text.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

/** A scalar, `{}` or `[]`, ending the current line. */
function leaf(node: KNode, out: Emitter): Node {
  const start = out.pos;
  let result: Node;
  if (node.type === 'scalar') {
    const text = scalarText(node.value);
    const scalar = new YamlScalar(node.value);
    scalar.type = text.startsWith('"') ? 'QUOTE_DOUBLE' : 'PLAIN';
    out.push(text);
    scalar.range = [start, out.pos, out.pos + 1];
    result = scalar;
  } else {
    const collection = node.type === 'map' ? new YAMLMap() : new YAMLSeq();
    collection.flow = true;
    out.push(node.type === 'map' ? '{}' : '[]');
    collection.range = [start, out.pos, out.pos + 1];
    result = collection;
  }
  out.push('\n');
  return result;
}

function key(text: string, out: Emitter): YamlScalar {
  const rendered = keyText(text);
  const scalar = new YamlScalar(text);
  scalar.type = rendered.startsWith('"') ? 'QUOTE_DOUBLE' : 'PLAIN';
  const start = out.pos;
  out.push(rendered);
  scalar.range = [start, out.pos, out.pos];
  return scalar;
}

function value(node: KNode, indent: string, out: Emitter): Node {
  if (node.type === 'scalar' || node.items.length === 0) {
    out.push(' ');
    return leaf(node, out);
  }
  out.push('\n');
  return nested(node, indent, out);
}

/** A block collection starting on a new line at `indent`. */
function nested(node: Extract<KNode, { type: 'map' | 'seq' }>, indent: string, out: Emitter): Node {
  const start = out.pos + indent.length;
  if (node.type === 'map') {
    const map = new YAMLMap();
    for (const pair of node.items) {
      out.push(indent);
      const k = key(pair.key, out);
      out.push(':');
      map.items.push(new Pair(k, value(pair.value, `${indent}  `, out)));
    }
    map.range = [start, out.pos, out.pos];
    return map;
  }
  const seq = new YAMLSeq();
  for (const item of node.items) {
    out.push(indent);
    out.push('- ');
    if (item.type === 'scalar' || item.items.length === 0) seq.items.push(leaf(item, out));
    else if (item.type === 'map') seq.items.push(inlineMap(item, `${indent}  `, out));
    else {
      out.push('\n');
      seq.items.push(nested(item, `${indent}  `, out));
    }
  }
  seq.range = [start, out.pos, out.pos];
  return seq;
}

// A map in a list item: its first key goes on the `- ` line, the others below at the item's indent.
function inlineMap(node: Extract<KNode, { type: 'map' }>, indent: string, out: Emitter): Node {
  const map = new YAMLMap();
  const start = out.pos;
  node.items.forEach((pair, i) => {
    if (i > 0) out.push(indent);
    const k = key(pair.key, out);
    out.push(':');
    map.items.push(new Pair(k, value(pair.value, `${indent}  `, out)));
  });
  map.range = [start, out.pos, out.pos];
  return map;
}

/**
 * Just the text renderDocument writes (no parse): cheaper, to find the objects whose rendering is unchanged
 * since the last lint (their parse is reused).
 */
export function renderText(node: KNode, prefix: string): string {
  const parts: string[] = [prefix];
  if (node.type === 'scalar' || node.items.length === 0) leafText(node, parts);
  else nestedText(node, '', parts);
  return parts.join('');
}

function leafText(node: KNode, parts: string[]): void {
  parts.push(node.type === 'scalar' ? scalarText(node.value) : node.type === 'map' ? '{}' : '[]', '\n');
}

function valueText(node: KNode, indent: string, parts: string[]): void {
  if (node.type === 'scalar' || node.items.length === 0) {
    parts.push(' ');
    leafText(node, parts);
    return;
  }
  parts.push('\n');
  nestedText(node, indent, parts);
}

function nestedText(node: Extract<KNode, { type: 'map' | 'seq' }>, indent: string, parts: string[]): void {
  if (node.type === 'map') {
    for (const pair of node.items) {
      parts.push(indent, keyText(pair.key), ':');
      valueText(pair.value, `${indent}  `, parts);
    }
    return;
  }
  for (const item of node.items) {
    parts.push(indent, '- ');
    if (item.type === 'scalar' || item.items.length === 0) leafText(item, parts);
    else if (item.type === 'map') {
      item.items.forEach((pair, i) => {
        if (i > 0) parts.push(`${indent}  `);
        parts.push(keyText(pair.key), ':');
        valueText(pair.value, `${indent}    `, parts);
      });
    } else {
      parts.push('\n');
      nestedText(item, `${indent}  `, parts);
    }
  }
}
