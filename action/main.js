// Entry point of the Harden GitHub Action (action.yml). Small and dependency-free on purpose: it installs
// the published harden-lint package (the bundled CLI, no build of Harden's sources), runs it once for the
// numbers and the annotations (JSON), once for the log in the chosen format and, if asked, once for SARIF,
// then sets the step's outputs and fails it by the `fail-on` threshold.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PACKAGE = 'harden-lint';
const RANK = { info: 1, warning: 2, error: 3 };

/** The value of an input as GitHub passes it (INPUT_<NAME>, upper case, spaces as underscores). */
function input(name) {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Workflow-command escaping (as @actions/core does it). */
const escapeData = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (file) fs.appendFileSync(file, `${name}=${value}\n`);
}

function fail(message, code) {
  process.stdout.write(`::error title=Harden::${escapeData(message)}\n`);
  process.exitCode = code;
}

/** Installs harden-lint (the action's own version unless `version` says otherwise) and returns its CLI. */
function installCli() {
  const own = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;
  const wanted = input('version') || own;
  const spec = /\.tgz$|^[./]/.test(wanted) ? path.resolve(wanted) : `${PACKAGE}@${wanted}`;
  const prefix = fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'harden-lint-'));
  fs.writeFileSync(path.join(prefix, 'package.json'), '{"private":true}\n');
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: prefix, encoding: 'utf8', shell: process.platform === 'win32' });
  if (npm.status !== 0) throw new Error(`npm install ${spec} failed: ${npm.stderr || npm.error}`);
  return path.join(prefix, 'node_modules', PACKAGE, 'bin', 'harden.js');
}

function main() {
  const cwd = process.env.GITHUB_WORKSPACE || process.cwd();
  const paths = input('paths').split(/\s+/).filter(Boolean);
  const failOn = input('fail-on') || 'error';
  if (!(failOn in RANK) && failOn !== 'none') return fail(`fail-on must be error, warning, info or none, not '${failOn}'`, 2);
  const common = ['lint', ...(paths.length > 0 ? paths : ['.']), ...(input('config') ? ['--config', input('config')] : [])];
  const cli = installCli();
  const run = (args, stdio) => spawnSync(process.execPath, [cli, ...common, ...args], { cwd, encoding: 'utf8', stdio, maxBuffer: 1024 ** 3 });

  // 1. The numbers and the annotations.
  const reportFile = path.join(fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'harden-report-')), 'report.json');
  const json = run(['--format', 'json', '--output', reportFile], ['ignore', 'ignore', 'pipe']);
  if (json.status === 2 || !fs.existsSync(reportFile)) return fail(json.stderr.trim() || 'harden could not lint the paths', 2);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const { file, findings } of report.results) {
    for (const finding of findings) {
      counts[finding.severity]++;
      if (input('annotations') === 'false') continue;
      const { start, end } = finding.range;
      const command = finding.severity === 'info' ? 'notice' : finding.severity;
      const where = [`file=${escapeProperty(file.split(path.sep).join('/'))}`, `line=${start.line + 1}`, `endLine=${end.line + 1}`];
      if (start.line === end.line) where.push(`col=${start.character + 1}`, `endColumn=${end.character + 1}`);
      process.stdout.write(`::${command} ${where.join(',')},title=${escapeProperty(finding.ruleId)}::${escapeData(finding.message)}\n`);
    }
  }

  // 2. The report for people, in the log; 3. SARIF for code scanning.
  const format = input('format') || 'text';
  run(['--format', format], ['ignore', 'inherit', 'inherit']);
  const sarifFile = input('sarif-file');
  if (sarifFile) {
    const sarif = run(['--format', 'sarif', '--output', path.resolve(cwd, sarifFile)], ['ignore', 'ignore', 'pipe']);
    if (sarif.status === 2) return fail(sarif.stderr.trim(), 2);
    setOutput('sarif-file', sarifFile);
  }

  setOutput('errors', counts.error);
  setOutput('warnings', counts.warning);
  setOutput('infos', counts.info);
  setOutput('files', report.results.length);
  const worst = Object.keys(counts).filter((severity) => counts[severity] > 0).sort((a, b) => RANK[b] - RANK[a])[0];
  if (failOn !== 'none' && worst && RANK[worst] >= RANK[failOn]) {
    fail(`${counts.error} errors, ${counts.warning} warnings, ${counts.info} info; fail-on is ${failOn}`, 1);
  }
}

try {
  main();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), 2);
}
