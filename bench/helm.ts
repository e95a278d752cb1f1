// npx tsx bench/helm.ts [--edits N] — CPU of one values.yaml edit in a 40-template Helm chart, in process:
// the Linter re-renders the chart, lints the 40 rendered manifests (unchanged ones come from the YAML
// cache) and maps the findings back, then the open template's re-lint is served from the chart cache.
// The chart is generated into a temporary folder (20 Deployments, 20 Services, shared helpers).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from '../server/src/engine';
import { NodeFileSystem } from '../server/src/hosts/node/nodeFileSystem';
import { applyRuntimeV8Flags } from '../server/src/hosts/node/v8Flags';

// The V8 flags the server sets for itself at start (its launch flags come from bench/run.mjs).
applyRuntimeV8Flags();
const edits = Number(process.argv[process.argv.indexOf('--edits') + 1]) || 50;
const dir = mkdtempSync(join(tmpdir(), 'harden-helm-bench-'));
mkdirSync(join(dir, 'templates'));
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: bench\nversion: 1.0.0\nappVersion: "1.0"\n');
const components = Array.from({ length: 20 }, (_, i) => `svc${i}`);
const values = [
  'global:\n  registry: registry.example.com',
  ...components.flatMap((c, i) => [
    `${c}:`,
    `  replicaCount: ${1 + (i % 3)}`,
    '  image:',
    `    repository: team/${c}`,
    `    tag: "1.${i}.0"`,
    '  securityContext:',
    `    privileged: ${i % 5 === 0}`,
    '    runAsNonRoot: true',
    '    allowPrivilegeEscalation: false',
    '  resources:',
    '    requests: {cpu: 100m, memory: 128Mi}',
    '    limits: {memory: 256Mi}',
    '  service:',
    `    port: ${8000 + i}`,
  ]),
].join('\n');
writeFileSync(join(dir, 'values.yaml'), `${values}\n`);
writeFileSync(
  join(dir, 'templates', '_helpers.tpl'),
  `{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 }}
{{- end }}
`,
);
for (const c of components) {
  writeFileSync(
    join(dir, 'templates', `${c}-deployment.yaml`),
    `{{- $v := .Values.${c} }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-${c}
  labels: {{- include "bench.labels" (dict "name" "${c}" "root" .) | nindent 4 }}
spec:
  replicas: {{ $v.replicaCount }}
  selector:
    matchLabels: {{- include "bench.labels" (dict "name" "${c}" "root" .) | nindent 6 }}
  template:
    metadata:
      labels: {{- include "bench.labels" (dict "name" "${c}" "root" .) | nindent 8 }}
    spec:
      containers:
        - name: ${c}
          image: "{{ .Values.global.registry }}/{{ $v.image.repository }}:{{ $v.image.tag }}"
          ports:
            - containerPort: {{ $v.service.port }}
          securityContext: {{- toYaml $v.securityContext | nindent 12 }}
          resources: {{- toYaml $v.resources | nindent 12 }}
`,
  );
  writeFileSync(
    join(dir, 'templates', `${c}-service.yaml`),
    `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-${c}
  labels: {{- include "bench.labels" (dict "name" "${c}" "root" .) | nindent 4 }}
spec:
  selector: {{- include "bench.labels" (dict "name" "${c}" "root" .) | nindent 4 }}
  ports:
    - port: {{ .Values.${c}.service.port }}
`,
  );
}

const linter = new Linter({}, new NodeFileSystem());
const valuesPath = join(dir, 'values.yaml');
const openTemplate = join(dir, 'templates', 'svc3-deployment.yaml');
const first = linter.lint({ path: valuesPath, text: `${values}\n` });
const cpuMs = (f: () => void) => {
  const before = process.cpuUsage();
  f();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
const samples: number[] = [];
let text = `${values}\n`;
for (let i = 0; i < edits + 3; i++) {
  // A value every template reads a neighbour of: svc3's replica count, 1..9.
  text = text.replace(/(svc3:\n {2}replicaCount: )\d+/, `$1${1 + (i % 9)}`);
  const ms = cpuMs(() => {
    linter.lint({ path: valuesPath, text });
    linter.lint({ path: openTemplate, text: readFileSync(openTemplate, 'utf8') });
  });
  if (i >= 3) samples.push(ms);
}
samples.sort((a, b) => a - b);
const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
console.log(
  `Helm values.yaml edit, 40-template chart (${first.findings.length} findings on values.yaml): CPU per edit median ${pct(50).toFixed(1)} ms, p90 ${pct(90).toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms over ${samples.length} edits`,
);
// The same as one JSON line, last, for bench/run.mjs.
console.log(
  JSON.stringify({
    scenario: 'values.yaml edited, 40-template chart',
    edits: samples.length,
    findingsOnValues: first.findings.length,
    editCpuMsMedian: Math.round(pct(50) * 100) / 100,
    editCpuMsP90: Math.round(pct(90) * 100) / 100,
    budgetCpuMs: 50,
  }),
);
rmSync(dir, { recursive: true, force: true });
