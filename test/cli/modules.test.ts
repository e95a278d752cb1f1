// Unit tests of the CLI's modules where spawning the bin would be slow or could not reach the case:
// argument defaults, SARIF helpers, file creation by fixes, unreadable and non-UTF-8 files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Linter, type Finding } from '../../server/src/engine';
import { parseCommand } from '../../server/src/hosts/cli/args';
import { CliError } from '../../server/src/hosts/cli/errors';
import { createMissingFiles } from '../../server/src/hosts/cli/fixWriter';
import { artifactLocation, pascalCase, sarifLevel, sarifRegion } from '../../server/src/hosts/cli/formatSarif';
import { formatSummary } from '../../server/src/hosts/cli/formatText';
import { lintFile } from '../../server/src/hosts/cli/lintFile';
import { NodeFileSystem } from '../../server/src/hosts/node/nodeFileSystem';
import { emptySummary } from '../../server/src/hosts/cli/reporter';
import { chooseStyle } from '../../server/src/hosts/cli/colors';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-cli-unit-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const plain = chooseStyle({ isTTY: false, noColor: false, env: {} });

describe('parseCommand', () => {
  it('defaults: text format, no fix, current directory', () => {
    const command = parseCommand(['lint']);
    assert.equal(command.kind, 'lint');
    if (command.kind !== 'lint') return;
    assert.deepEqual(command.options.patterns, ['.']);
    assert.equal(command.options.format, 'text');
    assert.equal(command.options.fix, false);
    assert.equal(command.options.maxWarnings, undefined);
    assert.deepEqual(command.options.rules, {});
  });

  it('collects repeated --rule and accepts options after paths', () => {
    const command = parseCommand(['lint', 'a.yaml', '--rule', 'k8s/run-as-non-root=off', '--rule=k8s/privileged=warning', '--kubernetes-version', 'v1.30']);
    assert.equal(command.kind, 'lint');
    if (command.kind !== 'lint') return;
    assert.deepEqual(command.options.patterns, ['a.yaml']);
    assert.deepEqual(command.options.rules, { 'k8s/run-as-non-root': 'off', 'k8s/privileged': 'warning' });
    assert.equal(command.options.kubernetesVersion, '1.30');
  });

  it('--rule harden-schema=off turns schema validation off, as its findings name it; another severity is explained', () => {
    const command = parseCommand(['lint', '--rule', 'harden-schema=off', '--rule', 'k8s/privileged=warning']);
    assert.equal(command.kind, 'lint');
    if (command.kind !== 'lint') return;
    assert.equal(command.options.schema, false);
    assert.deepEqual(command.options.rules, { 'k8s/privileged': 'warning' });
    const on = parseCommand(['lint']);
    assert.equal(on.kind === 'lint' && on.options.schema, true);
    assert.throws(() => parseCommand(['lint', '--rule', 'harden-schema=warning']), /can only be turned off \(harden-schema=off, or --no-schema\)/);
  });

  it('rejects --format sarif for `rules`', () => {
    assert.throws(() => parseCommand(['rules', '--format', 'sarif']), CliError);
  });
});

describe('SARIF helpers', () => {
  it('names rules in PascalCase and maps severities to SARIF levels', () => {
    assert.equal(pascalCase('k8s/run-as-non-root'), 'K8sRunAsNonRoot');
    assert.equal(pascalCase('harden/parse-error'), 'HardenParseError');
    assert.deepEqual(
      ['error', 'warning', 'info', 'off'].map((s) => sarifLevel(s as 'error')),
      ['error', 'warning', 'note', 'none'],
    );
  });

  it('makes regions 1-based with an exclusive end column, and ends a line-spanning range on its last line', () => {
    const lines = ['a: 1', 'b: 22', 'c: 3'];
    assert.deepEqual(sarifRegion({ start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }, lines), {
      startLine: 2,
      startColumn: 1,
      endLine: 2,
      endColumn: 6,
    });
    assert.deepEqual(sarifRegion({ start: { line: 0, character: 3 }, end: { line: 2, character: 0 } }, lines), {
      startLine: 1,
      startColumn: 4,
      endLine: 2,
      endColumn: 6,
    });
  });

  it('uses %SRCROOT%-relative URIs with forward slashes, and file URIs outside the working directory', () => {
    const cwd = path.join(os.tmpdir(), 'repo');
    assert.deepEqual(artifactLocation(path.join(cwd, 'k8s', 'my app.yaml'), cwd), { uri: 'k8s/my%20app.yaml', uriBaseId: '%SRCROOT%' });
    const outside = artifactLocation(path.join(os.tmpdir(), 'elsewhere', 'x.yaml'), cwd);
    assert.equal(outside.uriBaseId, undefined);
    assert.match(outside.uri, /^file:\/\/\/.*elsewhere\/x\.yaml$/);
  });
});

describe('text summary', () => {
  it('counts problems with singulars and the fixable hint', () => {
    const summary = { ...emptySummary(), files: 3, filesWithProblems: 1, errors: 1, warnings: 0, infos: 1, fixable: 1 };
    assert.equal(formatSummary(summary, plain), '✖ 2 problems (1 error, 0 warnings, 1 info) in 1 file; 1 fixable with --fix\n');
    assert.equal(formatSummary({ ...emptySummary(), files: 1 }, plain), '✔ No problems in 1 file\n');
    assert.equal(
      formatSummary({ ...emptySummary(), files: 2, fixesApplied: 3, filesFixed: 2 }, plain),
      '✔ Fixed 3 problems in 2 files\n✔ No problems in 2 files\n',
    );
  });
});

describe('createMissingFiles', () => {
  const finding = (fixes: Finding['fixes']): Finding => ({
    ruleId: 'docker/dockerignore',
    severity: 'warning',
    message: 'm',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    fixes,
  });

  it('creates files of preferred fixes only, and never overwrites an existing file', () => {
    const dir = tempDir();
    const existing = path.join(dir, 'existing.txt');
    fs.writeFileSync(existing, 'mine\n');
    const created = path.join(dir, 'nested', '.dockerignore');
    const notPreferred = path.join(dir, 'other.txt');
    const result = createMissingFiles([
      finding([
        {
          title: 'create',
          kind: 'safe',
          isPreferred: true,
          edits: [],
          createFiles: [
            { path: created, text: '.git\n' },
            { path: existing, text: 'theirs\n' },
          ],
        },
      ]),
      finding([{ title: 'alt', kind: 'suggestion', isPreferred: false, edits: [], createFiles: [{ path: notPreferred, text: 'x' }] }]),
    ]);
    assert.deepEqual(result, { created: [created], errors: [] });
    assert.equal(fs.readFileSync(created, 'utf8'), '.git\n');
    assert.equal(fs.readFileSync(existing, 'utf8'), 'mine\n');
    assert.equal(fs.existsSync(notPreferred), false);
  });
});

describe('lintFile', () => {
  const context = (fix: boolean) => {
    const fs = new NodeFileSystem();
    return { linter: new Linter({}, fs), fs, fix };
  };

  it('skips a path that is not a file instead of throwing; the run then fails (an I/O error, exit 2)', () => {
    const dir = tempDir();
    const notAFile = path.join(dir, 'dir.yaml');
    fs.mkdirSync(notAFile);
    const outcome = lintFile({ path: notAFile, display: 'dir.yaml' }, context(false));
    assert.equal(outcome.kind, 'skipped');
    if (outcome.kind === 'skipped') {
      assert.match(outcome.reason, /not a regular file/);
      assert.equal(outcome.failed, true);
    }
    const missing = lintFile({ path: path.join(dir, 'gone.yaml'), display: 'gone.yaml' }, context(false));
    assert.ok(missing.kind === 'skipped' && /cannot read \(no such file or directory\)/.test(missing.reason) && missing.failed);
  });

  it('lints but does not rewrite a file that is not valid UTF-8', () => {
    const dir = tempDir();
    const file = path.join(dir, 'latin1.yaml');
    const bytes = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]), // Latin-1 é: invalid UTF-8
      Buffer.from('\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27.0\n'),
    ]);
    fs.writeFileSync(file, bytes);
    const outcome = lintFile({ path: file, display: 'latin1.yaml' }, context(true));
    assert.equal(outcome.kind, 'linted');
    if (outcome.kind === 'linted') {
      assert.ok(outcome.findings.some((f) => f.ruleId === 'k8s/run-as-non-root'));
      assert.deepEqual(outcome.fix?.errors, ['not valid UTF-8; not fixed']);
    }
    assert.deepEqual(fs.readFileSync(file), bytes);
  });
});
