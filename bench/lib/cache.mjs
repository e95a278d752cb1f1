// The benchmark's cache directory: a private copy of the shared lspbench harness with its own
// node_modules (the incumbent servers), the generated synthetic corpus and the CLI tree.
// Nothing is ever written into the repository or into /work/shared/bench.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The incumbents' LSP harness (optional, for comparisons only): HARDEN_BENCH_SHARED names its folder; no path of
// one machine is assumed (default: a `shared/bench` folder beside this repository). Tests never read it.
export const SHARED =
  process.env.HARDEN_BENCH_SHARED || path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'shared', 'bench');
export const SCHEMA_DIR = path.resolve(SHARED, '..', 'k8s-schema');
const HARNESS_FILES = ['lspbench.mjs', 'floor.mjs', 'gen-synthetic.mjs', 'report.mjs', 'package.json', 'package-lock.json'];

export function cacheDir() {
  if (process.env.HARDEN_BENCH_CACHE) return path.resolve(process.env.HARDEN_BENCH_CACHE);
  if (process.env.XDG_CACHE_HOME) return path.join(path.resolve(process.env.XDG_CACHE_HOME), 'harden-bench');
  return '/tmp/harden-bench-cache';
}

function copyIfChanged(from, to) {
  const src = fs.readFileSync(from);
  if (fs.existsSync(to) && fs.readFileSync(to).equals(src)) return false;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, src);
  return true;
}

function run(cmd, args, cwd, log) {
  log(`$ (cd ${cwd} && ${cmd} ${args.join(' ')})`);
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status})`);
}

/**
 * Makes sure the cache holds the harness, its node_modules and the synthetic corpus. Only the first
 * run (or a changed package-lock.json) needs the npm registry; later runs are offline.
 */
export function prepareCache({ repo, log = console.error }) {
  const dir = cacheDir();
  if (dir === repo || dir.startsWith(repo + path.sep)) throw new Error(`cache dir ${dir} is inside the repository; set HARDEN_BENCH_CACHE elsewhere`);
  fs.mkdirSync(dir, { recursive: true });
  let lockChanged = false;
  for (const f of HARNESS_FILES) {
    const changed = copyIfChanged(path.join(SHARED, f), path.join(dir, f));
    if (f === 'package-lock.json' && changed) lockChanged = true;
  }
  // gen-synthetic.mjs reads corpus/docker relative to itself: give it a copy of the real Dockerfiles.
  for (const f of fs.readdirSync(path.join(SHARED, 'corpus', 'docker'))) {
    copyIfChanged(path.join(SHARED, 'corpus', 'docker', f), path.join(dir, 'corpus', 'docker', f));
  }
  const stamp = path.join(dir, 'node_modules', '.harden-bench-installed');
  if (lockChanged || !fs.existsSync(stamp)) {
    log(`[bench] installing the incumbent servers into ${dir} (needs the npm registry once)`);
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], dir, log);
    fs.writeFileSync(stamp, new Date().toISOString() + '\n');
  }
  const synth = path.join(dir, 'corpus', 'synthetic');
  const want = ['deployments-1000.yaml', 'deployments-100.yaml', 'big.Dockerfile'];
  if (!want.every((f) => fs.existsSync(path.join(synth, f)))) {
    log('[bench] generating the synthetic corpus');
    run(process.execPath, ['gen-synthetic.mjs'], dir, () => {});
  }
  // Each synthetic file gets a folder of its own: lspbench makes the file's folder the workspace root, and
  // our server indexes the workspace on start, so a 10k-line Dockerfile must not come with a 56k-line YAML.
  const isolated = path.join(dir, 'corpus', 'isolated');
  for (const f of want) copyIfChanged(path.join(synth, f), path.join(isolated, f.replace(/\.[^.]+$/, ''), f));
  return { dir, synth: isolated, synthFile: (f) => path.join(isolated, f.replace(/\.[^.]+$/, ''), f), sharedCorpus: path.join(SHARED, 'corpus') };
}

/** Server config from bench/servers/<name>.json with ${REPO}, ${CACHE}, ${SCHEMA} filled in, written to the cache. */
export function materializeConfig(name, { repo, dir, extra = {} }) {
  const raw = fs.readFileSync(path.join(repo, 'bench', 'servers', `${name}.json`), 'utf8');
  const filled = raw.replaceAll('${REPO}', repo).replaceAll('${CACHE}', dir).replaceAll('${SCHEMA}', SCHEMA_DIR);
  const cfg = { ...JSON.parse(filled), ...extra };
  const out = path.join(dir, 'servers', `${name}${extra.__suffix ?? ''}.json`);
  delete cfg.__suffix;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(cfg, null, 2));
  return { path: out, cfg };
}
