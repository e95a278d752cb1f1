// Regenerates the Helm goldens: renders every chart of test/fixtures/helm/charts with Go's text/template +
// Sprig (scripts/helm-golden/main.go) into test/fixtures/helm/golden/<chart>.json. Needs Go and Debian's
// golang-github-masterminds-sprig-dev and golang-github-ghodss-yaml-dev; tests never run it.
//   npx tsx scripts/helm-golden/generate.ts [chart…]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultApiVersions } from '../../server/src/engine';
import { GOLDEN_KUBE_VERSION, goldenValuesFiles } from '../../test/helm/corpus';

const root = join(__dirname, '..', '..');
const charts = join(root, 'test', 'fixtures', 'helm', 'charts');
const goldens = join(root, 'test', 'fixtures', 'helm', 'golden');

const work = mkdtempSync(join(tmpdir(), 'helm-golden-'));
const binary = join(work, 'helm-golden');
const env = { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(work, 'cache'), TZ: 'UTC' };
execFileSync('go', ['build', '-o', binary, join(__dirname, 'main.go')], { env, stdio: 'inherit' });
const apiFile = join(work, 'api-versions.txt');
writeFileSync(apiFile, `${defaultApiVersions(GOLDEN_KUBE_VERSION).join('\n')}\n`);
mkdirSync(goldens, { recursive: true });

const wanted = process.argv.slice(2);
for (const name of readdirSync(charts).sort()) {
  if (wanted.length && !wanted.includes(name)) continue;
  const dir = join(charts, name);
  if (!existsSync(join(dir, 'Chart.yaml'))) continue;
  for (const [scenario, values] of goldenValuesFiles(dir)) {
    const args = ['-chart', dir, '-api-versions', apiFile, '-kube-version', GOLDEN_KUBE_VERSION, ...values.flatMap((v) => ['-values', v])];
    const out = execFileSync(binary, args, { env, maxBuffer: 64 * 1024 * 1024 }).toString();
    const file = join(goldens, `${name}${scenario ? `.${scenario}` : ''}.json`);
    writeFileSync(file, out);
    console.log(`${file}: ${Object.keys(JSON.parse(out)).length} templates`);
  }
}
