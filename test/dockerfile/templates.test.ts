import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIX_KINDS, Linter } from '../../server/src/engine';

// Templates that generate Dockerfiles (docker-library `Dockerfile.template`, dotnet-docker `eng/dockerfile-templates`).
describe('Dockerfile templates', () => {
  const linter = new Linter({});
  const lint = (text: string) => linter.lint({ path: '/work/Dockerfile.template', text }).findings.filter((f) => f.ruleId.startsWith('docker/'));

  it('reports nothing on lines with template syntax', () => {
    const text = 'FROM {{ .variants[env.variant].from }}\nARG ACCESSTOKEN}}\nRUN echo hi\nUSER 1000\n';
    assert.deepEqual(
      lint(text).map((f) => `${f.range.start.line + 1} ${f.ruleId}`),
      [],
    );
  });

  it('still reports literal lines, without fixes', () => {
    const text = 'FROM alpine:3.20\n{{ if .dev }}RUN apk add git{{ end }}\nRUN wget -O - https://example.com/x.tgz | tar -xz\nUSER 1000\n';
    const findings = lint(text);
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`),
      ['3 docker/pipefail'],
    );
    assert.deepEqual(
      findings.flatMap((f) => f.fixes.filter((x) => !x.suppression)),
      [],
    );
    assert.equal(linter.fixAll({ path: '/work/Dockerfile.template', text }, { kinds: FIX_KINDS }).text, text);
  });

  it('lints a Dockerfile without templates as before', () => {
    const text = 'FROM alpine:3.20\nRUN wget -O - https://example.com/x.tgz | tar -xz\nUSER 1000\n';
    assert.ok(lint(text).some((f) => f.ruleId === 'docker/pipefail' && f.fixes.some((x) => !x.suppression)));
  });
});
