// Every snippet in snippets/ expands (first value of every placeholder and choice, mirrors resolved, final tab
// stop removed) to a fragment that, embedded where it belongs in a hardened host manifest or Dockerfile, parses
// and is clean of the hardening rules it is about. Run: node --import tsx --test test/snippets/*.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Linter, allRules, type EngineSettings, type Finding, type HostFileSystem } from '../../server/src/engine';

const ROOT = join(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

function loadSnippets(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8'));
}

// ---------------------------------------------------------------------------------------------------------
// TextMate/VS Code snippet syntax: $1, ${1}, ${1:default}, ${1|a,b|}, ${1/re/fmt/opts}, $VAR, ${VAR:default}.
// ---------------------------------------------------------------------------------------------------------

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

interface Transform {
  regex: string;
  format: string;
  options: string;
}

/** VS Code's snippet variables, resolved to what they would be in a file `my-app/deployment.yaml`. */
const VARIABLES: Record<string, string> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'deployment.yaml',
  TM_FILENAME_BASE: 'deployment',
  TM_DIRECTORY: '/workspace/my-app',
  TM_FILEPATH: '/workspace/my-app/deployment.yaml',
  RELATIVE_FILEPATH: 'my-app/deployment.yaml',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'my-app',
  WORKSPACE_FOLDER: '/workspace',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2026',
  CURRENT_YEAR_SHORT: '26',
  CURRENT_MONTH: '01',
  CURRENT_MONTH_NAME: 'January',
  CURRENT_MONTH_NAME_SHORT: 'Jan',
  CURRENT_DATE: '01',
  CURRENT_DAY_NAME: 'Monday',
  CURRENT_DAY_NAME_SHORT: 'Mon',
  CURRENT_HOUR: '12',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  CURRENT_SECONDS_UNIX: '1767268800',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '123456',
  RANDOM_HEX: 'abcdef',
  UUID: '00000000-0000-4000-8000-000000000000',
  LINE_COMMENT: '#',
  BLOCK_COMMENT_START: '',
  BLOCK_COMMENT_END: '',
};

class SnippetParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.nodes(new Set());
    assert.equal(this.pos, this.src.length, `unbalanced snippet syntax at ${this.pos}: ${this.src.slice(this.pos, this.pos + 40)}`);
    return nodes;
  }

  /** Nodes up to (not including) an unescaped character of `stop`. */
  private nodes(stop: Set<string>): SnippetNode[] {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (stop.has(ch)) break;
      if (ch === '\\' && ['$', '}', '\\'].includes(this.src[this.pos + 1])) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (ch === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
          continue;
        }
      }
      text += ch;
      this.pos++;
    }
    flush();
    return out;
  }

  private dollar(): SnippetNode | undefined {
    const rest = this.src.slice(this.pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'variable', name: m[1] };
    }
    m = /^\$\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (!m) return undefined;
    const start = this.pos;
    this.pos += m[0].length;
    const isTabstop = /^\d/.test(m[1]);
    const base: SnippetNode = isTabstop ? { kind: 'tabstop', index: Number(m[1]) } : { kind: 'variable', name: m[1] };
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return base;
    }
    if (next === ':') {
      this.pos++;
      const children = this.nodes(new Set(['}']));
      this.expect('}', start);
      return { ...base, children };
    }
    if (next === '|' && base.kind === 'tabstop') {
      this.pos++;
      const choices: string[] = [];
      let current = '';
      while (this.pos < this.src.length && !(this.src[this.pos] === '|' && this.src[this.pos + 1] === '}')) {
        const ch = this.src[this.pos];
        if (ch === '\\' && [',', '|', '\\', '$', '}'].includes(this.src[this.pos + 1])) {
          current += this.src[this.pos + 1];
          this.pos += 2;
        } else if (ch === ',') {
          choices.push(current);
          current = '';
          this.pos++;
        } else {
          current += ch;
          this.pos++;
        }
      }
      choices.push(current);
      this.expect('|', start);
      this.expect('}', start);
      return { ...base, choices };
    }
    if (next === '/') {
      this.pos++;
      const regex = this.until('/');
      const format = this.until('/', true);
      const options = this.until('}');
      return { ...base, transform: { regex, format, options } };
    }
    assert.fail(`malformed \${…} at ${start}: ${this.src.slice(start, start + 30)}`);
  }

  /** Raw text up to `end`; in a format string, `${1:/upcase}`-style groups are kept whole. */
  private until(end: string, format = false): string {
    let value = '';
    while (this.pos < this.src.length && this.src[this.pos] !== end) {
      if (this.src[this.pos] === '\\' && this.pos + 1 < this.src.length) {
        value += this.src.slice(this.pos, this.pos + 2);
        this.pos += 2;
      } else if (format && this.src.startsWith('${', this.pos)) {
        const close = this.src.indexOf('}', this.pos);
        assert.ok(close > 0, 'unclosed ${ in a transform format');
        value += this.src.slice(this.pos, close + 1);
        this.pos = close + 1;
      } else value += this.src[this.pos++];
    }
    this.expect(end, this.pos);
    return value;
  }

  private expect(ch: string, start: number): void {
    assert.equal(this.src[this.pos], ch, `expected "${ch}" closing the construct at ${start}: ${this.src.slice(start, start + 40)}`);
    this.pos++;
  }
}

interface Expansion {
  text: string;
  /** Variables that VS Code does not know (it would insert their name as text). */
  unknownVariables: string[];
  tabstops: number[];
}

function bodyText(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/** What VS Code inserts when the user accepts every default: first choice, placeholder text, mirrors alike. */
function expand(snippet: Snippet): Expansion {
  const nodes = new SnippetParser(bodyText(snippet)).parse();
  const unknownVariables: string[] = [];
  const defaults = new Map<number, SnippetNode[] | string>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'text') continue;
      if (node.kind === 'tabstop') {
        if (node.choices && !defaults.has(node.index)) defaults.set(node.index, node.choices[0]);
        if (node.children && !defaults.has(node.index)) defaults.set(node.index, node.children);
      }
      if (node.children) collect(node.children);
    }
  };
  collect(nodes);
  const render = (list: SnippetNode[], seen: number[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.value;
        if (node.kind === 'variable') {
          if (node.name in VARIABLES && VARIABLES[node.name] !== '') return applyTransform(VARIABLES[node.name], node.transform);
          if (!(node.name in VARIABLES)) unknownVariables.push(node.name);
          return node.children ? render(node.children, seen) : '';
        }
        if (node.index === 0) return node.children ? render(node.children, seen) : '';
        if (seen.includes(node.index)) assert.fail(`tab stop $${node.index} contains itself`);
        const value = defaults.get(node.index);
        const text = value === undefined ? '' : typeof value === 'string' ? value : render(value, [...seen, node.index]);
        return applyTransform(text, node.transform);
      })
      .join('');
  const tabstops = new Set<number>();
  const visit = (list: SnippetNode[]) =>
    list.forEach((n) => {
      if (n.kind === 'tabstop') tabstops.add(n.index);
      if (n.kind !== 'text' && n.children) visit(n.children);
    });
  visit(nodes);
  return { text: render(nodes, []), unknownVariables, tabstops: [...tabstops].sort((a, b) => a - b) };
}

function applyTransform(value: string, transform: Transform | undefined): string {
  if (!transform) return value;
  const regex = new RegExp(transform.regex, transform.options.replace(/[^gimsuy]/g, ''));
  return value.replace(regex, (...groups) =>
    transform.format.replace(/\$(\d+)|\$\{(\d+)(?::\/(upcase|downcase|capitalize))?\}/g, (_m, a, b, fn) => {
      const g = String(groups[Number(a ?? b)] ?? '');
      if (fn === 'upcase') return g.toUpperCase();
      if (fn === 'downcase') return g.toLowerCase();
      if (fn === 'capitalize') return g.charAt(0).toUpperCase() + g.slice(1);
      return g;
    }),
  );
}

/**
 * Inserts `fragment` the way VS Code does at a cursor placed after `{{slot}}`'s indentation: the first line at
 * the cursor, every following line prefixed with the cursor line's leading whitespace. An empty fragment
 * removes the slot line.
 */
function fill(template: string, slots: Record<string, string>): string {
  return template
    .split('\n')
    .flatMap((line) => {
      const m = /^(\s*)\{\{(\w+)\}\}$/.exec(line);
      if (!m) return [line];
      const content = slots[m[2]];
      assert.ok(content !== undefined, `no content for slot ${m[2]}`);
      if (content === '') return [];
      return content
        .replace(/\n$/, '')
        .split('\n')
        .map((l, i) => (i === 0 ? m[1] + l : l === '' ? '' : m[1] + l));
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Hosts: a hardened Deployment (or DaemonSet) with a slot for each block a snippet can provide. Each slot's
// default is the hardened block, so a scenario replaces one block by the snippet (and empties the blocks the
// snippet must make unnecessary, e.g. the pod securityContext for the self-contained container one).
// ---------------------------------------------------------------------------------------------------------

const HOST_BLOCKS: Record<string, string> = {
  grace: 'terminationGracePeriodSeconds: 30',
  podSecurityContext: `securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault`,
  topology: `topologySpreadConstraints:
  - maxSkew: 2
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: DoNotSchedule
    labelSelector:
      matchLabels:
        app.kubernetes.io/name: my-app`,
  containerSecurityContext: `securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop:
      - ALL`,
  resources: `resources:
  requests:
    cpu: 100m
    memory: 128Mi
  limits:
    memory: 128Mi`,
  startupProbe: `startupProbe:
  httpGet:
    path: /healthz
    port: http
  periodSeconds: 5
  failureThreshold: 24`,
  readinessProbe: `readinessProbe:
  httpGet:
    path: /readyz
    port: http`,
  livenessProbe: `livenessProbe:
  httpGet:
    path: /healthz
    port: http`,
  lifecycle: `lifecycle:
  preStop:
    sleep:
      seconds: 15`,
};

function workloadHost(kind: 'Deployment' | 'DaemonSet', name: string): string {
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
spec:
${kind === 'Deployment' ? '  replicas: 3\n' : ''}  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      serviceAccountName: ${name}
      automountServiceAccountToken: false
      {{grace}}
      {{podSecurityContext}}
      {{topology}}
      volumes:
        - name: tmp
          emptyDir: {}
      containers:
        - name: ${name}
          image: registry.example.com/${name}:1.0.0
          ports:
            - name: http
              containerPort: 8080
          volumeMounts:
            - name: tmp
              mountPath: /tmp
          {{containerSecurityContext}}
          {{resources}}
          {{startupProbe}}
          {{readinessProbe}}
          {{livenessProbe}}
          {{lifecycle}}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
automountServiceAccountToken: false
`;
}

/** A Service in front of the workload makes k8s/prestop-hook apply to it. */
const service = (name: string) => `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
`;

const PDB = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: my-app
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: my-app
`;

interface Scenario {
  /** The document to lint, built around the snippet's expansion. */
  build(expansion: string): string;
  /** The rules the snippet is about: none may report anything (any severity) on the document. */
  rules: string[];
  /** Findings of warning/error severity are never accepted; these info ids are (with the reason). */
  acceptedInfo?: Record<string, string>;
  settings?: Partial<EngineSettings>;
  fs?: HostFileSystem;
  path?: string;
  /**
   * Controls that prove the host exercises the rules: without the snippet (or with it weakened), these
   * rules do fire. `mutate` gets the expansion and returns what to embed instead.
   */
  controls: Array<{ mutate: (expansion: string) => string; fires: string[] }>;
}

const without = (line: RegExp) => (x: string) => {
  const out = x
    .split('\n')
    .filter((l) => !line.test(l))
    .join('\n');
  assert.notEqual(out, x, `control: ${line} removes nothing`);
  return out;
};
const replacing = (from: RegExp, to: string) => (x: string) => {
  const out = x.replace(from, to);
  assert.notEqual(out, x, `control: ${from} replaces nothing`);
  return out;
};
const nothing = () => '';

const SECURITY_CONTEXT_RULES = [
  'k8s/run-as-non-root',
  'k8s/run-as-user',
  'k8s/seccomp-profile',
  'k8s/allow-privilege-escalation',
  'k8s/read-only-root-filesystem',
  'k8s/drop-all-capabilities',
  'k8s/dangerous-capabilities',
  'k8s/privileged',
  'k8s/misplaced-field',
];

/** A Deployment host with one slot replaced by the expansion (and `empty` slots removed). */
function inDeployment(slot: string, empty: string[] = []) {
  return (expansion: string) => {
    const slots: Record<string, string> = { ...HOST_BLOCKS, [slot]: expansion };
    for (const s of empty) slots[s] = '';
    return fill(workloadHost('Deployment', 'my-app'), slots) + service('my-app') + PDB;
  };
}

const K8S_SCENARIOS: Record<string, Scenario> = {
  'Hardened Deployment': {
    build: (x) => x + '\n' + service('my-app'),
    // Every Kubernetes rule: the Deployment snippet is the product's showcase.
    rules: allRules.filter((r) => r.meta.id.startsWith('k8s/')).map((r) => r.meta.id),
    controls: [
      { mutate: without(/readOnlyRootFilesystem|mountPath: \/tmp/), fires: ['k8s/read-only-root-filesystem'] },
      { mutate: (x) => x.slice(0, x.lastIndexOf('---\napiVersion: policy/v1')), fires: ['k8s/pdb-missing'] },
      { mutate: replacing(/seconds: 15/, 'seconds: 30'), fires: ['k8s/termination-grace-period'] },
      { mutate: replacing(/(labelSelector:\n\s+matchLabels:\n\s+app\.kubernetes\.io\/name: )my-app/, '$1other'), fires: ['k8s/selector-mismatch'] },
    ],
  },
  PodDisruptionBudget: {
    build: (x) => fill(workloadHost('Deployment', 'my-app'), HOST_BLOCKS) + service('my-app') + '---\n' + x,
    rules: ['k8s/pdb-missing', 'k8s/pdb-blocks-eviction', 'k8s/pdb-selector', 'k8s/deprecated-api-version'],
    controls: [
      { mutate: nothing, fires: ['k8s/pdb-missing'] },
      { mutate: replacing(/maxUnavailable: 1/, 'maxUnavailable: 0'), fires: ['k8s/pdb-blocks-eviction'] },
    ],
  },
  HorizontalPodAutoscaler: {
    // An autoscaled Deployment leaves replicas to the HPA (k8s/replicas-with-hpa).
    build: (x) => fill(workloadHost('Deployment', 'my-app'), HOST_BLOCKS).replace('  replicas: 3\n', '') + service('my-app') + PDB + '---\n' + x,
    rules: ['k8s/hpa-min-replicas', 'k8s/hpa-target', 'k8s/deprecated-api-version', 'k8s/replicas', 'k8s/replicas-with-hpa', 'k8s/pdb-missing'],
    controls: [
      { mutate: replacing(/minReplicas: 3/, 'minReplicas: 1'), fires: ['k8s/hpa-min-replicas'] },
      { mutate: replacing(/(kind: Deployment\n\s+name: )my-app/, '$1other'), fires: ['k8s/hpa-target'] },
    ],
  },
  'Default-deny NetworkPolicy': {
    build: (x) => x,
    rules: ['k8s/deprecated-api-version', 'k8s/misplaced-field'],
    controls: [{ mutate: replacing(/networking\.k8s\.io\/v1/, 'extensions/v1beta1'), fires: ['k8s/deprecated-api-version'] }],
  },
  'DaemonSet Service (node-local traffic)': {
    build: (x) => fill(workloadHost('DaemonSet', 'my-daemon'), { ...HOST_BLOCKS, topology: '' }) + '---\n' + x,
    rules: ['k8s/daemonset-traffic-policy', 'k8s/topology-aware-routing', 'k8s/prestop-hook'],
    controls: [{ mutate: without(/internalTrafficPolicy/), fires: ['k8s/daemonset-traffic-policy'] }],
  },
  'Topology spread constraints': {
    build: inDeployment('topology'),
    rules: ['k8s/topology-spread', 'k8s/selector-mismatch', 'k8s/misplaced-field'],
    controls: [
      { mutate: nothing, fires: ['k8s/topology-spread'] },
      { mutate: (x) => x.replace(/my-app/g, 'other'), fires: ['k8s/selector-mismatch'] },
    ],
  },
  'preStop sleep hook': {
    build: inDeployment('lifecycle', ['grace']),
    rules: ['k8s/prestop-hook', 'k8s/termination-grace-period', 'k8s/misplaced-field'],
    controls: [
      { mutate: nothing, fires: ['k8s/prestop-hook'] },
      { mutate: replacing(/seconds: 15/, 'seconds: 30'), fires: ['k8s/termination-grace-period'] },
      { mutate: (x) => x.replace(/\n {2}/g, '\n').replace(/^lifecycle:\n/m, ''), fires: ['k8s/misplaced-field'] },
    ],
  },
  'preStop exec sleep hook (before Kubernetes 1.30)': {
    build: inDeployment('lifecycle', ['grace']),
    rules: ['k8s/prestop-hook', 'k8s/termination-grace-period', 'k8s/misplaced-field'],
    controls: [
      { mutate: nothing, fires: ['k8s/prestop-hook'] },
      { mutate: replacing(/sleep 15/, 'sleep 30'), fires: ['k8s/termination-grace-period'] },
    ],
    settings: { kubernetesVersion: '1.29' },
  },
  terminationGracePeriodSeconds: {
    build: inDeployment('grace'),
    rules: ['k8s/prestop-hook', 'k8s/termination-grace-period', 'k8s/misplaced-field'],
    controls: [{ mutate: replacing(/: 30/, ': 15'), fires: ['k8s/termination-grace-period'] }],
  },
  'Pod securityContext': {
    build: inDeployment('podSecurityContext'),
    rules: SECURITY_CONTEXT_RULES,
    controls: [
      { mutate: nothing, fires: ['k8s/run-as-non-root', 'k8s/seccomp-profile', 'k8s/run-as-user'] },
      { mutate: (x) => x.trimEnd() + '\n  readOnlyRootFilesystem: true', fires: ['k8s/misplaced-field'] },
    ],
  },
  'Container securityContext': {
    // Self-contained: clears every security-context rule for its container without a pod securityContext.
    build: inDeployment('containerSecurityContext', ['podSecurityContext']),
    rules: SECURITY_CONTEXT_RULES,
    controls: [
      {
        mutate: nothing,
        fires: ['k8s/run-as-non-root', 'k8s/seccomp-profile', 'k8s/allow-privilege-escalation', 'k8s/read-only-root-filesystem', 'k8s/drop-all-capabilities'],
      },
    ],
  },
  'Probes (startup, readiness, liveness)': {
    build: inDeployment('startupProbe', ['readinessProbe', 'livenessProbe']),
    rules: ['k8s/readiness-probe', 'k8s/liveness-probe', 'k8s/startup-probe', 'k8s/probe-port', 'k8s/misplaced-field'],
    controls: [
      { mutate: nothing, fires: ['k8s/readiness-probe', 'k8s/liveness-probe'] },
      { mutate: (x) => x.replace(/port: http/g, 'port: metrics'), fires: ['k8s/probe-port'] },
    ],
  },
  readinessProbe: {
    build: inDeployment('readinessProbe'),
    rules: ['k8s/readiness-probe', 'k8s/probe-port', 'k8s/misplaced-field'],
    controls: [
      { mutate: nothing, fires: ['k8s/readiness-probe'] },
      { mutate: replacing(/port: http/, 'port: metrics'), fires: ['k8s/probe-port'] },
    ],
  },
  livenessProbe: {
    build: inDeployment('livenessProbe'),
    rules: ['k8s/liveness-probe', 'k8s/startup-probe', 'k8s/probe-port', 'k8s/misplaced-field'],
    controls: [
      { mutate: nothing, fires: ['k8s/liveness-probe'] },
      { mutate: replacing(/port: http/, 'port: metrics'), fires: ['k8s/probe-port'] },
    ],
  },
  startupProbe: {
    build: inDeployment('startupProbe'),
    rules: ['k8s/startup-probe', 'k8s/probe-port', 'k8s/misplaced-field'],
    controls: [{ mutate: replacing(/port: http/, 'port: metrics'), fires: ['k8s/probe-port'] }],
  },
  'Container resources': {
    build: inDeployment('resources'),
    rules: ['k8s/resource-requests', 'k8s/memory-limit', 'k8s/request-exceeds-limit', 'k8s/misplaced-field'],
    controls: [
      { mutate: nothing, fires: ['k8s/resource-requests', 'k8s/memory-limit'] },
      { mutate: replacing(/memory: 128Mi\n$/, 'memory: 64Mi\n'), fires: ['k8s/request-exceeds-limit'] },
    ],
  },
};

const DOCKER_USER_RULES = [
  'docker/user-missing',
  'docker/user-root',
  'docker/user-numeric',
  'docker/user-fixed-uid',
  'docker/copy-chown',
  'docker/chown-mismatch',
  'docker/chown-layer',
];

/** A build context that has a .dockerignore (docker/dockerignore is about the context, not the Dockerfile). */
const CONTEXT_WITH_DOCKERIGNORE: HostFileSystem = {
  exists: (p) => p === '/workspace/app/.dockerignore',
  readFile: (p) => (p === '/workspace/app/.dockerignore' ? '.git\nnode_modules\n' : undefined),
};

const DOCKER_SCENARIOS: Record<string, Scenario> = {
  'Non-root user (Debian/Ubuntu)': {
    build: (x) => `FROM python:3.12-slim-bookworm\nWORKDIR /app\n${x}\nENTRYPOINT ["python", "-m", "app"]\n`,
    rules: DOCKER_USER_RULES,
    controls: [
      { mutate: without(/^USER /), fires: ['docker/user-missing'] },
      { mutate: replacing(/USER 10001:10001/, 'USER appuser'), fires: ['docker/user-numeric'] },
      { mutate: replacing(/ --uid 10001/, ''), fires: ['docker/user-fixed-uid'] },
      { mutate: replacing(/--chown=10001:10001/, '--chown=1995:1995'), fires: ['docker/chown-mismatch'] },
    ],
  },
  'Non-root user (Alpine/BusyBox)': {
    build: (x) => `FROM alpine:3.20\nWORKDIR /app\n${x}\nENTRYPOINT ["/app/server"]\n`,
    rules: DOCKER_USER_RULES,
    controls: [
      { mutate: without(/^USER /), fires: ['docker/user-missing'] },
      { mutate: replacing(/USER 10001:10001/, 'USER appuser'), fires: ['docker/user-numeric'] },
      { mutate: replacing(/ -u 10001/, ''), fires: ['docker/user-fixed-uid'] },
      { mutate: replacing(/--chown=10001:10001/, '--chown=1995:1995'), fires: ['docker/chown-mismatch'] },
    ],
  },
  'Multi-stage build': {
    build: (x) => x + '\n',
    rules: [...DOCKER_USER_RULES, 'docker/multi-stage', 'docker/exec-form', 'docker/image-tag', 'docker/combine-run', 'docker/package-cache'],
    controls: [
      { mutate: without(/^USER /), fires: ['docker/user-missing'] },
      { mutate: replacing(/ENTRYPOINT \["(.*)"\]/, 'ENTRYPOINT /usr/local/bin/app'), fires: ['docker/exec-form'] },
      {
        mutate: (x) => x.replace(/^FROM debian:bookworm-slim\n/m, 'COPY --from=build /out/app /tmp/app\n').replace(/^FROM (.*) AS build$/m, 'FROM $1'),
        fires: ['docker/multi-stage'],
      },
    ],
    fs: CONTEXT_WITH_DOCKERIGNORE,
  },
};

function lint(text: string, scenario: Scenario, language: 'yaml' | 'dockerfile'): Finding[] {
  const path = scenario.path ?? (language === 'yaml' ? '/workspace/app/manifest.yaml' : '/workspace/app/Dockerfile');
  return new Linter(scenario.settings ?? {}, scenario.fs).lint({ path, text, languageId: language }).findings;
}

const show = (findings: Finding[]) => findings.map((f) => `${f.ruleId} (${f.severity}, line ${f.range.start.line + 1}): ${f.message}`).join('\n');

for (const [file, language, scenarios] of [
  ['kubernetes.json', 'yaml', K8S_SCENARIOS],
  ['dockerfile.json', 'dockerfile', DOCKER_SCENARIOS],
] as const) {
  describe(`snippets/${file}`, () => {
    const raw = readFileSync(join(ROOT, 'snippets', file), 'utf8');

    it('is valid JSON of snippets with a prefix, a description and a body', () => {
      const snippets = JSON.parse(raw) as Record<string, Snippet>;
      assert.ok(Object.keys(snippets).length > 0);
      for (const [name, s] of Object.entries(snippets)) {
        const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
        assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && /^\S+$/.test(p)), `${name}: prefix`);
        assert.ok(typeof s.description === 'string' && s.description.trim().length > 10, `${name}: description`);
        const body = bodyText(s);
        assert.ok(typeof body === 'string' && body.trim().length > 0, `${name}: body`);
        assert.ok(Array.isArray(s.body) ? s.body.every((l) => typeof l === 'string') : true, `${name}: body lines`);
        assert.ok(!/\t/.test(body), `${name}: indents with spaces (YAML forbids tabs; VS Code would re-indent them)`);
        assert.ok(!/[ ]+$/m.test(body), `${name}: no trailing spaces`);
      }
    });

    it('has unique prefixes', () => {
      const seen = new Map<string, string>();
      for (const [name, s] of Object.entries(loadSnippets(file))) {
        for (const prefix of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
          assert.ok(!seen.has(prefix), `prefix "${prefix}" of "${name}" is also used by "${seen.get(prefix)}"`);
          seen.set(prefix, name);
        }
      }
    });

    it('has a scenario for every snippet (and no stale one)', () => {
      assert.deepEqual(Object.keys(loadSnippets(file)).sort(), Object.keys(scenarios).sort());
    });

    for (const [name, snippet] of Object.entries(loadSnippets(file))) {
      describe(name, () => {
        const expansion = expand(snippet);

        it('expands: known variables only, numbered tab stops, a final tab stop', () => {
          assert.deepEqual(expansion.unknownVariables, [], 'VS Code would insert these names as text');
          assert.ok(!/\$\{|\$\d/.test(expansion.text), `leftover snippet syntax:\n${expansion.text}`);
          assert.ok(expansion.tabstops.includes(0), 'ends with $0');
          assert.ok(expansion.tabstops.includes(1), 'has a first tab stop');
        });

        it('starts at the cursor: the first line is not indented', () => {
          assert.match(expansion.text, /^\S/);
        });

        const scenario = scenarios[name];
        if (!scenario) return;

        it(`embedded in its host, ${language === 'yaml' ? 'parses as YAML' : 'is a Dockerfile'} and is clean of ${scenario.rules.length} rules`, () => {
          const text = scenario.build(expansion.text);
          if (language === 'yaml') {
            for (const doc of parseAllDocuments(text)) {
              assert.ok(!('errors' in doc) || doc.errors.length === 0, `YAML errors:\n${'errors' in doc ? doc.errors.join('\n') : ''}\n${text}`);
              assert.equal(doc.warnings.length, 0, doc.warnings.join('\n'));
            }
          } else {
            assert.match(text, /^(#.*\n|\s*\n)*FROM /);
          }
          const findings = lint(text, scenario, language);
          const about = findings.filter((f) => scenario.rules.includes(f.ruleId));
          assert.deepEqual(show(about), '', `rules the snippet is about fired on:\n${text}`);
          const serious = findings.filter((f) => f.severity !== 'info');
          assert.deepEqual(show(serious), '', `warnings/errors on:\n${text}`);
          const info = findings.filter((f) => f.severity === 'info' && !(f.ruleId in (scenario.acceptedInfo ?? {})));
          assert.deepEqual(show(info), '', `unexpected info findings on:\n${text}`);
        });

        it('controls: without the snippet (or with it weakened) the host does trip those rules', () => {
          assert.ok(scenario.controls.length > 0);
          for (const control of scenario.controls) {
            const text = scenario.build(control.mutate(expansion.text));
            const fired = new Set(lint(text, scenario, language).map((f) => f.ruleId));
            for (const id of control.fires) {
              assert.ok(scenario.rules.includes(id), `${id} is not among the scenario's rules`);
              assert.ok(fired.has(id), `${id} did not fire on the control:\n${text}`);
            }
          }
        });
      });
    }
  });
}

describe('snippet expansion (the test helper itself)', () => {
  const body = (lines: string[]): Snippet => ({ prefix: 'x', description: 'test snippet', body: lines });

  it('takes the first choice, the placeholder text, mirrors and nested placeholders', () => {
    const e = expand(body(['a: ${1:one}', 'b: $1', 'c: ${2|x,y|}', 'd: ${3:pre-${1}-post}', 'e: ${4:${5:deep}}$0']));
    assert.equal(e.text, 'a: one\nb: one\nc: x\nd: pre-one-post\ne: deep');
    assert.deepEqual(e.tabstops, [0, 1, 2, 3, 4, 5]);
  });

  it('keeps escaped characters and resolves variables and transforms', () => {
    const e = expand(body(['\\$HOME \\} \\\\ ${TM_FILENAME_BASE/(.*)/${1:/upcase}/} ${UNKNOWN:fallback} ${1:a}']));
    assert.equal(e.text, '$HOME } \\ DEPLOYMENT fallback a');
    assert.deepEqual(e.unknownVariables, ['UNKNOWN']);
  });

  it('indents following lines like VS Code (cursor line indentation prefix)', () => {
    assert.equal(fill('a:\n  {{s}}\nb: 1', { s: 'x:\n  y: 1' }), 'a:\n  x:\n    y: 1\nb: 1');
    assert.equal(fill('a:\n  {{s}}\nb: 1', { s: '' }), 'a:\nb: 1');
  });
});
