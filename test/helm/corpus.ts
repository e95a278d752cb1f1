// The Helm golden corpus: real charts under test/fixtures/helm/charts, each rendered with its defaults and
// with every values file in test/fixtures/helm/scenarios/<chart>/ (one golden per scenario).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const GOLDEN_KUBE_VERSION = 'v1.32.0';
export const fixtures = join(__dirname, '..', 'fixtures', 'helm');
export const chartsDir = join(fixtures, 'charts');
export const goldenDir = join(fixtures, 'golden');

/** [scenario name ('' = defaults), values files] for a chart folder. */
export function goldenValuesFiles(chartDir: string): Array<[string, string[]]> {
  const name = chartDir.split(/[\\/]/).pop()!;
  const scenarios = join(fixtures, 'scenarios', name);
  const out: Array<[string, string[]]> = [['', []]];
  if (existsSync(scenarios)) {
    for (const file of readdirSync(scenarios).sort()) {
      if (file.endsWith('.yaml')) out.push([file.replace(/\.yaml$/, ''), [join(scenarios, file)]]);
    }
  }
  return out;
}

export function corpusCharts(): string[] {
  return readdirSync(chartsDir)
    .filter((n) => existsSync(join(chartsDir, n, 'Chart.yaml')))
    .sort();
}
