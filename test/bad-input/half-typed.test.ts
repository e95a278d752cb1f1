// Half-typed documents: every prefix of a manifest, a Dockerfile and a Helm template, as while typing
// from the first character. Linting never throws, and every finding and fix fits the prefix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside } from '../fuzz/findingChecks';
import { DOCKERFILE, UNHARDENED_DEPLOYMENT } from '../lsp/helpers/fixtures';
import { fixtureDir } from '../harness/fixtures';

const HELM_TEMPLATE = readFileSync(join(__dirname, '..', 'fixtures', 'helm', 'mychart', 'templates', 'deployment.yaml'), 'utf8');

function everyPrefix(path: string, text: string, step = 1): void {
  // One linter for all prefixes, as in the editor: its per-document caches see every intermediate state.
  const linter = new Linter();
  for (let end = 0; end <= text.length; end += step) {
    const prefix = text.slice(0, end);
    const { findings } = linter.lint({ path, text: prefix });
    assertFindingsInside(prefix, findings, `${path} prefix of ${end} chars`);
  }
}

it('every prefix of a Deployment lints, with findings inside the prefix', () => {
  everyPrefix('/w/deployment.yaml', UNHARDENED_DEPLOYMENT);
});

it('every prefix of a Dockerfile lints, with findings inside the prefix', () => {
  everyPrefix('/w/Dockerfile', DOCKERFILE);
});

it('every prefix of a Helm template (the chart fixture) lints, with findings inside the prefix', () => {
  everyPrefix('/work/helm/mychart/templates/deployment.yaml', HELM_TEMPLATE);
});

const CORPUS = fixtureDir('test', 'fixtures', 'corpus');

it('every prefix of real files (a StatefulSet, a Dockerfile) from the corpus lints', () => {
  everyPrefix('/w/statefulset.yaml', readFileSync(join(CORPUS, 'k8s', 'k8sex-cassandra-statefulset.yaml'), 'utf8'));
  everyPrefix('/w/frontend.Dockerfile', readFileSync(join(CORPUS, 'docker', 'msdemo-frontend.Dockerfile'), 'utf8'));
});
