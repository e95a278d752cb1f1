// Harden's Helm renderer against Go's: every template of every corpus chart (and scenario values file)
// renders byte-equal to the golden made by scripts/helm-golden (Go text/template + Sprig + Helm's
// functions). Templates Harden cannot render the same way are listed below with the reason; the list
// must be exact, so a fixed one has to be removed from it and a new one cannot slip in.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { chartsDir, corpusCharts, goldenDir, goldenValuesFiles } from './corpus';
import { renderCorpusChart } from './renderCorpus';
import type { RenderError } from '../../server/src/engine/testing';

const UNSUPPORTED: Record<string, string> = {
  'nginx/templates/tls-secret.yaml': 'genCA/genSignedCert create random keys and certificates: not reproducible, not implemented',
};

/** Go's innermost `template: <chart>/templates/x.yaml:12:5:` (an include chain ends where it failed) is Harden's place. */
function sameErrorPlace(chart: string, goError: string, error: RenderError | undefined): boolean {
  if (!error) return false;
  const m = [...goError.matchAll(/template: [^/\s]+\/(\S+?):(\d+):\d+:/g)].at(-1);
  if (!m) return true;
  if (m[1] !== error.path) return false;
  const text = readFileSync(join(chartsDir, chart, error.path), 'utf8');
  return text.slice(0, error.offset).split('\n').length === Number(m[2]);
}

interface Golden {
  output?: string;
  error?: string;
}

const totals = { equal: 0, templates: 0 };
const mismatched: string[] = [];

describe('Helm rendering equals Go text/template + Sprig (goldens)', () => {
  const charts = corpusCharts();
  it('has a corpus', () => assert.ok(charts.length >= 8, `charts: ${charts.join(', ')}`));

  for (const chart of charts) {
    for (const [scenario, values] of goldenValuesFiles(join(chartsDir, chart))) {
      const label = scenario ? `${chart} (${scenario})` : chart;
      it(label, () => {
        const file = join(goldenDir, `${chart}${scenario ? `.${scenario}` : ''}.json`);
        assert.ok(existsSync(file), `missing golden ${basename(file)}: run npx tsx scripts/helm-golden/generate.ts ${chart}`);
        const golden: Record<string, Golden> = JSON.parse(readFileSync(file, 'utf8'));
        const rendered = new Map(renderCorpusChart(chart, values).templates.map((t) => [t.name, t]));
        assert.deepEqual([...rendered.keys()].sort(), Object.keys(golden).sort(), 'the same templates render');
        for (const [name, want] of Object.entries(golden)) {
          totals.templates++;
          const got = rendered.get(name)!;
          const same = want.error !== undefined ? sameErrorPlace(chart, want.error, got.error) : got.output?.text === want.output;
          if (same) totals.equal++;
          else if (!scenario) mismatched.push(name);
          if (!same && !(name in UNSUPPORTED)) {
            if (want.error !== undefined) assert.fail(`${name}: Go fails (${want.error}), Harden renders`);
            if (got.error) assert.fail(`${name}: Harden fails: ${got.error.message}`);
            assert.equal(got.output?.text, want.output, name);
          }
        }
      });
    }
  }

  it('lists exactly the templates that differ', () => {
    assert.deepEqual(mismatched.sort(), Object.keys(UNSUPPORTED).sort());
    console.log(`# Helm goldens: ${totals.equal}/${totals.templates} templates byte-equal (${((100 * totals.equal) / totals.templates).toFixed(1)}%)`);
  });
});
