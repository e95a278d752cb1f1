// Tests of the `harden` CLI on real files in temporary directories: exit codes, the report formats and --fix.
// Most run its `runCli` in this process (no Node start-up per run); 'the bin' spawns bin/harden.js with
// dist/cli.js bundled from the sources (as `npm run build` does) and checks that the process gives the same
// report and exit status.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { ensureCliBundle } from './helpers/cliBundle';
import { hardenInProcess, type Run } from './helpers/run';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/harden.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const UNHARDENED = `# Web frontend: deliberately unhardened
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # keep this name
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        # the main container
        - name: web
          image: nginx:1.27.0
          ports:
            - containerPort: 8080 # http

        - name: sidecar
          image: busybox:1.36.1
`;

const HARDENED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: api
          image: registry.example.com/api:1.0.0
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            capabilities:
              drop: [ALL]
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 128Mi
`;

const PRIVILEGED = HARDENED.replace('privileged: false', 'privileged: true');
const NOT_KUBERNETES = 'replicaCount: 2\nimage:\n  tag: 1.0.0\n';

interface JsonFindingShape {
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixes: Array<{ title: string; kind: string; isPreferred: boolean }>;
}

interface JsonReportShape {
  version: number;
  results: Array<{ file: string; findings: JsonFindingShape[] }>;
}

const tempDirs: string[] = [];

function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-cli-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** `harden <args>` in this process (test/cli/helpers/run.ts); the 'the bin' suite spawns bin/harden.js. */
function harden(cwd: string, ...args: string[]): Promise<Run> {
  return hardenInProcess(cwd, args);
}

async function lintJson(cwd: string, ...args: string[]): Promise<{ run: Run; report: JsonReportShape }> {
  const run = await harden(cwd, 'lint', '--format', 'json', ...args);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return { run, report: JSON.parse(run.stdout) as JsonReportShape };
}

function allFindings(report: JsonReportShape): JsonFindingShape[] {
  return report.results.flatMap((result) => result.findings);
}

before(ensureCliBundle);

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('harden CLI: the bin', () => {
  const spawned = (cwd: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('bin/harden.js gives the report and exit status runCli gives, for every exit code', async () => {
    const dir = tempDir({ 'privileged.yaml': PRIVILEGED, 'unhardened.yaml': UNHARDENED });
    const statuses = new Set<number | null>();
    for (const args of [['--version'], ['lint', 'privileged.yaml', '--format', 'json'], ['lint', 'unhardened.yaml'], ['lint', 'missing.yaml'], ['nonsense']]) {
      const inProcess = await harden(dir, ...args);
      assert.deepEqual(spawned(dir, ...args), inProcess, args.join(' '));
      statuses.add(inProcess.status);
    }
    assert.deepEqual([...statuses].sort(), [0, 1, 2]);
  });
});

describe('harden CLI: commands', () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await harden(ROOT, '--help');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /Usage: harden lint/);
    assert.match(run.stdout, /--max-warnings/);
  });

  it('--version prints the package version', async () => {
    const run = await harden(ROOT, '--version');
    assert.equal(run.status, 0);
    assert.equal(run.stdout.trim(), VERSION);
  });

  it('`rules` lists every rule with default severity, fixable and description', async () => {
    const run = await harden(ROOT, 'rules');
    assert.equal(run.status, 0, run.stderr);
    const line = run.stdout.split('\n').find((l) => l.startsWith('k8s/run-as-non-root '));
    assert.ok(line, run.stdout);
    assert.match(line, /^k8s\/run-as-non-root\s+warning\s+security\s+suggestion\s+\S/);
    const json = JSON.parse((await harden(ROOT, 'rules', '--format', 'json')).stdout) as { rules: Array<{ id: string; fixable: boolean }> };
    assert.ok(json.rules.some((rule) => rule.id === 'k8s/run-as-non-root' && rule.fixable));
  });

  it('no command, an unknown command or an unknown option is a usage error (exit 2)', async () => {
    for (const args of [[], ['deploy.yaml'], ['lint', '--bogus'], ['rules', '--fix']]) {
      const run = await harden(ROOT, ...args);
      assert.equal(run.status, 2, `harden ${args.join(' ')}`);
      assert.match(run.stderr, /^harden: \S/, `harden ${args.join(' ')}`);
      assert.equal(run.stdout, '');
    }
  });
});

describe('harden lint: exit codes', () => {
  it('a hardened Deployment exits 0 without error findings', async () => {
    const dir = tempDir({ 'deploy.yaml': HARDENED });
    const { run, report } = await lintJson(dir, 'deploy.yaml');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      allFindings(report).filter((f) => f.severity === 'error'),
      [],
    );
    assert.equal((await harden(dir, 'lint', 'deploy.yaml')).status, 0);
  });

  it('privileged: true exits 1 with a k8s/privileged error', async () => {
    const dir = tempDir({ 'deploy.yaml': PRIVILEGED });
    const { run, report } = await lintJson(dir, 'deploy.yaml');
    assert.equal(run.status, 1);
    const privileged = allFindings(report).filter((f) => f.ruleId === 'k8s/privileged');
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0].severity, 'error');
    assert.equal(
      privileged[0].range.start.line,
      PRIVILEGED.split('\n').findIndex((l) => l.includes('privileged: true')),
    );
  });

  it('warnings exit 0, but 1 once they exceed --max-warnings', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED });
    const { run, report } = await lintJson(dir, 'deploy.yaml');
    assert.equal(run.status, 0);
    const warnings = allFindings(report).filter((f) => f.severity === 'warning').length;
    assert.ok(warnings >= 2, 'k8s/run-as-non-root warns once per container');
    assert.equal((await harden(dir, 'lint', 'deploy.yaml', '--max-warnings', '0')).status, 1);
    assert.equal((await harden(dir, 'lint', 'deploy.yaml', '--max-warnings', String(warnings - 1))).status, 1);
    const within = await harden(dir, 'lint', 'deploy.yaml', '--max-warnings', String(warnings));
    assert.equal(within.status, 0, within.stderr);
    assert.match((await harden(dir, 'lint', 'deploy.yaml', '--max-warnings', '0')).stderr, /too many warnings/);
  });

  it('a path that does not exist exits 2 and names it', async () => {
    const dir = tempDir({ 'deploy.yaml': HARDENED });
    const run = await harden(dir, 'lint', 'deploy.yaml', 'missing.yaml');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /missing\.yaml/);
    const glob = await harden(dir, 'lint', 'nothing/**/*.yaml');
    assert.equal(glob.status, 2);
    assert.match(glob.stderr, /nothing\/\*\*\/\*\.yaml/);
  });

  it('a bad --rule, --format, --max-warnings or --kubernetes-version exits 2 with a clear message', async () => {
    const dir = tempDir({ 'deploy.yaml': HARDENED });
    const cases: Array<[string[], RegExp]> = [
      [['--rule', 'k8s/no-such-rule=off'], /Unknown rule 'k8s\/no-such-rule'/],
      [['--rule', 'run-as-non-root=off'], /Did you mean 'k8s\/run-as-non-root'/],
      [['--rule', 'k8s/run-as-non-root=loud'], /Unknown severity 'loud'.*off, info, warning \(or warn\) or error/],
      [['--rule', 'k8s/run-as-non-root'], /--rule expects <rule-id>=/],
      [['--format', 'xml'], /Unknown --format 'xml'/],
      [['--max-warnings', 'many'], /--max-warnings must be a whole number/],
      [['--kubernetes-version', 'latest'], /--kubernetes-version must look like 1\.32/],
    ];
    for (const [args, message] of cases) {
      const run = await harden(dir, 'lint', 'deploy.yaml', ...args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    }
    assert.equal((await harden(dir, 'lint', 'deploy.yaml', '--kubernetes-version', '1.29')).status, 0);
  });
});

describe('harden lint: options', () => {
  it('--rule <id>=off silences a rule and --rule <id>=error makes it fail the run', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED });
    const off = await lintJson(dir, 'deploy.yaml', '--rule', 'k8s/run-as-non-root=off');
    assert.equal(allFindings(off.report).filter((f) => f.ruleId === 'k8s/run-as-non-root').length, 0);
    const error = await lintJson(dir, 'deploy.yaml', '--rule', 'k8s/run-as-non-root=error');
    assert.equal(error.run.status, 1);
    const escalated = allFindings(error.report).filter((f) => f.ruleId === 'k8s/run-as-non-root');
    assert.equal(escalated.length, 2);
    assert.ok(escalated.every((f) => f.severity === 'error'));
  });

  it('--quiet reports (and counts) errors only', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED, 'privileged.yaml': PRIVILEGED });
    const { report } = await lintJson(dir, '--quiet', 'deploy.yaml', 'privileged.yaml');
    const severities = new Set(allFindings(report).map((f) => f.severity));
    assert.deepEqual([...severities], ['error']);
    assert.equal((await harden(dir, 'lint', '--quiet', '--max-warnings', '0', 'deploy.yaml')).status, 0);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED });
    const run = await harden(dir, 'lint', '--format', 'sarif', '--output', 'reports/harden.sarif', 'deploy.yaml');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'reports/harden.sarif'), 'utf8')) as { version: string };
    assert.equal(log.version, '2.1.0');
  });
});

// A runtime stage with a non-root USER, then a development stage that switches back to root (awesome-compose's
// `dev-envs`): the last stage is what `docker build` builds without --target.
const TARGETS_DOCKERFILE = 'FROM alpine:3.20 AS app\nRUN adduser -D -u 10001 app\nUSER 10001:10001\n\nFROM app AS dev-envs\nUSER root\n';

describe('harden lint --target', () => {
  const userRoot = (report: JsonReportShape) => allFindings(report).filter((f) => f.ruleId === 'docker/user-root');

  it('lints the Dockerfile as built with docker build --target: that stage is the final image', async () => {
    const dir = tempDir({ Dockerfile: TARGETS_DOCKERFILE });
    assert.equal(userRoot((await lintJson(dir, 'Dockerfile')).report).length, 1);
    const { run, report } = await lintJson(dir, '--target', 'app', 'Dockerfile');
    assert.deepEqual(userRoot(report), []);
    assert.equal(run.stderr, '');
  });

  it('overrides the dockerTarget of .harden.yaml for the run', async () => {
    const dir = tempDir({ Dockerfile: TARGETS_DOCKERFILE, '.harden.yaml': 'dockerTarget: app\n' });
    assert.deepEqual(userRoot((await lintJson(dir, 'Dockerfile')).report), []);
    assert.equal(userRoot((await lintJson(dir, '--target', 'dev-envs', 'Dockerfile')).report).length, 1);
  });

  it('warns about a Dockerfile that has no stage of that name, naming its stages, and lints its last stage', async () => {
    const dir = tempDir({ Dockerfile: TARGETS_DOCKERFILE, 'one/Dockerfile': 'FROM alpine:3.20\nUSER 10001:10001\n' });
    const { run, report } = await lintJson(dir, '--target', 'prod', '.');
    assert.equal(run.status, 0);
    assert.equal(userRoot(report).length, 1);
    assert.match(
      run.stderr,
      /^harden: Dockerfile: no stage named 'prod' \(--target prod; its stages: app, dev-envs\); its last stage was linted as the final image\n/m,
    );
    assert.match(run.stderr, /one\/Dockerfile: no stage named 'prod' \(--target prod; none of its stages has a name\)/);
    // The same for the setting, which used to fall back to the last stage silently.
    const configured = await lintJson(tempDir({ Dockerfile: TARGETS_DOCKERFILE, '.harden.yaml': 'dockerTarget: prod\n' }), 'Dockerfile');
    assert.match(configured.run.stderr, /Dockerfile: no stage named 'prod' \(dockerTarget: prod in \.harden\.yaml; its stages: app, dev-envs\)/);
  });

  it('is a usage error without a stage name, or with `harden rules`', async () => {
    const dir = tempDir({ Dockerfile: TARGETS_DOCKERFILE });
    for (const [args, message] of [
      [['lint', '--target', '', 'Dockerfile'], /--target expects the name of a Dockerfile stage \(FROM … AS <name>\)/],
      [['lint', '--target', 'my stage', 'Dockerfile'], /--target expects the name of a Dockerfile stage.*got 'my stage'/],
      [['rules', '--target', 'app'], /--target only applies to `harden lint`/],
    ] as Array<[string[], RegExp]>) {
      const run = await harden(dir, ...args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
    }
    assert.match((await harden(dir, '--help')).stdout, /--target <stage> +Lint Dockerfiles as built with docker build --target <stage>/);
  });
});

describe('harden lint: text format', () => {
  it('prints `path:line:col  severity  message  rule-id` per finding, grouped by file, then a summary', async () => {
    const dir = tempDir({ 'a/deploy.yaml': UNHARDENED, 'b/privileged.yaml': PRIVILEGED });
    const run = await harden(dir, 'lint', 'a', 'b/privileged.yaml');
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    const findingLines = lines.filter((line) => /^\S+:\d+:\d+ /.test(line));
    assert.ok(findingLines.length >= 3);
    for (const line of findingLines) {
      assert.match(line, /^\S+:\d+:\d+\s{2,}(error|warning|info)\s{2,}\S.*\S {2}[a-z0-9-]+\/[a-z0-9-]+$/, line);
    }
    const webLine = UNHARDENED.split('\n').findIndex((l) => l.includes('- name: web')) + 1;
    const webColumn = UNHARDENED.split('\n')[webLine - 1].indexOf('name: web') + 1;
    assert.ok(
      findingLines.some((l) => l.startsWith(`${path.join('a', 'deploy.yaml')}:${webLine}:${webColumn} `) && l.endsWith('  k8s/run-as-non-root')),
      run.stdout,
    );
    assert.ok(
      findingLines.some((l) => /^b\/privileged\.yaml:\d+:\d+\s+error\s+.*k8s\/privileged$/.test(l)),
      run.stdout,
    );
    // Grouped: all lines of one file are contiguous.
    const files = findingLines.map((line) => line.split(':')[0]);
    assert.deepEqual(
      files,
      [...files].sort((x, y) => files.indexOf(x) - files.indexOf(y)),
    );
    assert.match(lines[lines.length - 1], /^✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) in 2 files; \d+ fixable with --fix$/);
  });

  it('says so when there is nothing to report', async () => {
    const dir = tempDir({ 'values.yaml': NOT_KUBERNETES });
    const run = await harden(dir, 'lint', 'values.yaml');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '✔ No problems in 1 file\n');
  });

  it('uses no color codes when stdout is not a terminal', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED });
    const result = spawnSync(process.execPath, [BIN, 'lint', 'deploy.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
    // eslint-disable-next-line no-control-regex -- the escape character is what the test looks for
    assert.doesNotMatch(result.stdout, /\u001b\[/);
  });
});

describe('harden lint: JSON format', () => {
  it('has exactly the documented shape, with every linted file and 0-based ranges', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED, 'clean/values.yaml': NOT_KUBERNETES });
    const { report } = await lintJson(dir, 'deploy.yaml', 'clean');
    assert.deepEqual(Object.keys(report), ['version', 'results', 'suppressed']);
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.results.map((r) => r.file),
      ['deploy.yaml', path.join('clean', 'values.yaml')],
    );
    assert.deepEqual(report.results[1].findings, []);
    for (const result of report.results) assert.deepEqual(Object.keys(result), ['file', 'findings']);
    const findings = report.results[0].findings;
    assert.ok(findings.some((f) => f.ruleId === 'k8s/run-as-non-root'));
    for (const finding of findings) {
      assert.deepEqual(Object.keys(finding), ['ruleId', 'severity', 'message', 'range', 'fixes']);
      assert.ok(['error', 'warning', 'info'].includes(finding.severity));
      assert.equal(typeof finding.message, 'string');
      assert.deepEqual(Object.keys(finding.range), ['start', 'end']);
      for (const position of [finding.range.start, finding.range.end]) {
        assert.deepEqual(Object.keys(position), ['line', 'character']);
        assert.ok(Number.isInteger(position.line) && position.line >= 0);
        assert.ok(Number.isInteger(position.character) && position.character >= 0);
      }
      for (const fix of finding.fixes) {
        assert.deepEqual(Object.keys(fix), ['title', 'kind', 'isPreferred']);
        assert.ok(fix.kind === 'safe' || fix.kind === 'suggestion');
        assert.equal(typeof fix.title, 'string');
        assert.equal(typeof fix.isPreferred, 'boolean');
      }
    }
    // 0-based: the first container's finding points at the `name: web` line, counted from 0.
    const runAsNonRoot = findings.find((f) => f.ruleId === 'k8s/run-as-non-root');
    assert.equal(
      runAsNonRoot?.range.start.line,
      UNHARDENED.split('\n').findIndex((l) => l.includes('- name: web')),
    );
    // runAsNonRoot: true can stop an image that runs as root: a suggestion, never the preferred (bulk) fix.
    assert.deepEqual(runAsNonRoot?.fixes.filter((f) => f.isPreferred).length, 0);
    assert.ok(runAsNonRoot?.fixes.some((f) => f.kind === 'suggestion'));
  });
});

describe('harden lint: SARIF format', () => {
  interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: Array<{
      physicalLocation: {
        artifactLocation: { uri: string; uriBaseId?: string };
        region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
      };
    }>;
    partialFingerprints: Record<string, string>;
  }
  interface SarifRule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription: { text: string };
    helpUri: string;
    help: { text: string; markdown: string };
    defaultConfiguration: { level: string; enabled?: boolean };
    properties: { tags: string[]; precision: string; 'security-severity'?: string };
  }
  interface SarifLog {
    $schema: string;
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
      originalUriBaseIds: Record<string, { uri: string }>;
      results: SarifResult[];
    }>;
  }

  it('is a SARIF 2.1.0 log that GitHub code scanning accepts', async () => {
    const dir = tempDir({ 'k8s/deploy.yaml': UNHARDENED, 'k8s/privileged.yaml': PRIVILEGED });
    const run = await harden(dir, 'lint', '--format', 'sarif', 'k8s');
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    const { driver } = sarifRun.tool;
    assert.equal(driver.name, 'harden');
    assert.equal(driver.version, VERSION);
    assert.match(driver.informationUri, /^https:\/\//);

    // Every registered rule is described, with a help link and a valid default level; then the schema checks.
    const rulesJson = JSON.parse((await harden(ROOT, 'rules', '--format', 'json')).stdout) as { rules: Array<{ id: string }> };
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      [...rulesJson.rules.map((r) => r.id), 'harden-schema'],
    );
    assert.equal(new Set(driver.rules.map((r) => r.id)).size, driver.rules.length, 'rule ids are unique');
    for (const rule of driver.rules) {
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, rule.id);
      assert.ok(rule.shortDescription.text.length > 0 && rule.fullDescription.text.length > 0, rule.id);
      assert.match(
        rule.helpUri,
        rule.id === 'harden-schema' ? /^https:\/\/.*\/docs\/schema\.md$/ : new RegExp(`^https://.*${rule.id.replace('/', '\\/')}\\.md$`),
      );
      assert.ok(rule.help.text.length > 0 && rule.help.markdown.includes(rule.helpUri), rule.id);
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level), rule.id);
      // One category tag and the language; only security rules are scored as security alerts.
      const [category] = rule.properties.tags;
      assert.ok(['security', 'availability', 'hygiene'].includes(category), rule.id);
      assert.equal(rule.properties['security-severity'] !== undefined, category === 'security', rule.id);
      assert.ok(['very-high', 'high', 'medium'].includes(rule.properties.precision), rule.id);
    }
    const tagsOf = (id: string) => {
      const { tags, precision, 'security-severity': securitySeverity } = driver.rules.find((r) => r.id === id)?.properties ?? { tags: [], precision: '' };
      return { tags, precision, ...(securitySeverity === undefined ? {} : { 'security-severity': securitySeverity }) };
    };
    assert.deepEqual(tagsOf('k8s/privileged'), { tags: ['security', 'kubernetes'], precision: 'high', 'security-severity': '8.0' });
    assert.deepEqual(tagsOf('harden/parse-error'), { tags: ['hygiene', 'kubernetes'], precision: 'very-high' });
    assert.deepEqual(tagsOf('k8s/probe-port'), { tags: ['availability', 'kubernetes'], precision: 'high' });
    assert.equal(driver.rules.find((r) => r.id === 'k8s/run-as-non-root')?.name, 'K8sRunAsNonRoot');
    assert.equal(driver.rules.find((r) => r.id === 'k8s/run-as-non-root')?.defaultConfiguration.level, 'warning');

    assert.match(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/$/);
    assert.ok(sarifRun.results.length > 0);
    const sourceLines = { 'k8s/deploy.yaml': UNHARDENED.split('\n'), 'k8s/privileged.yaml': PRIVILEGED.split('\n') };
    for (const result of sarifRun.results) {
      // ruleIndex points at the descriptor of ruleId.
      assert.equal(driver.rules[result.ruleIndex]?.id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(artifactLocation.uri in sourceLines, artifactLocation.uri);
      // 1-based, in range of the file, end after start.
      const lines = sourceLines[artifactLocation.uri as keyof typeof sourceLines];
      assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine);
      assert.ok(region.endLine <= lines.length && region.startColumn <= lines[region.startLine - 1].length + 1);
      if (region.endLine === region.startLine) assert.ok(region.endColumn >= region.startColumn);
      assert.match(Object.values(result.partialFingerprints)[0], /^[0-9a-f]{16,}:\d+$/);
    }
    // The k8s/privileged result starts on the `privileged: true` line, at its first column (1-based).
    const privileged = sarifRun.results.find((r) => r.ruleId === 'k8s/privileged');
    assert.ok(privileged);
    const line = PRIVILEGED.split('\n').findIndex((l) => l.includes('privileged: true'));
    assert.equal(privileged.level, 'error');
    assert.equal(privileged.locations[0].physicalLocation.region.startLine, line + 1);
    assert.ok(privileged.locations[0].physicalLocation.region.startColumn > 1);
    // Fingerprints are stable from run to run.
    const again = JSON.parse((await harden(dir, 'lint', '--format', 'sarif', 'k8s')).stdout) as SarifLog;
    assert.deepEqual(
      again.runs[0].results.map((r) => r.partialFingerprints),
      sarifRun.results.map((r) => r.partialFingerprints),
    );
  });
});

describe('harden lint --fix', () => {
  const fixableRules = (report: JsonReportShape) =>
    new Set(
      allFindings(report)
        .filter((f) => f.fixes.some((fix) => !/^Suppress /.test(fix.title)))
        .map((f) => f.ruleId),
    );

  it('fixes an unhardened Deployment in place, keeping comments, and a second run changes nothing', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED });
    const before = (await lintJson(dir, 'deploy.yaml')).report;
    const fixed = fixableRules(before);
    assert.ok(fixed.has('k8s/run-as-non-root'));

    // Suggestions included: this test is about how fixes edit a file, not about which kind plain --fix applies.
    const run = await harden(dir, 'lint', '--fix', '--fix-type', 'safe,suggestion', 'deploy.yaml');
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.match(run.stdout, /✔ Fixed \d+ problems in 1 file/);
    const text = fs.readFileSync(path.join(dir, 'deploy.yaml'), 'utf8');
    assert.notEqual(text, UNHARDENED);
    for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, []);
    for (const comment of ['# Web frontend: deliberately unhardened', '# keep this name', '# the main container', '# http']) {
      assert.ok(text.includes(comment), `comment kept: ${comment}`);
    }
    const after = (await lintJson(dir, 'deploy.yaml')).report;
    const left = allFindings(after).filter((f) => fixed.has(f.ruleId) && f.fixes.some((fix) => !/^Suppress /.test(fix.title)));
    assert.deepEqual(left, [], 'no fixable finding of the fixed rules is left');

    const second = await harden(dir, 'lint', '--fix', '--fix-type', 'safe,suggestion', 'deploy.yaml');
    assert.ok(second.status === 0 || second.status === 1, second.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'deploy.yaml'), 'utf8'), text, 'second --fix is byte-identical');
    assert.doesNotMatch(second.stdout, /Fixed/);
  });

  it('reports the findings that remain after fixing, in JSON', async () => {
    const dir = tempDir({ 'deploy.yaml': UNHARDENED });
    const { report } = await lintJson(dir, '--fix', '--fix-type', 'suggestion', 'deploy.yaml');
    assert.equal(report.results.length, 1);
    assert.deepEqual(
      report.results[0].findings.filter((f) => f.ruleId === 'k8s/run-as-non-root'),
      [],
    );
  });

  it('keeps CRLF line endings and a BOM', async () => {
    const crlf = UNHARDENED.replace(/\n/g, '\r\n');
    const dir = tempDir({ 'crlf.yaml': crlf, 'bom.yaml': `\uFEFF${UNHARDENED}` });
    const run = await harden(dir, 'lint', '--fix', 'crlf.yaml', 'bom.yaml');
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const fixedCrlf = fs.readFileSync(path.join(dir, 'crlf.yaml'), 'utf8');
    assert.notEqual(fixedCrlf, crlf);
    assert.doesNotMatch(fixedCrlf, /[^\r]\n/, 'every line still ends in CRLF');
    const bom = fs.readFileSync(path.join(dir, 'bom.yaml'));
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.notEqual(bom.toString('utf8'), `\uFEFF${UNHARDENED}`);
  });

  it('does not touch a file that has nothing to fix', async () => {
    const dir = tempDir({ 'values.yaml': NOT_KUBERNETES, 'deploy.yaml': HARDENED });
    const past = new Date('2020-01-01T00:00:00Z');
    for (const name of ['values.yaml', 'deploy.yaml']) fs.utimesSync(path.join(dir, name), past, past);
    const run = await harden(dir, 'lint', '--fix', '--rule', 'k8s/run-as-user=off', 'values.yaml', 'deploy.yaml');
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8'), NOT_KUBERNETES);
    assert.equal(fs.statSync(path.join(dir, 'values.yaml')).mtimeMs, past.getTime());
    const hardenedNow = fs.readFileSync(path.join(dir, 'deploy.yaml'), 'utf8');
    if (hardenedNow === HARDENED) assert.equal(fs.statSync(path.join(dir, 'deploy.yaml')).mtimeMs, past.getTime());
  });
});

describe('harden lint: file discovery', () => {
  const tree = {
    'repo/deploy.yaml': UNHARDENED,
    'repo/sub/service.yml': NOT_KUBERNETES,
    'repo/sub/deeper/privileged.YAML': PRIVILEGED,
    'repo/Dockerfile': 'FROM alpine:3.20\n',
    'repo/app/Dockerfile.prod': 'FROM alpine:3.20\n',
    'repo/app/api.dockerfile': 'FROM alpine:3.20\n',
    'repo/app/Containerfile': 'FROM alpine:3.20\n',
    'repo/README.md': '# not linted\n',
    'repo/config.json': '{}\n',
    'repo/node_modules/pkg/deploy.yaml': PRIVILEGED,
    'repo/.git/config.yaml': PRIVILEGED,
    'repo/.github/workflows/ci.yaml': PRIVILEGED,
  };

  it('walks directories recursively for YAML and Dockerfiles, skipping node_modules and hidden directories', async () => {
    const dir = tempDir(tree);
    const { report } = await lintJson(dir, 'repo');
    const files = report.results.map((r) => r.file.split(path.sep).join('/')).sort();
    assert.deepEqual(files, [
      'repo/Dockerfile',
      'repo/app/Containerfile',
      'repo/app/Dockerfile.prod',
      'repo/app/api.dockerfile',
      'repo/deploy.yaml',
      'repo/sub/deeper/privileged.YAML',
      'repo/sub/service.yml',
    ]);
  });

  it('lints a file once even when it is named twice, and accepts `.`', async () => {
    const dir = tempDir(tree);
    const { report } = await lintJson(path.join(dir, 'repo'), '.', 'deploy.yaml');
    const files = report.results.map((r) => r.file);
    assert.equal(files.filter((f) => f === 'deploy.yaml').length, 1);
    assert.equal(new Set(files).size, files.length);
  });

  it('expands globs (quoted, so the CLI does it), skipping node_modules', async () => {
    const dir = tempDir(tree);
    const { report } = await lintJson(dir, 'repo/**/*.{yaml,yml}');
    const files = report.results.map((r) => r.file).sort();
    assert.deepEqual(files, ['repo/deploy.yaml', 'repo/sub/service.yml']);
    const { report: all } = await lintJson(dir, 'repo/**/*');
    assert.ok(all.results.every((r) => !r.file.includes('node_modules') && !r.file.endsWith('.md')));
  });

  it('skips a binary file and an unsupported file with a warning on stderr, not a crash', async () => {
    const binary = Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\n'), Buffer.from([0, 1, 2, 0, 255])]);
    const dir = tempDir({ 'blob.yaml': binary, 'notes.txt': 'hello\n', 'deploy.yaml': HARDENED });
    const run = await harden(dir, 'lint', '--format', 'json', 'blob.yaml', 'notes.txt', 'deploy.yaml');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /blob\.yaml: binary file; skipped/);
    assert.match(run.stderr, /notes\.txt: unsupported file type/);
    const report = JSON.parse(run.stdout) as JsonReportShape;
    assert.deepEqual(
      report.results.map((r) => r.file),
      ['deploy.yaml'],
    );
  });
});

describe('harden lint: schema validation turned off as a rule', () => {
  const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labelz: {}\ndata: {}\n';
  const schemaIds = (report: JsonReportShape) => allFindings(report).filter((f) => f.ruleId === 'harden-schema');

  it('harden-schema: off in .harden.yaml, or --rule harden-schema=off, silences it; without either it reports', async () => {
    const plain = tempDir({ 'cm.yaml': manifest });
    assert.equal(schemaIds((await lintJson(plain, '.')).report).length, 1, 'the unknown field is reported');
    const configured = tempDir({ 'cm.yaml': manifest, '.harden.yaml': 'rules:\n  harden-schema: off\n' });
    assert.deepEqual(schemaIds((await lintJson(configured, '.')).report), []);
    assert.deepEqual(schemaIds((await lintJson(plain, '.', '--rule', 'harden-schema=off')).report), []);
  });
});
