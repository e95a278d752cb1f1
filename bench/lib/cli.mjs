// CLI throughput: a generated tree of small manifests (Deployments and Services, one object per file),
// linted by `node bin/harden.js lint <dir> --format json --output /dev/null` with one thread (`--jobs 1`)
// and with the default (one per CPU, worker threads); wall time -> files/s.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const deployment = (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 23}
  labels:
    app: app-${i}
spec:
  replicas: ${(i % 3) + 1}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: main
          image: registry.example.com/team-${i % 23}/app-${i}:1.${i % 40}.0
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
`;

const service = (i) => `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 23}
spec:
  selector:
    app: app-${i}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;

/** 5,000 files by default in 50 directories of 100: app-N/deployment.yaml and app-N/service.yaml pairs. */
export function ensureCliTree(cacheDir, files = 5000) {
  const root = path.join(cacheDir, `cli-tree-${files}`);
  const stamp = path.join(root, '.complete');
  if (fs.existsSync(stamp)) return root;
  fs.rmSync(root, { recursive: true, force: true });
  for (let n = 0; n < files; n++) {
    const i = n >> 1;
    const dir = path.join(root, `team-${String(Math.floor(n / 100)).padStart(2, '0')}`);
    if (n % 100 === 0) fs.mkdirSync(dir, { recursive: true });
    const body = n % 2 === 0 ? deployment(i) : service(i);
    fs.writeFileSync(path.join(dir, `app-${i}-${n % 2 === 0 ? 'deployment' : 'service'}.yaml`), body);
  }
  fs.writeFileSync(stamp, `${files}\n`);
  return root;
}

function vmHWMkB(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return m ? +m[1] : null;
  } catch {
    return null;
  }
}

/** One timed CLI run; peak RSS is VmHWM sampled every 20 ms (it only grows, so the last sample is close). */
export function timeCli(repo, dir, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(repo, 'bin', 'harden.js'), 'lint', dir, '--format', 'json', '--output', '/dev/null', ...extraArgs], {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    let peak = 0;
    const poll = setInterval(() => {
      const v = vmHWMkB(child.pid);
      if (v) peak = Math.max(peak, v);
    }, 20);
    child.on('error', (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      const ms = performance.now() - t0;
      // exit 1 = findings (expected); 2 = usage/internal error
      if (code !== 0 && code !== 1) return reject(new Error(`harden lint exited ${code}: ${stderr}`));
      resolve({ ms, exitCode: code, peakRssMB: peak / 1024, stderrTail: stderr.slice(-300) });
    });
  });
}
