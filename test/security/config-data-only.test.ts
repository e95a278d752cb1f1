// `.harden.yaml` is data only: YAML tags that unsafe loaders turn into code (!!js/function, !!js/eval,
// !!python/object/apply, custom tags) have no effect at all: the file means exactly what it means with
// the tags deleted, every value is plain JSON data, and a config that is then invalid is reported and
// linting goes on with the defaults. A hostile config can neither run code nor pollute objects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Linter, parseConfig } from '../../server/src/engine';
import { POD } from '../fuzz/findingChecks';

const CLI = join(__dirname, '..', '..', 'bin', 'harden.js');

describe('security: configuration files are data only', () => {
  let root: string;
  let sentinel: string;
  let hostile: string[];

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'harden-config-'));
    sentinel = join(root, 'SENTINEL');
    const touch = `require('fs').writeFileSync('${sentinel}', 'pwned')`;
    hostile = [
      `rules: !!js/function "function () { ${touch} }"\n`,
      `rules:\n  k8s/run-as-non-root: !!js/eval "${touch}"\n`,
      `ignore: !!python/object/apply:os.system ["touch ${sentinel}"]\n`,
      `kubernetesVersion: !<tag:yaml.org,2002:js/undefined> ''\n`,
      `images: !!js/regexp /x/\n`,
      `%TAG !e! tag:evil.example.com,2000:\n---\nrules: !e!exec {cmd: "touch ${sentinel}"}\n`,
      `defaults: &d {rules: {k8s/run-as-non-root: off}}\n<<: *d\n`,
      `rules:\n  k8s/cpu-limit: !!js/undefined warning\n`,
    ];
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('code tags in .harden.yaml have no effect: the same settings as without them, all plain data', () => {
    const withoutTags = (text: string) => text.replace(/!(?:!|<[^>]*>|e!)[\w/:.,-]*/g, '');
    for (const text of hostile) {
      const { config, problems } = parseConfig(text);
      assert.deepEqual(config, parseConfig(withoutTags(text)).config, text);
      assert.deepEqual(JSON.parse(JSON.stringify(config)), config, `${text}: only JSON data`);
      const { findings } = new Linter().lint({ path: '/w/.harden.yaml', text });
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        problems.length > 0 ? ['harden/invalid-config'] : [],
        text,
      );
    }
    assert.ok(!existsSync(sentinel));
  });

  it('__proto__ keys in .harden.yaml do not pollute Object.prototype', () => {
    const text = 'rules:\n  __proto__: {polluted: error}\nimages:\n  __proto__: {polluted: yes}\nworkloadKinds: {constructor: {prototype: {polluted: yes}}}\n';
    parseConfig(text);
    new Linter().lint({ path: '/w/.harden.yaml', text });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  it('the CLI lints a workspace with a hostile .harden.yaml with the defaults and runs nothing', () => {
    const workspace = join(root, 'workspace');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(join(workspace, 'pod.yaml'), POD);
    for (const [i, text] of hostile.entries()) {
      writeFileSync(join(workspace, '.harden.yaml'), text);
      const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '.'], { cwd: workspace, encoding: 'utf8' });
      assert.ok(run.status === 0 || run.status === 1, `config ${i} exited ${run.status}: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, /internal error/);
      const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> };
      const pod = report.results.find((r) => r.file.endsWith('pod.yaml'));
      if (parseConfig(text).problems.length > 0) {
        assert.match(run.stderr, /invalid configuration, linting with defaults/, `config ${i}`);
        assert.ok(
          pod?.findings.some((f) => f.ruleId === 'k8s/run-as-non-root'),
          `config ${i}: the defaults apply`,
        );
      } else {
        assert.ok(pod && pod.findings.length > 0, `config ${i}: the pod is linted`);
      }
    }
    assert.ok(!existsSync(sentinel));
  });
});
