// The CI report formats against their published schemas (test/fixtures/report-schemas, see SOURCES.md):
// GitLab Code Quality against the schema GitLab's own parser validates with (plus the fields its docs
// require), JUnit XML against the Jenkins xUnit plugin's junit-10.xsd.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { XsdValidator } from '../harness/xsd';
import { ensureCliBundle, REPO } from './helpers/cliBundle';
import { hardenInProcess as harden, removeTempDirs, tempDir } from './helpers/run';

const SCHEMAS = path.join(REPO, 'test', 'fixtures', 'report-schemas');

const FILES = {
  'k8s/pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: "quotes & <brackets>"
spec:
  containers:
    - name: shell
      image: busybox
      bogus: 1
      securityContext:
        privileged: true
`,
  'k8s/broken.yaml': 'apiVersion: v1\nkind: [Pod\n',
  Dockerfile: 'FROM ubuntu\nRUN apt-get update\n',
  'clean/Dockerfile': 'FROM alpine:3.20\nUSER 10001\n',
  'binary.yaml': Buffer.from([0x61, 0x00, 0x62]),
};

interface CodeQualityIssue {
  type: string;
  check_name: string;
  description: string;
  severity: string;
  fingerprint: string;
  categories: string[];
  location: { path: string; lines: { begin: number; end: number } };
}

before(ensureCliBundle);
after(removeTempDirs);

describe('--format gitlab (Code Quality)', () => {
  it("every issue validates against GitLab's schema and has the documented fields, with unique fingerprints", async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'gitlab-codeclimate.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const dir = tempDir(FILES);
    const run = await harden(dir, ['lint', '--format', 'gitlab']);
    assert.equal(run.status, 1, run.stderr);
    const issues = JSON.parse(run.stdout) as CodeQualityIssue[];
    assert.ok(Array.isArray(issues) && issues.length > 10);
    for (const issue of issues) {
      assert.ok(validate(issue), JSON.stringify(validate.errors));
      assert.equal(issue.type, 'issue');
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity), issue.severity);
      assert.ok(issue.check_name.length > 0 && issue.description.length > 0);
      assert.ok(fs.existsSync(path.join(dir, issue.location.path)), `path relative to the job's folder: ${issue.location.path}`);
      assert.ok(issue.location.lines.begin >= 1 && issue.location.lines.end >= issue.location.lines.begin);
    }
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
    const privileged = issues.find((i) => i.check_name === 'k8s/privileged');
    assert.deepEqual(
      [privileged?.severity, privileged?.categories, privileged?.location.path, privileged?.location.lines.begin],
      ['major', ['Security'], 'k8s/pod.yaml', 11],
    );
    const schemaIssue = issues.find((i) => i.check_name === 'harden-schema');
    assert.deepEqual([schemaIssue?.description, schemaIssue?.severity, schemaIssue?.location.lines.begin], ['Property bogus is not allowed.', 'minor', 9]);
    assert.ok(issues.some((i) => i.check_name === 'harden/parse-error' && i.location.path === 'k8s/broken.yaml'));
  });

  it('the schema check can fail: an issue without a fingerprint is rejected', async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'gitlab-codeclimate.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.equal(validate({ description: 'x', severity: 'minor', location: { path: 'a', lines: { begin: 1 } } }), false);
  });

  it('a clean run is an empty array', async () => {
    const run = await harden(tempDir({ Dockerfile: 'FROM alpine:3.20\nUSER 10001\n' }), ['lint', '--format', 'gitlab', '--rule', 'docker/image-digest=off']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });
});

describe('--format junit', () => {
  const xsd = () => new XsdValidator(fs.readFileSync(path.join(SCHEMAS, 'junit-10.xsd'), 'utf8'));

  it('validates against junit-10.xsd: a suite per file, a failure per finding, a passing case per clean file, an error per file not linted', async () => {
    const dir = tempDir(FILES);
    const run = await harden(dir, ['lint', '--format', 'junit']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(xsd().validate(run.stdout), []);

    const json = JSON.parse((await harden(dir, ['lint', '--format', 'json'])).stdout) as { results: Array<{ file: string; findings: unknown[] }> };
    const failures = [...run.stdout.matchAll(/<failure /g)].length;
    assert.equal(
      failures,
      json.results.reduce((sum, r) => sum + r.findings.length, 0),
    );
    for (const result of json.results) {
      const suite = new RegExp(
        `<testsuite name="${result.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" tests="(\\d+)" failures="${result.findings.length}" errors="0"`,
      );
      assert.match(run.stdout, suite, result.file);
    }
    assert.match(run.stdout, /<testcase name="clean\/Dockerfile" classname="clean\/Dockerfile" time="0"\/>/);
    assert.match(
      run.stdout,
      /<testsuite name="harden: files not linted" tests="1" failures="0" errors="1"[^>]*>\s*<testcase name="binary\.yaml"[^>]*>\s*<error message="binary file">/,
    );
    // Characters XML must escape stay readable once parsed.
    assert.match(run.stdout, /quotes &amp; &lt;brackets&gt;|&quot;/);
  });

  it('the XSD check can fail: a testsuite without its required counts is rejected', async () => {
    const problems = xsd().validate('<testsuites><testsuite name="x"><testcase name="y"/></testsuite></testsuites>');
    assert.ok(
      problems.some((p) => /missing required attribute tests/.test(p)),
      problems.join('\n'),
    );
    assert.ok(xsd().validate('<testsuites><testcase name="y"/></testsuites>').length > 0, 'a testcase outside a suite');
  });
});
