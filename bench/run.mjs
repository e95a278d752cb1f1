#!/usr/bin/env node
// npm run bench — measures the real Harden language server over stdio next to the incumbents
// (yaml-language-server 2.0.0 with and without the Kubernetes schema, dockerfile-language-server 0.15.0)
// with the team's lspbench harness (vendored in bench/harness/), the engine in-process against the `yaml` parse
// floor, and CLI throughput on 5,000 generated manifests. Inputs: test/fixtures/corpus and generated files in the
// cache folder; nothing outside the repository except the incumbents (`--only all`, installed into the cache).
// Prints the tables; writes bench/results/latest.json.
// See bench/README.md for the options and docs/performance.md for the results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_CORPUS, HARNESS, materializeConfig, prepareCache, prepareIncumbents, schemaDir } from './lib/cache.mjs';
import { ensureCliTree, timeCli } from './lib/cli.mjs';
import { lastJsonLine, runProcess } from './lib/proc.mjs';
import { diffSummaries, summariseProfile } from './lib/profile.mjs';
import { budgetRows, cliTable, inprocessTable, lspTable, profileText } from './lib/tables.mjs';

// Rows of the workspace scenarios (issue 19); their names are what bench/lib/tables.mjs looks the rows up by.
const SCENARIO_ROWS = {
  neighbours: 'deployments-1000.yaml + 2 neighbours',
  'workspace-5000': 'msdemo-kubernetes-manifests.yaml + 5,000-file workspace',
  session: 'deployments-1000.yaml, long session',
};
/**
 * The long-session row: many keystrokes with a typist's pauses, where memory that survives edits shows (the
 * short rows end before V8's first full collection). Harden only; edits and pauses are fixed, not `--edits`.
 */
const SESSION = { edits: 300, quickEdits: 150, pauseEvery: 30, pauseMs: 1500 };
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/**
 * The V8 flags and environment the VS Code client starts the server with (bench/servers/harden.json mirrors the
 * client's SERVER_NODE_FLAGS and SERVER_ENV): the in-process scenarios (Kustomize, Helm) run with them too, and set
 * the flags the server sets for itself (server/src/hosts/node/v8Flags.ts), so their CPU is the server's.
 */
const HARDEN_SERVER = JSON.parse(fs.readFileSync(path.join(REPO, 'bench', 'servers', 'harden.json'), 'utf8'));
const SERVER_V8_FLAGS = HARDEN_SERVER.command.filter((arg) => arg.startsWith('--') && arg !== '--stdio');
const SERVER_PROCESS = { cwd: REPO, env: { ...process.env, ...HARDEN_SERVER.env } };
const USAGE = `usage: npm run bench -- [--quick] [--reps N] [--edits N] [--only ours|all]
                          [--skip lsp,inprocess,floor,cli,kustomize] [--profile] [--big-reps N] [--out FILE]
  --quick        1 rep, 10 edits, our server only, 5 files (1,000-Deployment file, msdemo manifests,
                 istio-addons-grafana, moby.Dockerfile, the 10.5k-line Dockerfile) + the neighbours and 5,000-file workspaces
                 (the CLI always runs 3 times per mode: its median is the row)
  --reps N       fresh server processes per (server, file); default 3
  --edits N      single-character edits per repetition (first 2 are warm-up); default 20
  --only ours    only Harden (default: all = Harden + the incumbents)
  --incumbent-reps N  repetitions for the incumbents (default min(reps, 2)); --big-reps N: on files over
                 10,000 lines (default 1: their edits take seconds each). Harden always gets --reps.
  --skip LIST    leave out parts: lsp, neighbours, session, scale, inprocess, floor, cli, kustomize, helm
  --profile      also run Harden under node --cpu-prof on the 1,000-Deployment file, the msdemo manifests and
                 the 10.5k-line Dockerfile and summarise the top self-time functions
  --out FILE     JSON output (default bench/results/latest.json)
Cache: $HARDEN_BENCH_CACHE, else $XDG_CACHE_HOME/harden-bench, else <tmpdir>/harden-bench-cache. The first
--only all run installs the incumbents there with npm ci (needs the registry); Harden's rows never do.`;

function parseArgs(argv) {
  const o = {
    quick: false,
    reps: null,
    edits: null,
    only: null,
    skip: new Set(),
    profile: false,
    bigReps: null,
    incumbentReps: null,
    out: path.join(REPO, 'bench', 'results', 'latest.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--reps') o.reps = +next();
    else if (a === '--edits') o.edits = +next();
    else if (a === '--only') o.only = next();
    else if (a === '--big-reps') o.bigReps = +next();
    else if (a === '--incumbent-reps') o.incumbentReps = +next();
    else if (a === '--skip') for (const s of next().split(',')) o.skip.add(s.trim());
    else if (a === '--profile') o.profile = true;
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  o.reps ??= o.quick ? 1 : 3;
  o.edits ??= o.quick ? 10 : 20;
  o.only ??= o.quick ? 'ours' : 'all';
  o.bigReps ??= 1;
  o.incumbentReps ??= Math.min(o.reps, 2);
  if (!['ours', 'all'].includes(o.only)) throw new Error('--only must be ours or all');
  if (!(o.reps >= 1) || !(o.edits >= 3)) throw new Error('--reps must be >= 1 and --edits >= 3');
  return o;
}

const log = (...a) => console.error(...a);
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : null;
};
const lineCount = (f) => {
  const t = fs.readFileSync(f, 'utf8');
  return t.split('\n').length - (t.endsWith('\n') ? 1 : 0);
};

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = new Date();
  const tStart = performance.now();
  for (const f of ['dist/server.js', 'dist/cli.js']) {
    if (!fs.existsSync(path.join(REPO, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const cache = prepareCache({ repo: REPO, log });
  const dir = cache.dir;
  const k8s = BENCH_CORPUS.k8s.map((f) => cache.corpusFile('k8s', f));
  const docker = BENCH_CORPUS.docker.map((f) => cache.corpusFile('docker', f));
  let yamlFiles = [...k8s, cache.synthFile('deployments-100.yaml'), cache.synthFile('deployments-1000.yaml')];
  let dockerFiles = [...docker, cache.synthFile('big.Dockerfile')];
  if (opts.quick) {
    const keep = new Set(['deployments-1000.yaml', 'msdemo-kubernetes-manifests.yaml', 'istio-addons-grafana.yaml', 'moby.Dockerfile', 'big.Dockerfile']);
    yamlFiles = yamlFiles.filter((f) => keep.has(path.basename(f)));
    dockerFiles = dockerFiles.filter((f) => keep.has(path.basename(f)));
  }
  const lines = new Map([...yamlFiles, ...dockerFiles, cache.neighboursFile].map((f) => [f, lineCount(f)]));

  const servers = [{ id: 'harden', ours: true, langs: ['yaml', 'dockerfile'] }];
  if (opts.only === 'all' && prepareIncumbents({ dir, log })) {
    servers.push({ id: 'yaml-ls-noschema', langs: ['yaml'] });
    if (schemaDir()) servers.push({ id: 'yaml-ls-k8s', langs: ['yaml'] });
    else log('[bench] no Kubernetes schema folder (HARDEN_BENCH_K8S_SCHEMA, or k8s-schema beside HARDEN_BENCH_SHARED): yaml-ls +k8s schema left out');
    servers.push({ id: 'docker-ls', langs: ['dockerfile'] });
  }
  for (const s of servers) s.config = materializeConfig(s.id, { repo: REPO, dir });

  const result = {
    startedAt: started.toISOString(),
    host: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      totalMemMB: Math.round(os.totalmem() / 1048576),
      node: process.version,
      loadAvgAtStart: os.loadavg().map(r1),
    },
    options: {
      quick: opts.quick,
      reps: opts.reps,
      edits: opts.edits,
      warmupEdits: 2,
      warmOpens: 0,
      only: opts.only,
      incumbentReps: opts.incumbentReps,
      bigReps: opts.bigReps,
    },
    cacheDir: dir,
    serverBundle: bundleInfo(),
    lsp: [],
    inprocess: [],
    floor: [],
    cli: null,
    kustomize: null,
    helm: null,
    profiles: [],
  };

  // ---------------------------------------------------------------- LSP servers, file by file
  if (!opts.skip.has('lsp')) {
    const jobs = [];
    for (const [lang, files] of [
      ['yaml', yamlFiles],
      ['dockerfile', dockerFiles],
    ]) {
      for (const file of files) for (const s of servers) if (s.langs.includes(lang)) jobs.push({ lang, file, s });
    }
    // Issue 19's neighbours workspace: the 1,000-Deployment file opened in a folder (the workspace root) that also
    // holds the 100-Deployment file and the 10.5k-line Dockerfile. Harden only (the incumbents index no workspace).
    if (!opts.skip.has('neighbours')) jobs.push({ lang: 'yaml', file: cache.neighboursFile, s: servers[0], scenario: 'neighbours' });
    // Issue 19's memory over a long edit session: the 1,000-Deployment file alone, hundreds of keystrokes in bursts.
    if (!opts.skip.has('session')) {
      const edits = opts.quick ? SESSION.quickEdits : SESSION.edits;
      const extraArgs = ['--pause-every', String(SESSION.pauseEvery), '--pause-ms', String(SESSION.pauseMs)];
      jobs.push({ lang: 'yaml', file: cache.synthFile('deployments-1000.yaml'), s: servers[0], scenario: 'session', edits, reps: 1, extraArgs });
    }
    // ...and a typical file opened at the root of a workspace of 5,000 small manifests (the CLI tree's content),
    // which the server indexes in the background while the edits run: compare with the file's own row.
    if (!opts.skip.has('scale')) {
      const root = path.join(dir, 'corpus', 'workspace-5000');
      ensureCliTree(root, 5000);
      const file = path.join(root, 'msdemo-kubernetes-manifests.yaml');
      fs.copyFileSync(cache.corpusFile('k8s', 'msdemo-kubernetes-manifests.yaml'), file);
      lines.set(file, lineCount(file));
      jobs.push({ lang: 'yaml', file, s: servers[0], scenario: 'workspace-5000' });
    }
    let n = 0;
    for (const { lang, file, s, scenario, edits = opts.edits, extraArgs = [], ...job } of jobs) {
      n++;
      const big = lines.get(file) > 10000;
      const reps = job.reps ?? (s.ours ? opts.reps : big ? opts.bigReps : opts.incumbentReps);
      const name = scenario ? SCENARIO_ROWS[scenario] : path.basename(file);
      const out = path.join(dir, 'results', s.id, `${scenario ? `${path.basename(file)}+${scenario}` : path.basename(file)}.json`);
      log(`[bench] lsp ${n}/${jobs.length}: ${s.id} × ${name} (${lines.get(file)} lines, ${reps} rep${reps > 1 ? 's' : ''})`);
      const t0 = performance.now();
      try {
        await runProcess(
          process.execPath,
          [
            path.join(HARNESS, 'lspbench.mjs'),
            '--config',
            s.config.path,
            '--file',
            file,
            '--language-id',
            lang,
            '--reps',
            String(reps),
            '--edits',
            String(edits),
            '--warmup-edits',
            '2',
            '--warm-opens',
            '0',
            '--json-out',
            out,
            ...extraArgs,
          ],
          { cwd: dir, onStderr: (d) => process.stderr.write('    ' + d) },
        );
        const full = JSON.parse(fs.readFileSync(out, 'utf8'));
        result.lsp.push({ ...compactLsp(full, s, file, lines.get(file), performance.now() - t0), file: name, ...(scenario ? { scenario } : {}) });
      } catch (e) {
        log(`[bench]   FAILED: ${e.message}`);
        result.lsp.push({
          server: s.id,
          ours: !!s.ours,
          label: s.config.cfg.name,
          file: name,
          path: file,
          lines: lines.get(file),
          languageId: lang,
          error: String(e.message).slice(0, 500),
        });
      }
    }
  }

  // ---------------------------------------------------------------- in-process engine + parse floor
  if (!opts.skip.has('inprocess')) {
    for (const file of [...yamlFiles, ...dockerFiles]) {
      log(`[bench] in-process engine: ${path.basename(file)}`);
      try {
        const out = await runProcess(
          process.execPath,
          ['--import', 'tsx', path.join(REPO, 'bench', 'inprocess.mjs'), '--edits', String(opts.edits), '--min-ms', opts.quick ? '300' : '500', file],
          { cwd: REPO },
        );
        result.inprocess.push({ ...lastJsonLine(out), file: path.basename(file), path: file });
      } catch (e) {
        log(`[bench]   FAILED: ${e.message}`);
        result.inprocess.push({ file: path.basename(file), path: file, error: String(e.message).slice(0, 500) });
      }
    }
  }
  // ---------------------------------------------------------------- kustomize: base edit under 20 overlays
  if (!opts.skip.has('kustomize')) {
    log('[bench] kustomize: edits of a base used by 20 overlays (bench/kustomize.mjs)');
    try {
      const run = (...extra) =>
        runProcess(
          process.execPath,
          [
            ...SERVER_V8_FLAGS,
            '--import',
            'tsx',
            path.join(REPO, 'bench', 'kustomize.mjs'),
            '--overlays',
            '20',
            '--edits',
            String(Math.max(20, opts.edits)),
            ...extra,
          ],
          SERVER_PROCESS,
        );
      result.kustomize = lastJsonLine(await run());
      // The same edits after 200 untimed ones: the steady state, without V8's warm-up of the first edits.
      const steady = lastJsonLine(await run('--warmup', '200'));
      if (result.kustomize && steady) result.kustomize.steady = steady;
    } catch (e) {
      log(`[bench]   FAILED: ${e.message}`);
    }
  }
  // ---------------------------------------------------------------- Helm: values.yaml edit in a 40-template chart
  if (!opts.skip.has('helm')) {
    log('[bench] helm: edits of values.yaml in a 40-template chart (bench/helm.ts)');
    try {
      const out = await runProcess(
        process.execPath,
        [...SERVER_V8_FLAGS, '--import', 'tsx', path.join(REPO, 'bench', 'helm.ts'), '--edits', String(Math.max(20, opts.edits))],
        SERVER_PROCESS,
      );
      result.helm = lastJsonLine(out);
    } catch (e) {
      log(`[bench]   FAILED: ${e.message}`);
    }
  }
  if (!opts.skip.has('floor')) {
    log('[bench] parse floor (bench/harness/floor.mjs, one fresh process per file)');
    try {
      const out = await runProcess(
        process.execPath,
        [path.join(HARNESS, 'floor.mjs'), '--runs', '3', '--warmup', opts.quick ? '1' : '2', ...yamlFiles, ...dockerFiles],
        { cwd: dir },
      );
      result.floor = lastJsonLine(out).map((f) => ({ ...f, file: path.basename(f.file), path: path.resolve(HARNESS, f.file) }));
    } catch (e) {
      log(`[bench]   FAILED: ${e.message}`);
    }
  }

  // ---------------------------------------------------------------- CLI throughput
  if (!opts.skip.has('cli')) {
    const tree = ensureCliTree(dir, 5000);
    // Three runs even with --quick: one run of a 5-second CLI swings by 25 % with the load on a shared VM.
    const cliReps = 3;
    const modes = [];
    for (const [mode, args] of [
      ['--jobs 1', ['--jobs', '1']],
      [`default (${os.availableParallelism?.() ?? os.cpus().length} CPUs)`, []],
    ]) {
      const runs = [];
      for (let i = 0; i < cliReps; i++) {
        log(`[bench] CLI: harden lint ${tree} (5,000 files) ${mode} rep ${i + 1}/${cliReps}`);
        try {
          runs.push(await timeCli(REPO, tree, args));
        } catch (e) {
          log(`[bench]   FAILED: ${e.message}`);
        }
      }
      const ms = median(runs.map((r) => r.ms));
      modes.push({
        mode,
        command: `node bin/harden.js lint ${tree} --format json --output /dev/null ${args.join(' ')}`.trim(),
        reps: runs.length,
        msMedian: r1(ms),
        filesPerSec: ms ? r1(5000 / (ms / 1000)) : null,
        peakRssMB: r1(median(runs.map((r) => r.peakRssMB))),
        runs: runs.map((r) => ({ ms: r1(r.ms), peakRssMB: r1(r.peakRssMB), exitCode: r.exitCode })),
      });
    }
    result.cli = { files: 5000, dir: tree, modes };
  }

  // ---------------------------------------------------------------- optional CPU profiles of our server
  if (opts.profile) {
    const targets = [cache.synthFile('deployments-1000.yaml'), cache.corpusFile('k8s', 'msdemo-kubernetes-manifests.yaml'), cache.synthFile('big.Dockerfile')];
    for (const file of targets) result.profiles.push(await profileRun(file, dir, opts));
  }

  result.loadAvgAtEnd = os.loadavg().map(r1);
  result.serverBundleAtEnd = bundleInfo();
  result.elapsedS = r1((performance.now() - tStart) / 1000);
  result.budgets = budgetRows(result);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, JSON.stringify(result, null, 1));

  const text = [
    `Harden bench — ${result.startedAt}, node ${process.version}, ${result.host.cpus} CPUs, load avg ${result.host.loadAvgAtStart.join(' ')} → ${result.loadAvgAtEnd.join(' ')}, ${result.elapsedS} s` +
      (opts.quick ? ' (--quick)' : ''),
    '',
    result.lsp.length ? lspTable(result.lsp) : '',
    result.inprocess.length ? inprocessTable(result.inprocess, result.floor) : '',
    result.cli ? cliTable(result.cli) : '',
    result.kustomize
      ? `Kustomize (${result.kustomize.scenario}): CPU per base edit ${result.kustomize.editCpuMsMedian} ms median, ${result.kustomize.editCpuMsP95} ms p95 (budget ${result.kustomize.budgetCpuMs} ms); first lint ${result.kustomize.openCpuMs} ms` +
        (result.kustomize.steady
          ? `; after ${result.kustomize.steady.warmup} warm-up edits ${result.kustomize.steady.editCpuMsMedian} ms median, ${result.kustomize.steady.editCpuMsP95} ms p95`
          : '') +
        '\n'
      : '',
    result.helm
      ? `Helm (${result.helm.scenario}): CPU per values.yaml edit ${result.helm.editCpuMsMedian} ms median, ${result.helm.editCpuMsP90} ms p90 (budget ${result.helm.budgetCpuMs} ms)\n`
      : '',
    result.budgets.length ? budgetRows.toText(result.budgets) : '',
    ...result.profiles.map(profileText),
    `JSON: ${path.relative(process.cwd(), opts.out) || opts.out}`,
  ]
    .filter(Boolean)
    .join('\n');
  console.log(text);
  if (result.serverBundle.mtime !== result.serverBundleAtEnd.mtime)
    log('[bench] WARNING: dist/server.js was rebuilt during the run; numbers may mix two builds');
}

function bundleInfo() {
  try {
    const st = fs.statSync(path.join(REPO, 'dist', 'server.js'));
    return { mtime: st.mtime.toISOString(), bytes: st.size };
  } catch {
    return null;
  }
}

function compactLsp(full, s, file, nLines, wallMs) {
  const { runs, ...brief } = full;
  const ok = runs.filter((r) => !r.error);
  return {
    server: s.id,
    ours: !!s.ours,
    label: full.label,
    file: path.basename(file),
    path: file,
    lines: nLines,
    languageId: full.languageId,
    debounceMs: full.debounceMs,
    reps: full.reps,
    okReps: full.okReps,
    errors: full.errors,
    startupMs: brief.startupMsMedian,
    coldOpenMs: brief.coldOpenMsMedian,
    coldOpenCpuMs: brief.coldOpenCpuMsMedian,
    coldOpenCompleteMs: brief.coldOpenCompleteMsMedian,
    coldOpenCompleteCpuMs: brief.coldOpenCompleteCpuMsMedian,
    warmOpenMs: brief.warmOpenMsMedian,
    editMsMedian: brief.editMsMedian,
    editMsP95: brief.editMsP95,
    editMinusDebounceMsMedian: brief.editMsMedian == null ? null : r1(brief.editMsMedian - (full.debounceMs ?? 0)),
    editCpuMsMedian: brief.editCpuMsMedian,
    peakRssMB: brief.vmHWMMBMedian,
    peakRssMBMax: brief.vmHWMMBMax,
    rssAfterInitMB: brief.rssAfterInitMBMedian,
    editSamples: brief.editSamples,
    mode: brief.mode,
    sync: brief.sync,
    editPoint: brief.editPoint,
    diagsOpen: brief.openDiagCount,
    diagsLast: brief.lastDiagCount,
    diagsComplete: brief.completeDiagCount,
    openPublishes: brief.openPublishCount,
    openDiagSample: brief.openDiagSample,
    contentRequests: (brief.contentRequests || []).length,
    perRep: ok.map((r) => ({
      startupMs: r1(r.startupMs),
      coldOpenMs: r1(r.coldOpenMs),
      coldOpenCpuMs: r1(r.coldOpenCpuMs),
      coldOpenCompleteMs: r1(r.coldOpenCompleteMs),
      peakRssMB: r1(r.vmHWMkB / 1024),
      edits: r.edits.map((e) => [r1(e.ms), r1(e.cpuMs)]),
    })),
    benchWallS: r1(wallMs / 1000),
  };
}

async function profileRun(file, dir, opts) {
  // Two sessions under --cpu-prof: open only, and open + N edits; their difference is the edit phase.
  const edits = opts.quick ? 20 : 40;
  const one = async (n) => {
    const profDir = path.join(dir, 'profiles', `${path.basename(file)}-${n}edits-${Date.now()}`);
    fs.mkdirSync(profDir, { recursive: true });
    // keep the source map of the bundle that actually runs, in case someone rebuilds meanwhile
    fs.copyFileSync(path.join(REPO, 'dist', 'server.js.map'), path.join(profDir, 'server.js.map'));
    const lang = /dockerfile$/i.test(file) ? 'dockerfile' : 'yaml';
    const cfg = materializeConfig('harden', {
      repo: REPO,
      dir,
      extra: {
        __suffix: '-cpuprof',
        name: 'harden --cpu-prof',
        command: ['node', '--cpu-prof', `--cpu-prof-dir=${profDir}`, path.join(REPO, 'dist', 'server.js'), '--stdio'],
      },
    });
    log(`[bench] profile: harden --cpu-prof × ${path.basename(file)} (1 rep, ${n} edits)`);
    const out = await runProcess(
      process.execPath,
      [
        path.join(HARNESS, 'lspbench.mjs'),
        '--config',
        cfg.path,
        '--file',
        file,
        '--language-id',
        lang,
        '--reps',
        '1',
        '--edits',
        String(n),
        '--warmup-edits',
        '0',
        '--warm-opens',
        '0',
      ],
      { cwd: dir, onStderr: (d) => process.stderr.write('    ' + d) },
    );
    const prof = fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    if (!prof.length) throw new Error('no .cpuprofile written (server did not exit cleanly?)');
    return {
      brief: lastJsonLine(out),
      summary: summariseProfile(path.join(profDir, prof[0]), {
        bundle: path.join(REPO, 'dist', 'server.js'),
        mapFile: path.join(profDir, 'server.js.map'),
        top: 25,
      }),
    };
  };
  try {
    const base = await one(0);
    const full = await one(edits);
    const editOnly = diffSummaries(full.summary, base.summary, 25);
    const strip = ({ raw, ...rest }) => rest;
    return {
      file: path.basename(file),
      lines: full.brief.lines,
      edits,
      coldOpenMs: full.brief.coldOpenMsMedian,
      coldOpenCpuMs: full.brief.coldOpenCpuMsMedian,
      editMsMedian: full.brief.editMsMedian,
      editCpuMsMedian: full.brief.editCpuMsMedian,
      ...strip(full.summary),
      openOnly: strip(base.summary),
      editPhase: strip(editOnly),
    };
  } catch (e) {
    return { file: path.basename(file), error: String(e.message) };
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
