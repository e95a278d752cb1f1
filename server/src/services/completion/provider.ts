// Context-aware completions: what to offer at the cursor of a Kubernetes YAML document, as snippets
// indented for the cursor's column. Pure over its input (the document text, the file's workloads, a
// Dockerfile lookup): the language server gathers those from the engine and calls `provideCompletions`.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver';
import { isMap, isScalar, type Node } from 'yaml';
import { podSpecPath, toK8sObject, toWorkload, type Workload, podTemplateLabels, type Labels, scalarText, atLeast, parseSegment, stringAt } from '../../engine';
import { cursorContext, type CursorContext } from './context';

export interface WorkloadInfo {
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
  podLabels: Labels;
}

export interface UserIds {
  uid?: number;
  gid?: number;
}

export interface CompletionInput {
  text: string;
  position: { line: number; character: number };
  /** Workloads defined in this file (every document). */
  workloads: readonly WorkloadInfo[];
  /** UID/GID that the workspace's Dockerfile for `image` assigns to its USER, when one is known. */
  userIdsForImage?: (image: string) => UserIds | undefined;
  kubernetesVersion?: string;
  workloadKinds?: Record<string, string>;
}

/** UID offered when no Dockerfile of the workspace says which one the image uses. */
export const DEFAULT_UID = 10001;
const INDENT = '  ';

type Lines = string[];

interface Offer {
  label: string;
  /** The field's key, when the item adds one field (used to leave out schema items for the same key). */
  field?: string;
  filterText?: string;
  detail: string;
  documentation?: string;
  /** Lines relative to the cursor's column; the first line is inserted where the word starts. */
  lines: Lines;
  /** Lines are a value (`runAsUser: |`), not a key. */
  value?: boolean;
}

export function provideCompletions(input: CompletionInput): CompletionItem[] {
  const context = cursorContext(input.text, input.position);
  if (!context) return [];
  const offers = offersAt(context, input);
  return offers.map((offer, i) => toItem(offer, context, input.position, i));
}

/** Field keys our items add at this position (so that schema items for the same keys can be dropped). */
export function offeredFields(items: readonly CompletionItem[]): Set<string> {
  return new Set(items.flatMap((item) => ((item.data as { field?: string } | undefined)?.field ? [(item.data as { field: string }).field] : [])));
}

function offersAt(context: CursorContext, input: CompletionInput): Offer[] {
  if (context.path.length === 0 && context.column === 0 && context.valueOf === undefined) return topLevelOffers(context, input);
  const own = ownWorkload(context, input);
  if (!own) return [];
  const podPath = podSpecPath(own.workload.object, input.workloadKinds);
  if (!podPath) return [];
  const rel = relativePath(context.path, podPath);
  if (!rel) return [];
  const labels = podTemplateLabels(own.workload) ?? {};
  const missing = (field: string) => !context.siblings.has(field);
  const ids = userIds(own, rel, input);
  const where = rel.join('.');
  if (context.valueOf !== undefined) {
    if (where !== 'securityContext' && !/^(containers|initContainers)\.-\.securityContext$/.test(where)) return [];
    const field = context.valueOf;
    const value = field === 'runAsUser' ? ids.uid : field === 'runAsGroup' || field === 'fsGroup' ? ids.gid : undefined;
    if (value === undefined) return [];
    return [{ label: String(value), detail: ids.detail, lines: [String(value)], value: true }];
  }
  switch (true) {
    case where === '':
      return podSpecOffers(labels, ids, missing);
    case where === 'affinity':
      return missing('podAntiAffinity') && hasLabels(labels) ? [antiAffinityOffer(labels)] : [];
    case where === 'securityContext':
      return podSecurityOffers(ids, missing);
    case /^(containers|initContainers)\.-$/.test(where):
      return containerOffers(ids, missing, input, own.container);
    case /^(containers|initContainers)\.-\.securityContext$/.test(where):
      return containerSecurityOffers(ids, missing);
    default:
      return [];
  }
}

function relativePath(path: string[], podPath: readonly string[]): string[] | undefined {
  if (path.length < podPath.length) return undefined;
  for (let i = 0; i < podPath.length; i++) if (path[i] !== podPath[i]) return undefined;
  return path.slice(podPath.length);
}

function hasLabels(labels: Labels): boolean {
  return Object.keys(labels).length > 0;
}

// ---- The document holding the cursor, parsed without the line being typed.

interface OwnWorkload {
  workload: Workload;
  /** The container holding the cursor, when it is in one. */
  container?: { node: Node; image?: string; ports: Array<{ name?: string; port?: number }> };
  /** Images of every container (for a pod-level securityContext). */
  images: string[];
}

function ownWorkload(context: CursorContext, input: CompletionInput): OwnWorkload | undefined {
  // Keep offsets: blank the cursor's line in place (its line break stays).
  const starts = [0];
  for (const match of context.segmentText.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  const cursorOffset = starts[context.lineInSegment] ?? context.segmentText.length;
  const lineEnd = /\r|\n/.exec(context.segmentText.slice(cursorOffset));
  const end = lineEnd ? cursorOffset + lineEnd.index : context.segmentText.length;
  const doc = parseSegment(context.segmentText.slice(0, cursorOffset) + ' '.repeat(end - cursorOffset) + context.segmentText.slice(end));
  const object = toK8sObject(doc);
  if (!object) return undefined;
  const workload = toWorkload(object, input.workloadKinds);
  if (!workload) return undefined;
  const images = workload.containers.flatMap((c) => {
    const image = stringAt(c.node, 'image');
    return image ? [image] : [];
  });
  const list = context.path.includes('initContainers') ? 'initContainers' : 'containers';
  let container: OwnWorkload['container'];
  for (const candidate of workload.containers) {
    if (candidate.list !== list || (candidate.node.range?.[0] ?? Infinity) > cursorOffset) continue;
    container = { node: candidate.node, image: stringAt(candidate.node, 'image'), ports: portsOf(candidate.node) };
  }
  return { workload, container, images };
}

function portsOf(container: Node): Array<{ name?: string; port?: number }> {
  const ports = isMap(container) ? container.get('ports', true) : undefined;
  if (!ports || !('items' in ports) || isMap(ports)) return [];
  return (ports.items as unknown[]).flatMap((item) => {
    if (!isMap(item)) return [];
    const port = item.get('containerPort', true);
    return [{ name: stringAt(item, 'name'), port: isScalar(port) && typeof port.value === 'number' ? port.value : undefined }];
  });
}

interface Ids {
  uid: number;
  gid: number;
  detail: string;
}

/** The UID/GID to offer: the Dockerfile's for the container's image (or the pod's images), else 10001. */
function userIds(own: OwnWorkload, rel: string[], input: CompletionInput): Ids {
  const inContainer = rel[0] === 'containers' || rel[0] === 'initContainers';
  const images = inContainer ? (own.container?.image ? [own.container.image] : []) : own.images;
  for (const image of images) {
    const found = input.userIdsForImage?.(image);
    if (found?.uid !== undefined) {
      return { uid: found.uid, gid: found.gid ?? found.uid, detail: `Harden: the UID the Dockerfile of ${image} uses` };
    }
  }
  return { uid: DEFAULT_UID, gid: DEFAULT_UID, detail: 'Harden: a fixed non-root UID (no Dockerfile for this image in the workspace)' };
}

// ---- Offers by position.

function topLevelOffers(context: CursorContext, input: CompletionInput): Offer[] {
  // Inside a document with content after the cursor, a new object cannot be inserted here.
  if (context.contentAfter) return [];
  const separator = context.contentBefore ? ['---'] : [];
  const offers: Offer[] = [];
  for (const workload of input.workloads) {
    if (!hasLabels(workload.podLabels)) continue;
    const name = workload.name ?? workload.kind.toLowerCase();
    const what = `${workload.kind}/${name}`;
    const metadata = ['metadata:', `${INDENT}name: \${1:${esc(name)}}`, ...(workload.namespace ? [`${INDENT}namespace: ${esc(workload.namespace)}`] : [])];
    offers.push({
      label: `PodDisruptionBudget for ${what}`,
      filterText: `pdb PodDisruptionBudget ${name}`,
      detail: `Harden: selects the pods of ${what}`,
      documentation: "policy/v1 PodDisruptionBudget whose selector is the workload's pod labels; maxUnavailable: 1 keeps evictions possible.",
      lines: [
        ...separator,
        'apiVersion: policy/v1',
        'kind: PodDisruptionBudget',
        ...metadata,
        'spec:',
        `${INDENT}maxUnavailable: \${2:1}`,
        `${INDENT}selector:`,
        `${INDENT}${INDENT}matchLabels:`,
        ...labelLines(workload.podLabels, 3),
      ],
    });
    offers.push({
      label: `Service for ${what}`,
      filterText: `service svc Service ${name}`,
      detail: `Harden: selects the pods of ${what}`,
      lines: [
        ...separator,
        'apiVersion: v1',
        'kind: Service',
        ...metadata,
        'spec:',
        ...(workload.kind === 'DaemonSet' ? [`${INDENT}internalTrafficPolicy: Local`] : []),
        `${INDENT}selector:`,
        ...labelLines(workload.podLabels, 2),
        `${INDENT}ports:`,
        `${INDENT}- name: \${2:http}`,
        `${INDENT}${INDENT}port: \${3:80}`,
        `${INDENT}${INDENT}targetPort: \${4:http}`,
      ],
    });
  }
  return offers;
}

function podSpecOffers(labels: Labels, ids: Ids, missing: (field: string) => boolean): Offer[] {
  const offers: Offer[] = [];
  if (missing('topologySpreadConstraints') && hasLabels(labels)) {
    const constraint = (key: string) => [
      `- maxSkew: 1`,
      `${INDENT}topologyKey: ${key}`,
      `${INDENT}whenUnsatisfiable: ScheduleAnyway`,
      `${INDENT}labelSelector:`,
      `${INDENT}${INDENT}matchLabels:`,
      ...labelLines(labels, 3),
    ];
    offers.push({
      label: "topologySpreadConstraints (zone and hostname, this workload's labels)",
      field: 'topologySpreadConstraints',
      filterText: 'topologySpreadConstraints',
      detail: 'Harden: spreads the pods over zones and nodes',
      lines: ['topologySpreadConstraints:', ...constraint('topology.kubernetes.io/zone'), ...constraint('kubernetes.io/hostname')],
    });
  }
  if (missing('affinity') && hasLabels(labels)) {
    const anti = antiAffinityOffer(labels);
    offers.push({
      ...anti,
      label: "affinity.podAntiAffinity (this workload's labels)",
      field: 'affinity',
      filterText: 'affinity podAntiAffinity',
      lines: ['affinity:', ...anti.lines.map((l) => INDENT + l)],
    });
  }
  if (missing('securityContext')) {
    offers.push({
      label: 'securityContext (hardened pod defaults)',
      field: 'securityContext',
      filterText: 'securityContext',
      detail: ids.detail,
      lines: ['securityContext:', ...podSecurityOffers(ids, () => true).flatMap((o) => o.lines.map((l) => INDENT + plain(l)))],
    });
  }
  if (missing('automountServiceAccountToken')) offers.push(field('automountServiceAccountToken', 'false', 'Harden: no API token unless the pod needs one'));
  return offers;
}

function antiAffinityOffer(labels: Labels): Offer {
  return {
    label: "podAntiAffinity (this workload's labels)",
    field: 'podAntiAffinity',
    filterText: 'podAntiAffinity',
    detail: 'Harden: prefers one pod of this workload per node',
    lines: [
      'podAntiAffinity:',
      `${INDENT}preferredDuringSchedulingIgnoredDuringExecution:`,
      `${INDENT}- weight: 100`,
      `${INDENT}${INDENT}podAffinityTerm:`,
      `${INDENT}${INDENT}${INDENT}topologyKey: \${1:kubernetes.io/hostname}`,
      `${INDENT}${INDENT}${INDENT}labelSelector:`,
      `${INDENT}${INDENT}${INDENT}${INDENT}matchLabels:`,
      ...labelLines(labels, 5),
    ],
  };
}

function podSecurityOffers(ids: Ids, missing: (field: string) => boolean): Offer[] {
  const offers: Offer[] = [];
  if (missing('runAsNonRoot')) offers.push(field('runAsNonRoot', 'true', 'Harden: k8s/run-as-non-root'));
  if (missing('runAsUser')) offers.push(field('runAsUser', String(ids.uid), ids.detail));
  if (missing('runAsGroup')) offers.push(field('runAsGroup', String(ids.gid), ids.detail));
  if (missing('fsGroup')) offers.push(field('fsGroup', String(ids.gid), ids.detail));
  if (missing('seccompProfile')) offers.push(block('seccompProfile', ['type: RuntimeDefault'], 'Harden: k8s/seccomp-profile'));
  return offers;
}

function containerSecurityOffers(ids: Ids, missing: (field: string) => boolean): Offer[] {
  const offers: Offer[] = [];
  if (missing('allowPrivilegeEscalation')) offers.push(field('allowPrivilegeEscalation', 'false', 'Harden: k8s/allow-privilege-escalation'));
  if (missing('readOnlyRootFilesystem')) offers.push(field('readOnlyRootFilesystem', 'true', 'Harden: k8s/read-only-root-filesystem'));
  if (missing('runAsNonRoot')) offers.push(field('runAsNonRoot', 'true', 'Harden: k8s/run-as-non-root'));
  if (missing('runAsUser')) offers.push(field('runAsUser', String(ids.uid), ids.detail));
  if (missing('runAsGroup')) offers.push(field('runAsGroup', String(ids.gid), ids.detail));
  if (missing('capabilities')) offers.push(block('capabilities', ['drop:', '- ALL'], 'Harden: k8s/drop-all-capabilities'));
  if (missing('seccompProfile')) offers.push(block('seccompProfile', ['type: RuntimeDefault'], 'Harden: k8s/seccomp-profile'));
  return offers;
}

function containerOffers(ids: Ids, missing: (field: string) => boolean, input: CompletionInput, container: OwnWorkload['container']): Offer[] {
  const offers: Offer[] = [];
  if (missing('securityContext')) {
    offers.push({
      label: 'securityContext (hardened container defaults)',
      field: 'securityContext',
      filterText: 'securityContext',
      detail: ids.detail,
      lines: ['securityContext:', ...containerSecurityOffers(ids, () => true).flatMap((o) => o.lines.map((l) => INDENT + plain(l)))],
    });
  }
  if (missing('resources')) {
    offers.push(
      block(
        'resources',
        ['requests:', `${INDENT}cpu: \${1:100m}`, `${INDENT}memory: \${2:128Mi}`, 'limits:', `${INDENT}memory: \${2:128Mi}`],
        'Harden: k8s/resource-requests, k8s/memory-limit',
      ),
    );
  }
  const named = container?.ports.find((p) => p.name)?.name;
  const port = named ?? String(container?.ports.find((p) => p.port !== undefined)?.port ?? 8080);
  const probe = (name: string, path: string, rule: string) =>
    block(name, ['httpGet:', `${INDENT}path: \${1:${path}}`, `${INDENT}port: \${2:${esc(port)}}`, 'periodSeconds: 10', 'failureThreshold: 3'], rule);
  if (missing('readinessProbe')) offers.push(probe('readinessProbe', '/ready', 'Harden: k8s/readiness-probe'));
  if (missing('livenessProbe')) offers.push(probe('livenessProbe', '/healthz', 'Harden: k8s/liveness-probe'));
  if (missing('lifecycle')) {
    const sleep = atLeast(input.kubernetesVersion, '1.30') ? ['sleep:', `${INDENT}seconds: \${1:5}`] : ['exec:', `${INDENT}command: ["sleep", "\${1:5}"]`];
    offers.push(block('lifecycle', ['preStop:', ...sleep.map((l) => INDENT + l)], 'Harden: k8s/prestop-hook (keep it below terminationGracePeriodSeconds)'));
  }
  return offers;
}

// ---- Building items.

function field(name: string, value: string, detail: string): Offer {
  return { label: `${name}: ${value}`, field: name, filterText: name, detail, lines: [`${name}: \${1:${esc(value)}}`] };
}

function block(name: string, body: string[], detail: string): Offer {
  return { label: `${name} (hardened)`, field: name, filterText: name, detail, lines: [`${name}:`, ...body.map((l) => INDENT + l)] };
}

function labelLines(labels: Labels, depth: number): string[] {
  return Object.entries(labels).map(([key, value]) => `${INDENT.repeat(depth)}${esc(scalarText(key))}: ${esc(scalarText(value))}`);
}

/** A snippet line without its placeholders (for blocks made of several single-field offers). */
function plain(line: string): string {
  return line.replace(/\$\{\d+:((?:\\.|[^\\}])*)\}/g, '$1');
}

/** Escapes text for a snippet (`$`, `}` and `\` are syntax there). */
function esc(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function toItem(offer: Offer, context: CursorContext, position: { line: number; character: number }, index: number): CompletionItem {
  const pad = ' '.repeat(context.column);
  const newText = offer.lines.map((line, i) => (i === 0 ? line : pad + line)).join('\n');
  const start = { line: position.line, character: position.character - context.word.length };
  return {
    label: offer.label,
    kind: offer.value ? CompletionItemKind.Value : offer.lines.length > 1 ? CompletionItemKind.Snippet : CompletionItemKind.Property,
    detail: offer.detail,
    ...(offer.documentation ? { documentation: offer.documentation } : {}),
    filterText: offer.filterText ?? offer.label,
    sortText: `0${String(index).padStart(3, '0')}`,
    insertTextFormat: InsertTextFormat.Snippet,
    // The lines are already indented for the cursor's column: VS Code must not add the line's indentation again.
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: { start, end: position }, newText },
    data: { source: 'harden', ...(offer.field ? { field: offer.field } : {}) },
  };
}
