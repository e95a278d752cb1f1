// Renders a built object as block YAML for the linter. Faster than a general YAML printer (this runs for
// every object of every overlay on each edit): strings are plain when unambiguous, else JSON-quoted (a valid
// YAML double-quoted scalar), so the text parses back to exactly the same data.
import type { KNode, Scalar } from './tree';

const PLAIN = /^[A-Za-z_/.][A-Za-z0-9_./@+=-]*(?: [A-Za-z0-9_./@+=()-]+)*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan|[0-9][0-9_]*(?:\.[0-9]*)?(?:e[-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+|\.[0-9]+))$/i;

function scalarText(value: Scalar): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (typeof value === 'boolean') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function keyText(key: string): string {
  return PLAIN.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key);
}

export function renderYaml(node: KNode): string {
  const out: string[] = [];
  if (node.type === 'scalar' || node.items.length === 0) writeLeaf(node, out);
  else writeNested(node, '', out);
  return out.join('');
}

/** A scalar, `{}` or `[]`, ending the current line. */
function writeLeaf(node: KNode, out: string[]): void {
  out.push(node.type === 'scalar' ? `${scalarText(node.value)}\n` : node.type === 'map' ? '{}\n' : '[]\n');
}

// A map in a list item: its first key goes on the `- ` line, the others below at the item's indent.
function writeFirstInline(map: Extract<KNode, { type: 'map' }>, indent: string, out: string[]): void {
  map.items.forEach((pair, i) => {
    if (i > 0) out.push(indent);
    out.push(`${keyText(pair.key)}:`);
    writeValue(pair.value, `${indent}  `, out);
  });
}

function writeValue(value: KNode, indent: string, out: string[]): void {
  if (value.type === 'scalar' || value.items.length === 0) {
    out.push(' ');
    writeLeaf(value, out);
    return;
  }
  out.push('\n');
  writeNested(value, indent, out);
}

function writeNested(node: KNode, indent: string, out: string[]): void {
  if (node.type === 'map') {
    for (const pair of node.items) {
      out.push(indent, `${keyText(pair.key)}:`);
      writeValue(pair.value, `${indent}  `, out);
    }
  } else if (node.type === 'seq') {
    for (const item of node.items) {
      out.push(indent, '- ');
      if (item.type === 'scalar' || item.items.length === 0) writeLeaf(item, out);
      else if (item.type === 'map') writeFirstInline(item, `${indent}  `, out);
      else {
        out.push('\n');
        writeNested(item, `${indent}  `, out);
      }
    }
  }
}
