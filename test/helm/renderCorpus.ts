// Renders a corpus chart with Harden's engine, as the golden test and the golden maker see it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeFileSystem } from '../../server/src/hosts/node/nodeFileSystem';
import { loadChart, parseValuesYaml, renderChart } from '../../server/src/engine/testing';
import type { RenderResult } from '../../server/src/engine/testing';
import { GOLDEN_KUBE_VERSION, chartsDir } from './corpus';

export function renderCorpusChart(name: string, valuesFiles: string[] = []): RenderResult {
  const chart = loadChart(new NodeFileSystem(), join(chartsDir, name));
  if (!chart) throw new Error(`${name}: no Chart.yaml`);
  const userValues = valuesFiles.map((f) => {
    const parsed = parseValuesYaml(readFileSync(f, 'utf8'), f);
    if (parsed.error) throw new Error(`${f}: ${parsed.error.message}`);
    return parsed.value as Record<string, unknown>;
  });
  return renderChart(chart, { releaseName: 'release-name', namespace: 'default', kubeVersion: GOLDEN_KUBE_VERSION, userValues });
}
