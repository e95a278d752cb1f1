// Issue 4's "done when" items for the probe, graceful-shutdown and Service rules, on the seeds' own examples.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Linter, applyTextEdits } from '../../server/src/engine';
import { commentsOf } from '../harness/ruleTester';

const DEMO = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', '002-demo.yaml'), 'utf8');

const PROBE_AND_SHUTDOWN_RULES = [
  'k8s/readiness-probe',
  'k8s/liveness-probe',
  'k8s/startup-probe',
  'k8s/probe-port',
  'k8s/prestop-hook',
  'k8s/termination-grace-period',
  'k8s/misplaced-field',
];

// Seed 002, section 一: "a better way is to wait until every tcp connection is closed" - with `preStop:` at the
// indentation of `lifecycle:`, as the seed prints it.
const PRESTOP_EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
spec:
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
      - name: my-app
        image: my-app:v3
        # 添加下面这部分
        lifecycle:
        preStop:
            exec:
              command:
              - /bin/sh
              - -c
              - "while [ $(netstat -plunt | grep tcp | wc -l | xargs) -ne 0 ]; do sleep 1; done"
`;

const DAEMONSET_AND_SERVICE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
      - name: agent
        image: agent:1.4
---
apiVersion: v1
kind: Service
metadata:
  name: my-daemonset-service
spec:
  selector:
    app: node-agent
  ports:
  - port: 80
`;

function lint(text: string, path = '/w/app.yaml') {
  return new Linter().lint({ path, text }).findings;
}

describe('probes, graceful shutdown and Services on the seed 002 demo', () => {
  it('the seed 002 demo gets no probe or graceful-shutdown findings', () => {
    const hits = lint(DEMO).filter((f) => PROBE_AND_SHUTDOWN_RULES.includes(f.ruleId));
    assert.deepEqual(
      hits.map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message}`),
      [],
    );
  });

  it("seed 002's preStop example gets k8s/misplaced-field, and its fix (a suggestion) produces lifecycle.preStop", () => {
    const hits = lint(PRESTOP_EXAMPLE).filter((f) => f.ruleId === 'k8s/misplaced-field');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].range.start.line + 1, 16);
    assert.equal(hits[0].severity, 'error');
    const fix = hits[0].fixes.find((f) => f.title === 'Move preStop under lifecycle');
    assert.ok(fix, 'the move');
    // Not applied in bulk: the hook takes effect and its wait delays every shutdown (as k8s/prestop-hook's own fix).
    assert.ok(!fix.isPreferred, 'a suggestion, not a safe fix');
    const fixed = applyTextEdits(PRESTOP_EXAMPLE, fix.edits);
    const [doc] = parseAllDocuments(fixed);
    assert.deepEqual(doc.errors, []);
    const container = doc.toJS().spec.template.spec.containers[0];
    assert.deepEqual(Object.keys(container.lifecycle), ['preStop']);
    assert.equal(container.lifecycle.preStop.exec.command[0], '/bin/sh');
    assert.equal('preStop' in container, false);
    for (const comment of commentsOf(PRESTOP_EXAMPLE)) assert.ok(fixed.includes(comment), comment);
    assert.deepEqual(
      lint(fixed).filter((f) => f.ruleId === 'k8s/misplaced-field'),
      [],
    );
  });

  it('a DaemonSet and a Service selecting it: k8s/daemonset-traffic-policy, fixed with internalTrafficPolicy: Local', () => {
    const hits = lint(DAEMONSET_AND_SERVICE).filter((f) => f.ruleId === 'k8s/daemonset-traffic-policy');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].range.start.line + 1, 23);
    const fixed = applyTextEdits(DAEMONSET_AND_SERVICE, hits[0].fixes[0].edits);
    const service = parseAllDocuments(fixed)[1].toJS();
    assert.equal(service.spec.internalTrafficPolicy, 'Local');
    assert.deepEqual(
      lint(fixed).filter((f) => f.ruleId === 'k8s/daemonset-traffic-policy'),
      [],
    );
  });

  it('the DaemonSet may live in another file of the workspace', () => {
    const [daemonSet, service] = DAEMONSET_AND_SERVICE.split('---\n');
    const linter = new Linter();
    linter.indexFile({ path: '/w/ds.yaml', text: daemonSet });
    const ids = (text: string) => linter.lint({ path: '/w/svc.yaml', text }).findings.map((f) => f.ruleId);
    assert.ok(ids(service).includes('k8s/daemonset-traffic-policy'));
    linter.forget('/w/ds.yaml', true);
    assert.ok(!ids(service).includes('k8s/daemonset-traffic-policy'));
  });
});
