// Annotations: ours and every peer family, on the object or its pod template, for exactly that object.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';

function deployment(name: string, objectAnnotations: string, templateAnnotations = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${objectAnnotations ? `  annotations:\n${objectAnnotations}` : ''}spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
${templateAnnotations ? `      annotations:\n${templateAnnotations}` : ''}    spec:
      hostNetwork: true
      containers:
      - name: c
        image: c:1
        securityContext:
          privileged: true
`;
}

function findingsByObject(text: string) {
  const result = new Linter().lint({ path: '/w/d.yaml', text });
  const firstDocLines = text.split('---')[0].split('\n').length;
  const rules = (inFirst: boolean) => result.findings.filter((f) => f.range.start.line < firstDocLines === inFirst).map((f) => f.ruleId);
  return { first: rules(true), second: rules(false), suppressed: result.suppressed, all: result.findings };
}

const cases: Array<[string, string, string[]]> = [
  ['harden.dev/ignore', '    harden.dev/ignore: "k8s/privileged,k8s/host-namespaces"\n', ['k8s/privileged', 'k8s/host-namespaces']],
  ['kube-linter', '    ignore-check.kube-linter.io/privileged-container: "debug only"\n', ['k8s/privileged']],
  ['kube-linter host-network', '    ignore-check.kube-linter.io/host-network: "cni"\n', ['k8s/host-namespaces']],
  ['Polaris', '    polaris.fairwinds.com/runAsPrivileged-exempt: "true"\n', ['k8s/privileged']],
  ['Checkov', '    checkov.io/skip1: CKV_K8S_16=debug pod\n', ['k8s/privileged']],
  ['kube-score', '    kube-score/ignore: container-security-context-privileged\n', ['k8s/privileged']],
];

describe('suppression annotations', () => {
  for (const [family, annotation, silenced] of cases) {
    it(`${family}: silences exactly ${silenced.join(', ')} on that object only`, () => {
      const text = `${deployment('a', annotation)}---\n${deployment('b', '')}`;
      const { first, second, suppressed } = findingsByObject(text);
      for (const id of silenced) {
        assert.ok(!first.includes(id), `${id} silenced on the annotated object`);
        assert.ok(second.includes(id), `${id} still reported on the other object`);
      }
      assert.ok(first.includes('k8s/run-as-non-root'), 'unnamed rules still report');
      assert.ok(suppressed >= silenced.length);
    });
  }

  it('works on the pod template too', () => {
    const text = deployment('a', '', '        harden.dev/ignore: k8s/privileged\n');
    const { first } = findingsByObject(text);
    assert.ok(!first.includes('k8s/privileged'));
    assert.ok(first.includes('k8s/host-namespaces'));
  });

  it('polaris.fairwinds.com/exempt silences every rule on the object', () => {
    const { first } = findingsByObject(deployment('a', '    polaris.fairwinds.com/exempt: "true"\n'));
    assert.deepEqual(first, []);
  });

  it('reports a harden.dev/ignore entry that suppresses nothing', () => {
    const { all } = findingsByObject(deployment('a', '    harden.dev/ignore: "k8s/privileged,k8s/host-path"\n'));
    const unused = all.filter((f) => f.ruleId === 'harden/unused-suppression');
    assert.equal(unused.length, 1);
    assert.match(unused[0].message, /k8s\/host-path suppresses nothing/);
  });
});
