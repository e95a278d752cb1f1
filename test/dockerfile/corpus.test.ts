// Every real Dockerfile of the shared benchmark corpus lints without a crash, with the findings reviewed
// by hand (see docs/rules/docker/README.md, "Real-world results").
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { fixtureDir } from '../harness/fixtures';

const corpus = fixtureDir('test', 'fixtures', 'corpus', 'docker');

/** Reviewed findings per file (`rule@line`), default settings, no .dockerignore. */
const EXPECTED: Record<string, string[]> = {
  'argocd.Dockerfile': ['docker/combine-run@74', 'docker/dockerignore@132'],
  'istio-bookinfo-reviews.Dockerfile': ['docker/dockerignore@20'],
  // `ADD files /` copies a folder of the repository: COPY (a suggestion: the name does not say it is no archive).
  'k8sex-cassandra.Dockerfile': ['docker/user-missing@15', 'docker/add-instead-of-copy@39'],
  'moby-windows.Dockerfile': ['docker/dockerignore@311'],
  'moby.Dockerfile': [
    'docker/image-tag@50',
    'docker/combine-run@63',
    'docker/combine-run@64',
    'docker/package-cache@64',
    // ADD of the CRIU repository's Release.key (an apt trust anchor) over HTTPS without --checksum.
    'docker/add-instead-of-copy@68',
    // Build stages that cd into cloned sources (info: deliberate there, WORKDIR would be cleaner).
    'docker/cd-in-run@134',
    'docker/cd-in-run@189',
    'docker/cd-in-run@199',
    'docker/cd-in-run@208',
    'docker/user-fixed-uid@472',
    'docker/combine-run@476',
    'docker/combine-run@478',
    'docker/combine-run@479',
    'docker/combine-run@482',
    // Follows a RUN with the same two apt cache mounts: mergeable.
    'docker/combine-run@518',
    'docker/dockerignore@633',
    'docker/user-missing@648',
  ],
  'msdemo-cartservice.Dockerfile': ['docker/dockerignore@25'],
  'msdemo-frontend.Dockerfile': ['docker/dockerignore@26', 'docker/user-missing@32', 'docker/image-tag@32'],
  // FROM …busybox…:latest; USER nobody (UID 65534 in busybox): correct.
  'node_exporter.Dockerfile': ['docker/image-tag@3', 'docker/user-numeric@20'],
  'php-8.2-bookworm-apache.Dockerfile': [
    'docker/user-missing@7',
    'docker/combine-run@93',
    'docker/combine-run@96',
    'docker/cd-in-run@135',
    // (The `cd /` at 257 returns from the cd at 184: not reported.)
    'docker/cd-in-run@184',
    // find | awk | sort | xargs dpkg-query | … | xargs apt-mark manual under debian:bookworm-slim's dash:
    // a failing find or dpkg-query is hidden (the SHELL bash fix is a suggestion: pipefail may fail this step).
    'docker/pipefail@264',
    'docker/combine-run@288',
  ],
};

describe('real-world corpus', () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('Dockerfile'));
  for (const file of files) {
    it(`${file} lints without a crash, with the reviewed findings`, () => {
      const text = readFileSync(join(corpus, file), 'utf8');
      const linter = new Linter({ rules: { 'docker/image-digest': 'warning' } });
      const all = linter.lint({ path: `/corpus/${file}`, text }).findings;
      const docker = all.filter((f) => f.ruleId.startsWith('docker/') && f.ruleId !== 'docker/image-digest');
      assert.deepEqual(
        docker.map((f) => `${f.ruleId}@${f.range.start.line + 1}`),
        EXPECTED[file] ?? [],
      );
      // Every fix applies cleanly.
      const fixed = linter.fixAll({ path: `/corpus/${file}`, text });
      assert.ok(fixed.text.length > 0);
    });
  }
});
