// Typing inside a plain scalar of values.yaml is applied to the previous parse (engine/helm/scalarEdit.ts)
// instead of parsing the file again. For every plain scalar value of the corpus charts' values files and a
// set of edits (append, delete, replace with a number, a boolean, a word), the result equals parsing the
// edited text: the values and every recorded key and value position. Edits it does not take are parsed whole.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseValuesYaml, reparseScalarEdit, valueOrigins } from '../../server/src/engine/testing';
import { chartsDir, corpusCharts } from './corpus';

/** Values with the origins of every map and list, as one comparable tree. */
function withOrigins(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return { entries: entries.map(([k, v]) => [k, withOrigins(v)]), origins: [...(valueOrigins.get(value) ?? new Map())] };
}

const SCALAR_LINE = /^(\s*(?:- )?[\w.-]+: |\s*- )([A-Za-z0-9_/.][A-Za-z0-9._/-]*)[ \t]*(?:#.*)?$/gm;

function scalarEdits(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SCALAR_LINE)) {
    const start = m.index + m[1].length;
    const end = start + m[2].length;
    const at = (replacement: string, from = start, to = end) => text.slice(0, from) + replacement + text.slice(to);
    out.push(at('x', end, end), at('1', start, start), at('42'), at('true'), at('v2.0'), at('0x1F'));
    if (m[2].length > 1) out.push(at('', end - 1, end));
  }
  return out;
}

describe('Helm: an edit inside one plain scalar of a values file', () => {
  const files = corpusCharts()
    .map((name) => join(chartsDir, name, 'values.yaml'))
    .filter((file) => existsSync(file));

  it('gives what parsing the edited text gives, values and positions', () => {
    let taken = 0;
    let edits = 0;
    for (const file of files) {
      const before = readFileSync(file, 'utf8');
      const parsed = parseValuesYaml(before, 'values.yaml');
      for (const after of scalarEdits(before)) {
        edits++;
        const derived = reparseScalarEdit(before, parsed, after, 'values.yaml');
        if (!derived) continue;
        taken++;
        const whole = parseValuesYaml(after, 'values.yaml');
        assert.deepEqual(withOrigins(derived.value), withOrigins(whole.value), `${file}: ${JSON.stringify(after.slice(0, 0))}`);
      }
    }
    // Files with anchors, aliases, tags or merge keys are parsed whole; the others take most scalar edits.
    assert.ok(taken > 300, `${taken} of ${edits} edits applied to the previous parse`);
  });

  it('leaves to a whole parse: keys, quotes, spaces, new lines, anchors and aliases', () => {
    const base = 'a: 1\nb:\n  c: text\nd: [x, y]\n';
    const parsed = parseValuesYaml(base, 'values.yaml');
    for (const after of [
      'a2: 1\nb:\n  c: text\nd: [x, y]\n',
      'a: 1\nb:\n  c: te xt\nd: [x, y]\n',
      'a: 1\nb:\n  c: "text"\nd: [x, y]\n',
      'a: 1\nb:\n  c: te\nxt\nd: [x, y]\n',
      'a: 1\nb:\n  c: te:xt\nd: [x, y]\n',
      'a: &x 1\nb:\n  c: text\nd: [x, y]\n',
    ]) {
      assert.equal(reparseScalarEdit(base, parsed, after, 'values.yaml'), undefined, JSON.stringify(after));
    }
    const anchored = 'a: &x 1\nb: *x\n';
    assert.equal(
      reparseScalarEdit(anchored, parseValuesYaml(anchored, 'values.yaml'), 'a: &x 2\nb: *x\n', 'values.yaml'),
      undefined,
      'an alias copies the anchor',
    );
    const tagged = 'a: !!str 1\n';
    assert.equal(reparseScalarEdit(tagged, parseValuesYaml(tagged, 'values.yaml'), 'a: !!str 2\n', 'values.yaml'), undefined, 'a tag decides the type');
    const flow = reparseScalarEdit(base, parsed, 'a: 1\nb:\n  c: text\nd: [x, yes]\n', 'values.yaml');
    assert.deepEqual(flow?.value, { a: 1, b: { c: 'text' }, d: ['x', true] }, 'YAML 1.1: yes is true, inside a flow list too');
  });
});
