// Kustomize scenario (issue 16): a generated repository with one base used by 20 overlays (each with a name
// prefix, a namespace, labels, an images entry, a strategic-merge patch and a ConfigMap generator). Measures
// the server's work per edit of the base Deployment: what the language server does on that edit — the
// base's findings through every overlay built from it (KustomizeService, cached builds and lints), plus the
// list of open dependants to re-lint. CPU time (user + system) per edit, median and p95, after warm-up.
// Usage (from the repo root): node --import tsx bench/kustomize.mjs [--overlays N] [--edits N] [--warmup N] [--disk].
// --warmup N: N untimed edits first (default 2), to tell the steady state from V8's warm-up of the first edits.
// --disk: the files sit in a temporary folder read through the server's file system (node:fs, the edited base
// an open editor buffer over it) instead of an in-memory map. Prints one JSON line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
let overlays = 20,
  edits = 30,
  warmup = 2,
  disk = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--overlays') overlays = +args[++i];
  else if (args[i] === '--edits') edits = +args[++i];
  else if (args[i] === '--warmup') warmup = +args[++i];
  else if (args[i] === '--disk') disk = true;
}

// The V8 flags the server sets for itself at start (its launch flags come from bench/run.mjs).
const { applyRuntimeV8Flags } = await import('../server/src/hosts/node/v8Flags.ts');
applyRuntimeV8Flags();
const { KustomizeService, DEFAULT_SETTINGS } = await import('../server/src/engine/index.ts');

const tempDir = disk ? mkdtempSync(join(tmpdir(), 'harden-bench-kustomize-')) : undefined;
const ROOT = tempDir ?? '/repo';
const BASE_DEPLOYMENT = `${ROOT}/base/deployment.yaml`;
const deployment = (marker) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    revision: "${marker}"
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: {type: RuntimeDefault}}
      containers:
      - name: app
        image: registry.example.com/web:1.0.0
        envFrom: [{configMapRef: {name: settings}}]
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}
        livenessProbe: {httpGet: {path: /healthz, port: 8080}}
        readinessProbe: {httpGet: {path: /ready, port: 8080}}
      - name: proxy
        image: registry.example.com/proxy:2.1.0
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 64Mi}}
        livenessProbe: {tcpSocket: {port: 9090}}
        readinessProbe: {tcpSocket: {port: 9090}}
`;
const files = new Map([
  [`${ROOT}/base/kustomization.yaml`, 'resources:\n- deployment.yaml\n- service.yaml\nconfigMapGenerator:\n- name: settings\n  literals: [MODE=base]\n'],
  [BASE_DEPLOYMENT, deployment('0')],
  [
    `${ROOT}/base/service.yaml`,
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n',
  ],
]);
for (let i = 0; i < overlays; i++) {
  const dir = `${ROOT}/overlays/env-${i}`;
  files.set(
    `${dir}/kustomization.yaml`,
    `resources:\n- ../../base\nnamePrefix: env${i}-\nnamespace: env-${i}\nlabels:\n- pairs: {env: env-${i}}\n  includeSelectors: true\nimages:\n- name: registry.example.com/web\n  newTag: 1.0.${i}\npatches:\n- path: patch.yaml\nconfigMapGenerator:\n- name: settings\n  behavior: merge\n  literals: [ENV=env-${i}]\n`,
  );
  files.set(
    `${dir}/patch.yaml`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${3 + (i % 3)}\n  template:\n    spec:\n      containers:\n      - name: app\n        resources:\n          limits: {memory: ${256 + i}Mi}\n`,
  );
}
let fs = { exists: (p) => files.has(p), readFile: (p) => files.get(p) };
let version = 0;
if (disk) {
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  process.on('exit', () => rmSync(tempDir, { recursive: true, force: true }));
  const { NodeFileSystem, withOpenDocuments } = await import('../server/src/hosts/node/nodeFileSystem.ts');
  // As the language server reads them: the edited base is an open buffer (`files` holds its text), the rest on disk.
  fs = withOpenDocuments(new NodeFileSystem(), (p) => (p === BASE_DEPLOYMENT ? { text: files.get(p), version } : undefined));
}
// Reads of the host file system, counted per edit.
let reads = 0;
const host = fs;
fs = { ...host, readFile: (p) => (reads++, host.readFile(p)) };
const service = new KustomizeService(fs, () => ({ roots: [ROOT] }));
service.setKustomizations([...files.keys()].filter((p) => p.endsWith('kustomization.yaml')));
const settingsOf = () => DEFAULT_SETTINGS;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const r2 = (x) => Math.round(x * 100) / 100;

let t = performance.now();
let c = cpuMs();
const first = service.findingsFor(BASE_DEPLOYMENT, settingsOf);
const openMs = { wall: performance.now() - t, cpu: cpuMs() - c };
const topLevel = service.topLevel().length;

const cpu = [],
  wall = [],
  readCounts = [];
for (let i = 0; i < edits + warmup; i++) {
  files.set(BASE_DEPLOYMENT, deployment(String(i + 1))); // one keystroke in the base
  version++;
  reads = 0;
  t = performance.now();
  c = cpuMs();
  service.findingsFor(BASE_DEPLOYMENT, settingsOf);
  service.dependants(BASE_DEPLOYMENT);
  if (i >= warmup) {
    cpu.push(cpuMs() - c);
    wall.push(performance.now() - t);
    readCounts.push(reads);
  }
}
console.log(
  JSON.stringify({
    scenario: `base edited, used by ${overlays} overlays`,
    overlays,
    disk,
    warmup,
    topLevel,
    files: files.size,
    baseFindings: first.length,
    openCpuMs: r2(openMs.cpu),
    openWallMs: r2(openMs.wall),
    editCpuMsMedian: r2(median(cpu)),
    editCpuMsP95: r2(p95(cpu)),
    editWallMsMedian: r2(median(wall)),
    editSamples: cpu.length,
    readsPerEdit: median(readCounts),
    budgetCpuMs: 30,
  }),
);
