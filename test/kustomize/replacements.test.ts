// kustomize's replacements where kubectl kustomize refuses the build (its messages checked with kubectl 1.32 /
// kustomize 5.5): each is one error on the line of the replacement, and the rest of the build goes on. What they
// build when they apply is checked against kubectl's output in test/fixtures/kustomize/harden-replacements*.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildKustomization, toJS } from '../../server/src/engine/testing';
import { memoryFileSystem } from './helpers';

const OBJECTS = readFileSync(join(__dirname, '..', 'fixtures', 'kustomize', 'harden-replacementsbasic', 'src', 'objects.yaml'), 'utf8');

function build(replacements: string) {
  const kustomization = `resources:\n- objects.yaml\nreplacements:\n${replacements}`;
  const result = buildKustomization(memoryFileSystem({ '/w/kustomization.yaml': kustomization, '/w/objects.yaml': OBJECTS }), '/w/kustomization.yaml', {
    roots: ['/w'],
  });
  const errors = result.problems.filter((p) => p.severity === 'error');
  return { errors: errors.map((p) => p.message), lines: errors.map((p) => kustomization.slice(0, p.start).split('\n').length), result };
}

describe('kustomize replacements that kustomize refuses', () => {
  it('a source that selects nothing, or several objects', () => {
    assert.deepEqual(build('- source: {kind: Secret, name: nope}\n  targets:\n  - select: {kind: Deployment}\n').errors, [
      'replacement source: nothing selected by kind=Secret, name=nope',
    ]);
    assert.deepEqual(build('- source: {version: v1, name: web}\n  targets:\n  - select: {kind: Deployment}\n').errors, [
      'replacement source: multiple matches for version=v1, name=web',
    ]);
  });

  it("a source field that is missing, a target field that is missing (without create), on the replacement's line", () => {
    const missingSource = build('- source: {kind: ConfigMap, name: settings, fieldPath: data.MISSING}\n  targets:\n  - select: {kind: Deployment}\n');
    assert.deepEqual(missingSource.errors, ['fieldPath "data.MISSING" is missing for replacement source kind=ConfigMap, name=settings']);
    assert.deepEqual(missingSource.lines, [4]);
    const missingTarget = build(
      '- source: {kind: ConfigMap, name: settings, fieldPath: data.PORT}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: [spec.template.spec.nothere.x]\n',
    );
    assert.deepEqual(missingTarget.errors, ['unable to find field "spec.template.spec.nothere.x" in replacement target']);
    assert.deepEqual(missingTarget.lines, [6]);
  });

  it('a source that may be in what the build left out (a remote resource) is no error; a missing field of one found is', () => {
    const remote = (replacements: string) =>
      buildKustomization(
        memoryFileSystem({
          '/w/kustomization.yaml': `resources:\n- objects.yaml\n- https://github.com/example/config//base?ref=v1\nreplacements:\n${replacements}`,
          '/w/objects.yaml': OBJECTS,
        }),
        '/w/kustomization.yaml',
        { roots: ['/w'] },
      ).problems.filter((p) => p.severity === 'error');
    assert.deepEqual(remote('- source: {kind: Secret, name: remote-secret}\n  targets:\n  - select: {kind: Deployment}\n'), []);
    assert.equal(remote('- source: {kind: ConfigMap, name: settings, fieldPath: data.MISSING}\n  targets:\n  - select: {kind: Deployment}\n').length, 1);
  });

  it('the rest of the build goes on: the objects are built, the other replacements applied', () => {
    const { errors, result } = build(
      '- source: {kind: Secret, name: nope}\n  targets:\n  - select: {kind: Deployment}\n- source: {kind: ConfigMap, name: settings, fieldPath: data.PORT}\n  targets:\n  - select: {kind: Service}\n    fieldPaths: [spec.ports.0.targetPort]\n',
    );
    assert.equal(errors.length, 1);
    const service = result.resources
      .map((r) => toJS(r.root) as { kind: string; spec?: { ports?: Array<{ targetPort: unknown }> } })
      .find((o) => o.kind === 'Service');
    assert.equal(service?.spec?.ports?.[0].targetPort, 8080);
  });
});
