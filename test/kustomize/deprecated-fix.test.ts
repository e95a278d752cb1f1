// kustomize/deprecated-field's safe fixes: written as a careful person would (no stray blank lines), and offered
// wherever kubectl builds the same objects from the rewrite (a patch file deleting list items).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyTextEdits, DEFAULT_SETTINGS, lintKustomizations, selectFix, type HostFileSystem } from '../../server/src/engine';
import { buildKustomization, toJS } from '../../server/src/engine/testing';
import { diskFileSystem, memoryFileSystem, normaliseObjects, parseYamlStream } from './helpers';

const RULE = 'kustomize/deprecated-field';
const TOP = '/w/app/kustomization.yaml';
const BASE = {
  '/w/base/kustomization.yaml': 'resources:\n- cm.yaml\n',
  '/w/base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n',
  '/w/app/cm2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
};

/** The kustomization with every safe fix of the rule applied. */
function safelyFixed(fs: HostFileSystem, top: string, roots: string[]): string {
  const findings = lintKustomizations([top], DEFAULT_SETTINGS, fs, { roots }).byFile.get(top) ?? [];
  const edits = findings.filter((f) => f.ruleId === RULE).flatMap((f) => selectFix(f, { kinds: ['safe'] })?.edits ?? []);
  return applyTextEdits(fs.readFile(top)!, edits);
}

const fixedText = (text: string) => safelyFixed(memoryFileSystem({ ...BASE, [TOP]: text }), TOP, ['/w']);

describe('kustomize/deprecated-field safe fixes', () => {
  it('bases appended to resources: the blank lines around bases leave one, not two (argocd-example-apps pre-post-sync)', () => {
    assert.equal(fixedText('namePrefix: x-\n\nbases:\n- ../base\n\nresources:\n- cm2.yaml\n'), 'namePrefix: x-\n\nresources:\n- cm2.yaml\n- ../base\n');
    assert.equal(fixedText('resources:\n- cm2.yaml\n\nbases:\n- ../base\n'), 'resources:\n- cm2.yaml\n- ../base\n');
    assert.equal(fixedText('bases:\n- ../base\n\nresources:\n- cm2.yaml\n'), 'resources:\n- cm2.yaml\n- ../base\n');
    // Not set apart by blank lines: nothing more goes.
    assert.equal(fixedText('resources:\n- cm2.yaml\n\nbases:\n- ../base\nnamePrefix: x-\n'), 'resources:\n- cm2.yaml\n- ../base\n\nnamePrefix: x-\n');
  });

  it('commonLabels appended to labels: no stray blank line either', () => {
    assert.equal(
      fixedText('resources:\n- cm2.yaml\nlabels:\n- pairs: {tier: web}\n\ncommonLabels:\n  app: web\n\nnamePrefix: x-\n'),
      'resources:\n- cm2.yaml\nlabels:\n- pairs: {tier: web}\n- includeSelectors: true\n  pairs:\n    app: web\n\nnamePrefix: x-\n',
    );
  });

  it('patchesStrategicMerge with `$patch: delete` of list items and of a map inside: a safe fix, kubectl builds the same (golden)', () => {
    const src = join(__dirname, '..', 'fixtures', 'kustomize', 'harden-psmlistitemdelete', 'src');
    const top = join(src, 'app', 'kustomization.yaml');
    const disk = diskFileSystem();
    const after = safelyFixed(disk, top, [src]);
    assert.equal(after, 'namePrefix: x-\n\nresources:\n- ../base\n\npatches:\n- path: drop-items.yaml\n');
    const fixedFs: HostFileSystem = { exists: (path) => disk.exists(path), readFile: (path) => (path === top ? after : disk.readFile(path)) };
    const result = buildKustomization(fixedFs, top, { roots: [src] });
    assert.deepEqual(
      result.problems.filter((p) => p.severity === 'error'),
      [],
    );
    const expected = normaliseObjects(parseYamlStream(readFileSync(join(src, '..', 'expected.yaml'), 'utf8')));
    assert.deepEqual(normaliseObjects(result.resources.map((r) => toJS(r.root))), expected);
  });

  it('patchesStrategicMerge deleting a whole object keeps no safe fix', () => {
    const files = {
      ...BASE,
      '/w/app/drop.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n$patch: delete\n',
      [TOP]: 'resources:\n- ../base\npatchesStrategicMerge:\n- drop.yaml\n',
    };
    assert.equal(safelyFixed(memoryFileSystem(files), TOP, ['/w']), files[TOP]);
  });
});
