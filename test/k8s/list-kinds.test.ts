// `kind: List` and typed lists (`DeploymentList`): kubectl applies every item as a top-level object, so
// every item is linted as one, with positions in the file and fixes that edit the item.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits, Linter } from '../../server/src/engine';
import { memoryFs } from '../harness/ruleTester';

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: bad
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
`;

const TYPED_LIST = `apiVersion: apps/v1
kind: DeploymentList
items:
  - metadata:
      name: web
      annotations:
        harden.dev/ignore: k8s/image-tag
    spec:
      template:
        spec:
          containers:
            - name: app
              image: nginx
  - metadata:
      name: api
    spec:
      template:
        spec:
          containers:
            - name: app
              image: api
`;

function lint(text: string) {
  return new Linter({}, memoryFs()).lint({ path: '/work/list.yaml', text }).findings;
}

function at(findings: ReturnType<typeof lint>, ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);
}

describe('List kinds', () => {
  it('lints every item of a kind: List as a top-level object, at its own lines', () => {
    const findings = lint(LIST);
    assert.deepEqual(at(findings, 'k8s/privileged'), ['14:25']);
    assert.deepEqual(at(findings, 'k8s/host-namespaces'), ['9:20']);
    assert.deepEqual(at(findings, 'k8s/image-tag'), ['12:18']);
  });

  it('fixes edit the item in place', () => {
    const fix = lint(LIST)
      .find((f) => f.ruleId === 'k8s/privileged')!
      .fixes.find((f) => !f.suppression)!;
    const fixed = applyTextEdits(LIST, fix.edits);
    assert.ok(!/privileged: true/.test(fixed), fixed);
    assert.deepEqual(at(lint(fixed), 'k8s/privileged'), []);
    assert.equal(fixed.split('\n').slice(0, 12).join('\n'), LIST.split('\n').slice(0, 12).join('\n'));
  });

  it('items of a typed list take the kind and apiVersion from the list; annotations silence their own item only', () => {
    const findings = lint(TYPED_LIST);
    assert.deepEqual(at(findings, 'k8s/image-tag'), ['21:22']);
    assert.equal(at(findings, 'k8s/run-as-non-root').length, 2);
  });

  it('an empty List, or one whose items are not objects, is silent', () => {
    assert.deepEqual(lint('apiVersion: v1\nkind: List\nitems: []\n'), []);
    assert.deepEqual(lint('apiVersion: v1\nkind: List\nitems:\n  - just text\n'), []);
  });
});
