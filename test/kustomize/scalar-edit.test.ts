// A keystroke inside one value of a kustomization's file is applied to the last parse instead of parsing again
// (engine/kustomize/scalarEdit.ts). Over every YAML file of the Kustomize corpus, typing and deleting inside each
// scalar gives exactly the tree (values and every origin) a fresh parse gives, or declines and the file is parsed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseYamlDocuments, reparseKustomizeScalarEdit, type KNode } from '../../server/src/engine/testing';
import { fixtureDir } from '../harness/fixtures';

function yamlFiles(): Array<{ path: string; text: string }> {
  const dir = fixtureDir('test', 'fixtures', 'kustomize');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

function scalars(node: KNode | undefined, out: KNode[] = []): KNode[] {
  if (!node) return out;
  if (node.type === 'scalar') out.push(node);
  else if (node.type === 'seq') for (const item of node.items) scalars(item, out);
  else for (const pair of node.items) scalars(pair.value, out);
  return out;
}

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

describe('kustomize: a keystroke inside one scalar', () => {
  it('gives what a fresh parse gives, over every scalar of the corpus, or declines', () => {
    let applied = 0;
    let declined = 0;
    let quoted = 0;
    for (const { path, text } of yamlFiles()) {
      const documents = parseYamlDocuments(path, text);
      for (const scalar of documents.flatMap((d) => scalars(d.node)).slice(0, 60)) {
        const { start, end } = scalar.origin!;
        const edits = [
          splice(text, start + 1, start + 1, '7'), // after the first character
          splice(text, end - 1, end - 1, 'z'), // before the last (inside the quotes of a quoted one)
          splice(text, end, end, '9'), // appended
          splice(text, end - 2, end - 1, ''), // one character deleted
          splice(text, start + 1, end - 1, 'true'), // the inside replaced by a word of another type
        ];
        for (const after of edits) {
          if (after === text) continue;
          const incremental = reparseKustomizeScalarEdit(text, documents, after);
          if (!incremental) {
            declined++;
            continue;
          }
          applied++;
          if (/^["']/.test(text.slice(start, end))) quoted++;
          assert.deepEqual(incremental, parseYamlDocuments(path, after), `${path}: ${JSON.stringify(text.slice(start, end))} edited`);
        }
      }
    }
    console.log(`${applied} applied (${quoted} quoted), ${declined} declined`);
    assert.ok(applied > 500 && quoted > 20 && declined > 100, `${applied} applied (${quoted} quoted), ${declined} declined`);
  });

  it('declines keys, new lines, spaces in plain scalars, and files with anchors or tags', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n  note: "a b"\n';
    const documents = parseYamlDocuments('/k/cm.yaml', text);
    const at = (needle: string) => text.indexOf(needle);
    const declines = [
      splice(text, at('mode') + 2, at('mode') + 2, 'x'), // in a key
      splice(text, at('fast') + 2, at('fast') + 2, ' x'), // a space in a plain scalar
      splice(text, at('fast') + 2, at('fast') + 2, '\n'), // a new line
      splice(text, at('fast'), at('fast'), 'x'), // before the first character
      splice(text, at('"a b"') + 5, at('"a b"') + 5, 'x'), // after the closing quote
      splice(text, at('"a b"') + 2, at('"a b"') + 2, '"'), // a quote
    ];
    for (const after of declines) assert.equal(reparseKustomizeScalarEdit(text, documents, after), undefined, after);
    const typed = splice(text, at('fast') + 4, at('fast') + 4, 'er');
    assert.deepEqual(reparseKustomizeScalarEdit(text, documents, typed), parseYamlDocuments('/k/cm.yaml', typed));
    for (const special of [`${text}  other: &a x\n`, `${text}  other: !!str x\n`]) {
      const edited = splice(special, special.indexOf('fast') + 2, special.indexOf('fast') + 2, 'x');
      assert.equal(reparseKustomizeScalarEdit(special, parseYamlDocuments('/k/cm.yaml', special), edited), undefined);
    }
  });
});
