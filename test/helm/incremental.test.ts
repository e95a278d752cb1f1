// A values.yaml edit re-renders only the templates that read a value that changed (engine/helm/reuse.ts).
// For every corpus chart and a run of edits (comments that move every offset, a changed value, a new key,
// back to the start), the render that keeps outputs equals a whole render: text, source segments, errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadChart, renderChart, valuesEditOf, type RenderResult } from '../../server/src/engine/testing';
import type { HostFileSystem } from '../../server/src/engine';
import { NodeFileSystem } from '../../server/src/hosts/node/nodeFileSystem';
import { chartsDir, corpusCharts, GOLDEN_KUBE_VERSION } from './corpus';

/** Edits of a values file, each applied to the previous text. */
function edits(original: string): Array<[string, string]> {
  const scalar = /^(\s*[\w-]+: )(true|false|\d+)[ \t]*$/m.exec(original);
  const flipped = scalar
    ? original.replace(scalar[0], `${scalar[1]}${scalar[2] === 'true' ? 'false' : scalar[2] === 'false' ? 'true' : String(Number(scalar[2]) + 1)}`)
    : `${original}\nextraKey: 1\n`;
  return [
    ['a comment at the end', `${original}# harden test\n`],
    ['a comment at the top (every offset moves)', `# harden test\n${original}# harden test\n`],
    ['a value changes', `# harden test\n${flipped}# harden test\n`],
    ['a new top-level key', `hardenTestKey: 1\n# harden test\n${flipped}# harden test\n`],
    ['back to the start', original],
  ];
}

function render(dir: string, valuesText: string, previous?: { result: RenderResult; valuesBefore: string }): RenderResult {
  const disk = new NodeFileSystem();
  const valuesPath = join(dir, 'values.yaml');
  const fs: HostFileSystem = {
    exists: (p) => p === valuesPath || disk.exists(p),
    readFile: (p) => (p === valuesPath ? valuesText : disk.readFile(p)),
    listDirectory: (p) => disk.listDirectory(p),
  };
  const chart = loadChart(fs, dir)!;
  return renderChart(chart, {
    releaseName: 'release-name',
    namespace: 'default',
    kubeVersion: GOLDEN_KUBE_VERSION,
    userValues: [],
    previous: previous && { result: previous.result, edit: valuesEditOf(previous.valuesBefore, valuesText, 'values.yaml') },
  });
}

/** Charts whose values edits render every template, and why. */
const UNTRACKED: Record<string, string> = {
  'ingress-nginx': 'merge .Values.controller.image .Values.global.image writes into the values',
  redis: 'set .Values.global.redis "password" writes into the values',
  'rollout-operator': 'renders an application subchart (crds)',
};

const comparable = (result: RenderResult) => result.templates.map((t) => ({ path: t.path, output: t.output, error: t.error }));

describe('Helm: a values.yaml edit keeps the outputs it cannot change', () => {
  const tracked: string[] = [];
  for (const name of corpusCharts()) {
    it(`${name}: every edit renders what a whole render does`, () => {
      const dir = join(chartsDir, name);
      const original = readFileSync(join(dir, 'values.yaml'), 'utf8');
      let valuesBefore = original;
      let result = render(dir, original);
      if (result.reads) tracked.push(name);
      for (const [what, text] of edits(original)) {
        const kept = render(dir, text, { result, valuesBefore });
        assert.deepEqual(comparable(kept), comparable(render(dir, text)), `${name}, ${what}`);
        if (what === 'a comment at the end' && result.reads) {
          const same = kept.templates.filter((t, i) => t === result.templates[i] && t.output).length;
          assert.equal(same, result.templates.filter((t) => t.output).length, `${name}: a comment at the end keeps every output`);
        }
        result = kept;
        valuesBefore = text;
      }
    });
  }
  it('reads are tracked for every chart but those whose templates change the values or that render a subchart', () => {
    assert.deepEqual(
      corpusCharts().filter((name) => !tracked.includes(name)),
      Object.keys(UNTRACKED),
    );
  });
});
