// The benchmark's cache directory: the generated synthetic corpus and CLI tree, a copy of the benchmark corpus
// (so that each file's folder, the workspace root lspbench gives the server, holds only the files it held in the
// team's harness), and, only for `--only all`, the incumbent servers installed with npm. Everything comes from
// the repository (bench/harness/, test/fixtures/corpus/); nothing is written into the repository.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HERE = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname);
export const REPO = path.resolve(HERE, '..', '..');
export const HARNESS = path.join(REPO, 'bench', 'harness');
const CORPUS = path.join(REPO, 'test', 'fixtures', 'corpus');

/**
 * The benchmark corpus: the real files the team's harness measured (a subset of test/fixtures/corpus, which
 * has more). gen-synthetic.mjs concatenates the Dockerfiles listed here (not the Windows one) into big.Dockerfile.
 */
export const BENCH_CORPUS = {
  k8s: [
    'argocd-install.yaml',
    'istio-addons-grafana.yaml',
    'istio-crd-all.gen.yaml',
    'istio-prow-calico.yaml',
    'k8sex-cassandra-statefulset.yaml',
    'k8sex-guestbook-all-in-one.yaml',
    'msdemo-frontend.yaml',
    'msdemo-kubernetes-manifests.yaml',
    'promop-crd-prometheuses.yaml',
  ],
  docker: [
    'argocd.Dockerfile',
    'istio-bookinfo-reviews.Dockerfile',
    'k8sex-cassandra.Dockerfile',
    'moby-windows.Dockerfile',
    'moby.Dockerfile',
    'msdemo-cartservice.Dockerfile',
    'msdemo-frontend.Dockerfile',
    'php-8.2-bookworm-apache.Dockerfile',
  ],
};

/**
 * The Kubernetes JSON schema for the "yaml-language-server +k8s schema" row (not in the repository): the folder
 * HARDEN_BENCH_K8S_SCHEMA names, else `k8s-schema` beside the folder HARDEN_BENCH_SHARED names; null when unset
 * or missing (that row is then left out).
 */
export function schemaDir() {
  const d = process.env.HARDEN_BENCH_K8S_SCHEMA || (process.env.HARDEN_BENCH_SHARED ? path.resolve(process.env.HARDEN_BENCH_SHARED, '..', 'k8s-schema') : null);
  return d && fs.existsSync(d) ? path.resolve(d) : null;
}

export function cacheDir() {
  if (process.env.HARDEN_BENCH_CACHE) return path.resolve(process.env.HARDEN_BENCH_CACHE);
  if (process.env.XDG_CACHE_HOME) return path.join(path.resolve(process.env.XDG_CACHE_HOME), 'harden-bench');
  return path.join(os.tmpdir(), 'harden-bench-cache');
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
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 2, 2] }); // stdout too: run.mjs prints only the tables there
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.error ? r.error.message : r.status})`);
}

/**
 * Makes sure the cache holds the benchmark corpus and the synthetic inputs (all offline, from the repository).
 * Returns where they are. The neighbours workspace: the 1,000-Deployment file in a folder that also holds the
 * 100-Deployment file and the 10.5k-line Dockerfile (issue 19).
 */
export function prepareCache({ repo = REPO, log = console.error } = {}) {
  const dir = cacheDir();
  if (dir === repo || dir.startsWith(repo + path.sep)) throw new Error(`cache dir ${dir} is inside the repository; set HARDEN_BENCH_CACHE elsewhere`);
  fs.mkdirSync(dir, { recursive: true });
  // The corpus, copied into folders of the same shape as the harness's (the workspace root is the file's folder).
  for (const [kind, files] of Object.entries(BENCH_CORPUS)) {
    for (const f of files) copyIfChanged(path.join(CORPUS, kind, f), path.join(dir, 'corpus', kind, f));
  }
  // gen-synthetic.mjs reads corpus/docker and writes corpus/synthetic beside itself: run a copy in the cache.
  const genChanged = copyIfChanged(path.join(HARNESS, 'gen-synthetic.mjs'), path.join(dir, 'gen-synthetic.mjs'));
  const synth = path.join(dir, 'corpus', 'synthetic');
  const want = ['deployments-1000.yaml', 'deployments-100.yaml', 'big.Dockerfile'];
  if (genChanged || !want.every((f) => fs.existsSync(path.join(synth, f)))) {
    log('[bench] generating the synthetic corpus');
    run(process.execPath, ['gen-synthetic.mjs'], dir, () => {});
  }
  // Each synthetic file gets a folder of its own: lspbench makes the file's folder the workspace root, and
  // our server indexes the workspace on start, so a 10k-line Dockerfile must not come with a 56k-line YAML.
  const isolated = path.join(dir, 'corpus', 'isolated');
  for (const f of want) copyIfChanged(path.join(synth, f), path.join(isolated, f.replace(/\.[^.]+$/, ''), f));
  // ...except in the neighbours workspace, where they come together on purpose.
  const neighbours = path.join(dir, 'corpus', 'neighbours');
  for (const f of want) copyIfChanged(path.join(synth, f), path.join(neighbours, f));
  return {
    dir,
    synth: isolated,
    synthFile: (f) => path.join(isolated, f.replace(/\.[^.]+$/, ''), f),
    corpusFile: (kind, f) => path.join(dir, 'corpus', kind, f),
    neighboursFile: path.join(neighbours, 'deployments-1000.yaml'),
  };
}

/**
 * The incumbents (for `--only all`): bench/harness/incumbents/package*.json installed into the cache with
 * `npm ci` on first use (needs the npm registry once; re-installed when the lockfile changes). Returns null,
 * after saying why once, when they cannot be installed.
 */
export function prepareIncumbents({ dir, log = console.error }) {
  try {
    let lockChanged = false;
    for (const f of ['package.json', 'package-lock.json']) {
      const changed = copyIfChanged(path.join(HARNESS, 'incumbents', f), path.join(dir, f));
      if (f === 'package-lock.json' && changed) lockChanged = true;
    }
    const stamp = path.join(dir, 'node_modules', '.harden-bench-installed');
    if (lockChanged || !fs.existsSync(stamp)) {
      log(`[bench] installing the incumbent servers into ${dir} (needs the npm registry once)`);
      run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], dir, log);
      fs.writeFileSync(stamp, new Date().toISOString() + '\n');
    }
    return { dir };
  } catch (e) {
    log(`[bench] the incumbent servers could not be installed (${e.message}); measuring Harden alone`);
    return null;
  }
}

/** Server config from bench/servers/<name>.json with ${REPO}, ${CACHE}, ${SCHEMA} filled in, written to the cache. */
export function materializeConfig(name, { repo, dir, extra = {} }) {
  const raw = fs.readFileSync(path.join(repo, 'bench', 'servers', `${name}.json`), 'utf8');
  const filled = raw
    .replaceAll('${REPO}', repo)
    .replaceAll('${CACHE}', dir)
    .replaceAll('${SCHEMA}', schemaDir() ?? '');
  const cfg = { ...JSON.parse(filled), ...extra };
  const out = path.join(dir, 'servers', `${name}${extra.__suffix ?? ''}.json`);
  delete cfg.__suffix;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(cfg, null, 2));
  return { path: out, cfg };
}
