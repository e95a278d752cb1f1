// Fixes are worked out when first read (code actions, --fix, reports listing them), not while linting: a lint
// builds no YAML edit and converts no offset to a position for them. Reading `finding.fixes` builds them once.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LineIndex, Linter, lintKustomizations } from '../../server/src/engine';
import { YamlEditor } from '../../server/src/engine/testing';
import { memoryFileSystem } from '../kustomize/helpers';

const EDITOR_METHODS = ['set', 'merge', 'addToSeq', 'addAllToSeq', 'replaceScalar', 'removePair', 'removeSeqItem'] as const;

/** Counts the calls of YamlEditor's edit methods and of LineIndex.toTextEdit (fix edits to positions). */
function spy(): { calls: () => number; restore: () => void } {
  let calls = 0;
  const restores: Array<() => void> = [];
  const wrap = (proto: object, name: string) => {
    const target = proto as Record<string, unknown>;
    const original = target[name] as (...args: unknown[]) => unknown;
    target[name] = function (this: unknown, ...args: unknown[]) {
      calls++;
      return original.apply(this, args);
    };
    restores.push(() => (target[name] = original));
  };
  for (const name of EDITOR_METHODS) wrap(YamlEditor.prototype, name);
  wrap(LineIndex.prototype, 'toTextEdit');
  return { calls: () => calls, restore: () => restores.forEach((r) => r()) };
}

const deployment = (name: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  replicas: 1',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: nginx:1.27',
    '          ports:',
    '            - containerPort: 8080',
    '',
  ].join('\n');

describe('fixes are worked out on first read', () => {
  let probe: ReturnType<typeof spy>;
  beforeEach(() => (probe = spy()));
  afterEach(() => probe.restore());

  it('a lint builds no fix; reading finding.fixes does, once', () => {
    const text = `${deployment('a')}---\n${deployment('b')}`;
    const { findings } = new Linter().lint({ path: '/w/app.yaml', text });
    const fixable = findings.filter((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.equal(fixable.length, 2);
    assert.equal(probe.calls(), 0, 'no YAML edit and no fix position built while linting');

    // The second document's findings were moved down (shiftFindings): still unread.
    const second = fixable[1];
    assert.ok(second.range.start.line > 19);
    const fixes = second.fixes;
    const built = probe.calls();
    assert.ok(built > 0, 'reading fixes builds them');
    assert.equal(second.fixes, fixes, 'the same array on the second read');
    assert.equal(probe.calls(), built, 'nothing built again');
    assert.equal(fixes[0].title, 'Set allowPrivilegeEscalation: false');
    assert.ok(
      fixes[0].edits.every((e) => e.range.start.line > 19),
      'edits in the second document, where it sits',
    );
    assert.ok(fixes.some((f) => f.suppression));
    // Only that finding's fixes were built.
    assert.ok(built < 10, `${built} calls for one finding`);

    // Consumers see an ordinary property: JSON, spreads and keys include it.
    assert.deepEqual(Object.keys(fixable[0]), ['ruleId', 'severity', 'message', 'range', 'fixes']);
    assert.ok(JSON.stringify(fixable[0]).includes('"fixes":[{"title":"Set allowPrivilegeEscalation: false"'));
    assert.deepEqual({ ...fixable[0] }.fixes, fixable[0].fixes);
  });

  it('an edit that moves a document keeps its findings unread, and their fixes follow it', () => {
    const linter = new Linter();
    const text = `${deployment('a')}---\n${deployment('b')}`;
    const before = linter.lint({ path: '/w/app.yaml', text }).findings;
    const after = linter.lint({ path: '/w/app.yaml', text: `# a comment\n${text}` }).findings;
    assert.equal(probe.calls(), 0);
    const moved = after.filter((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    const original = before.filter((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.deepEqual(
      moved.map((f) => f.fixes.map((fix) => fix.edits.map((e) => e.range.start.line))),
      original.map((f) => f.fixes.map((fix) => fix.edits.map((e) => e.range.start.line + 1))),
    );
  });

  it("the Kustomize lint of a base leaves the built objects' fixes unread", () => {
    const fs = memoryFileSystem({
      '/w/base/kustomization.yaml': 'resources:\n  - app.yaml\n',
      '/w/base/app.yaml': deployment('app'),
      '/w/dev/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: dev-\n',
      '/w/prod/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: prod-\n',
    });
    const { byFile } = lintKustomizations(['/w/dev/kustomization.yaml', '/w/prod/kustomization.yaml'], new Linter().getSettings(), fs);
    const findings = byFile.get('/w/base/app.yaml') ?? [];
    const fixable = findings.find((f) => f.ruleId === 'k8s/allow-privilege-escalation');
    assert.ok(fixable);
    assert.equal(probe.calls(), 0, 'no fix built by the Kustomize lint');
    // Asked for, the fixes come from the base file linted on its own.
    assert.equal(fixable.fixes[0]?.title, 'Set allowPrivilegeEscalation: false');
    assert.ok(probe.calls() > 0);
  });
});
