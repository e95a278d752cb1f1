// Across files: the Dockerfile side comes from the workspace index (`index.setDockerfile`), so these cases
// drive a Linter directly instead of the single-file rule tester.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, applyTextEdits, ruleById, type DockerfileSummary } from '../../../server/src/engine';
import { assertParses, commentsOf } from '../../harness/ruleTester';

const RULE = 'k8s/non-numeric-image-user';

const pod = (securityContext: string, image = 'registry.example.com/shop/web:1.4') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true  # seed 000
${securityContext}  containers:
  - name: web
    image: ${image}
`;

function linterWith(dockerfiles: DockerfileSummary[], settings = {}): Linter {
  const linter = new Linter(settings);
  for (const d of dockerfiles) linter.index.setDockerfile(d);
  return linter;
}

function hits(linter: Linter, text: string) {
  return linter.lint({ path: '/work/k8s/web.yaml', text }).findings.filter((f) => f.ruleId === RULE);
}

const NAMED: DockerfileSummary = { path: '/work/web/Dockerfile', user: 'appuser', uid: 10001, gid: 10001 };

describe(RULE, () => {
  it('is registered', () => assert.ok(ruleById(RULE)));

  it('reports a named USER and fixes with the UID/GID the Dockerfile assigns', () => {
    const linter = linterWith([NAMED]);
    const text = pod('');
    const found = hits(linter, text);
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line + 1, 9);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /non-numeric USER appuser \(UID 10001\)/);
    const fixed = applyTextEdits(text, found[0].fixes[0].edits);
    assert.equal(fixed, `${pod('')}    securityContext:\n      runAsUser: 10001\n      runAsGroup: 10001\n`);
    assertParses('/w.yaml', fixed);
    for (const c of commentsOf(text)) assert.ok(fixed.includes(c));
    assert.deepEqual(hits(linter, fixed), []);
  });

  it('says nothing when runAsUser is set (pod or container), or the USER is numeric, or runAsNonRoot is off', () => {
    const linter = linterWith([NAMED]);
    assert.deepEqual(hits(linter, pod('    runAsUser: 10001\n')), []);
    assert.deepEqual(hits(linter, pod('').replace('runAsNonRoot: true', 'runAsNonRoot: false')), []);
    assert.deepEqual(hits(linterWith([{ ...NAMED, user: '10001:10001' }]), pod('')), []);
  });

  it('ties images by folder name, ignoring tags, digests and registry ports; ambiguous or unknown images are skipped', () => {
    const linter = linterWith([NAMED]);
    assert.equal(hits(linter, pod('', 'localhost:5000/web@sha256:abc')).length, 1);
    assert.deepEqual(hits(linter, pod('', 'nginx:1.25')), []);
    const two = linterWith([NAMED, { path: '/work/other/web/Dockerfile', user: 'www' }]);
    assert.deepEqual(hits(two, pod('')), []);
  });

  it('the images setting overrides the folder-name convention', () => {
    const settings = { images: { 'registry.example.com/shop/web': 'services/frontend' } };
    const linter = linterWith([{ path: '/work/services/frontend/Dockerfile', user: 'node', uid: 1000 }, NAMED], settings);
    const found = hits(linter, pod(''));
    assert.equal(found.length, 1);
    assert.match(found[0].message, /services\/frontend\/Dockerfile.*USER node \(UID 1000\)/);
  });

  it('without a known UID: reported, no fix; removing the Dockerfile clears it', () => {
    const linter = linterWith([{ path: '/work/web/Dockerfile', user: 'app' }]);
    const found = hits(linter, pod(''));
    assert.equal(found.length, 1);
    assert.deepEqual(
      found[0].fixes.filter((f) => !f.title.startsWith('Suppress')),
      [],
    );
    linter.forget('/work/web/Dockerfile', true);
    assert.deepEqual(hits(linter, pod('')), []);
  });
});
