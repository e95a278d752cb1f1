// The foundation issue's "done when" list, checked on the engine (the CLI tests check it through `--fix`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Linter, allRules } from '../../server/src/engine';
import { EVERY_FIX, commentsOf } from '../harness/ruleTester';

const UNHARDENED = `# Unhardened: no securityContext anywhere, no resources.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels:
        app: shop
    spec:
      initContainers:
      - name: migrate   # runs the schema migration
        image: shop-migrate:1.4
      containers:
      - name: web
        image: shop-web:1.4
        ports:
        - containerPort: 8080
      - name: metrics   # exporter
        image: exporter:0.9
`;

// The Pod Security rules of the registry's first section.
const POD_SECURITY_RULES = [
  'k8s/run-as-non-root',
  'k8s/run-as-user',
  'k8s/allow-privilege-escalation',
  'k8s/read-only-root-filesystem',
  'k8s/drop-all-capabilities',
  'k8s/dangerous-capabilities',
  'k8s/privileged',
  'k8s/seccomp-profile',
  'k8s/host-namespaces',
  'k8s/host-path',
  'k8s/host-ports',
  'k8s/host-process',
  'k8s/proc-mount',
  'k8s/unsafe-sysctls',
  'k8s/selinux-options',
  'k8s/apparmor-profile',
  'k8s/volume-types',
  'k8s/automount-service-account-token',
  'k8s/default-service-account',
];

const PER_CONTAINER_RULES = [
  'k8s/run-as-non-root',
  'k8s/run-as-user',
  'k8s/allow-privilege-escalation',
  'k8s/read-only-root-filesystem',
  'k8s/drop-all-capabilities',
  'k8s/seccomp-profile',
  'k8s/resource-requests',
  'k8s/memory-limit',
];

describe('per-container security rules: findings, fix-all and the hardened seed 002 Deployment', () => {
  it('reports one finding per container for each default-on security-context and resource rule', () => {
    const { findings } = new Linter().lint({ path: '/w/shop.yaml', text: UNHARDENED });
    for (const id of PER_CONTAINER_RULES) {
      const meta = allRules.find((r) => r.meta.id === id)?.meta;
      assert.ok(meta, `${id} registered`);
      assert.notEqual(meta.defaultSeverity, 'off');
      const lines = findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line + 1);
      assert.deepEqual(lines, [16, 19, 23], `${id}: one finding on each container's name line`);
    }
  });

  it('fix-all leaves none of them, keeps comments, parses, and is idempotent', () => {
    const linter = new Linter();
    // runAsUser takes the UID of the images' Dockerfiles: without them there is no value to write.
    for (const image of ['shop-migrate', 'shop-web', 'exporter'])
      linter.indexFile({ path: `/w/${image}/Dockerfile`, text: 'FROM debian:12\nRUN useradd --uid 10001 app\nUSER 10001:10001\n' });
    const fixed = linter.fixAll({ path: '/w/shop.yaml', text: UNHARDENED }, EVERY_FIX);
    for (const doc of parseAllDocuments(fixed.text)) assert.deepEqual(doc.errors, []);
    for (const comment of commentsOf(UNHARDENED)) assert.ok(fixed.text.includes(comment), comment);
    const left = fixed.remaining.filter((f) => PER_CONTAINER_RULES.includes(f.ruleId));
    assert.deepEqual(
      left.map((f) => f.ruleId),
      [],
    );
    const again = linter.fixAll({ path: '/w/shop.yaml', text: fixed.text }, EVERY_FIX);
    assert.equal(again.text, fixed.text);
    assert.equal(again.applied, 0);
  });

  it('the hardened Deployment of seed 002 gets no warning or error from the security-context rules', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', '002-demo.yaml'), 'utf8');
    const { findings } = new Linter().lint({ path: '/w/002-demo.yaml', text });
    const securityIds = new Set(POD_SECURITY_RULES);
    const serious = findings.filter((f) => f.severity !== 'info' && securityIds.has(f.ruleId));
    assert.deepEqual(
      serious.map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
    assert.ok(
      findings.some((f) => f.ruleId === 'k8s/run-as-user' && f.severity === 'info'),
      'info-level advice remains',
    );
  });

  it('pod-level runAsNonRoot: true satisfies every container that does not override it', () => {
    const text = UNHARDENED.replace(
      '    spec:\n      initContainers:',
      '    spec:\n      securityContext:\n        runAsNonRoot: true\n      initContainers:',
    ).replace(
      '      - name: metrics   # exporter\n        image: exporter:0.9\n',
      '      - name: metrics   # exporter\n        image: exporter:0.9\n        securityContext:\n          runAsNonRoot: false\n',
    );
    const { findings } = new Linter().lint({ path: '/w/shop.yaml', text });
    const hits = findings.filter((f) => f.ruleId === 'k8s/run-as-non-root');
    assert.equal(hits.length, 1, 'only the overriding container');
    assert.match(hits[0].message, /"metrics".*runAsNonRoot: false/);
  });
});
