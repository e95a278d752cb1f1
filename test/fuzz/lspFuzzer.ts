// An LSP fuzzer: streams seeded random incremental edits to the real server (dist/server.js --stdio) on
// several open documents, mirrors every document client-side, and checks at checkpoints that the server
// is alive, logged no error, answers every request, publishes diagnostics whose ranges lie inside the
// document version they are for, and offers code-action edits that apply cleanly to that version.
// Used by test/fuzz/lsp-fuzz.test.ts (small budget) and scripts/fuzz.ts (any budget).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, Range, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, fileUri, sleep } from '../lsp/helpers/testClient';
import { MirrorText, fmtRange } from './mirror';
import { Prng } from './prng';

export const REPO_ROOT = join(__dirname, '..', '..');
export const CORPUS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'corpus');
const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');

export interface FuzzOptions {
  seed: number;
  /** didChange notifications to send, over all documents. */
  edits: number;
  /** Wait for the diagnostics of every changed document's latest version after this many edits. */
  checkEvery?: number;
  /** Probability, per edit, of a code-action request sent mid-stream (checked when it is answered). */
  requestRate?: number;
  /** Probability, per edit, of a pause longer than the server's debounce (so intermediate versions get linted). */
  pauseRate?: number;
  /** A document longer than this only shrinks. */
  maxDocumentChars?: number;
  /** How long a request or an awaited publish may take before it counts as unanswered. */
  timeoutMs?: number;
  /** Progress lines (scripts/fuzz.ts prints them). */
  log?: (line: string) => void;
  /** Emit no lone `\r` (a line break in LSP, not in YAML 1.2 or the engine): isolates other failures. */
  noLoneCr?: boolean;
  /**
   * Record non-fatal failures (a misplaced range, an internal error the server survived, a bad edit) and go
   * on, instead of stopping at the first. The server exiting, hanging or the mirror diverging always stop.
   */
  keepGoing?: boolean;
  /** Nest huge lines at most 200 levels deep (deeper ones overflow the YAML parser's stack): isolates other failures. */
  shallow?: boolean;
}

export interface FuzzReport {
  seed: number;
  edits: number;
  /** Content changes in those edits (one didChange may carry several). */
  changes: number;
  seconds: number;
  editsPerSecond: number;
  checkpoints: number;
  /** Time spent waiting for diagnostics and code actions at checkpoints (included in `seconds`). */
  checkpointSeconds: number;
  publishesChecked: number;
  diagnosticsChecked: number;
  requests: number;
  actionsChecked: number;
  fixesApplied: number;
  largestDocumentChars: number;
  /** window/logMessage lines of type Warning (not failures, reported for information). */
  warnings: string[];
  /** With `keepGoing`: distinct failures (first example of each) and how often each was seen. */
  failures: Array<{ failure: FuzzFailure; count: number }>;
}

export class FuzzFailure extends Error {
  constructor(
    readonly reason: string,
    readonly seed: number,
    readonly edit: number,
    readonly uri: string | undefined,
    readonly version: number | undefined,
    /** The mirrored text the failure is about, when there is one. */
    readonly documentText: string | undefined,
    readonly recentOps: string[],
    /** Every open document's mirrored text, for failures where the culprit may be another document (a hang, an exit). */
    readonly allDocuments?: Record<string, string>,
  ) {
    super(
      `LSP fuzz failure (seed ${seed}, after edit ${edit}${uri ? `, ${uri} v${version}` : ''}): ${reason}\n` +
        `recent operations (oldest first):\n  ${recentOps.join('\n  ')}`,
    );
    this.name = 'FuzzFailure';
  }
}

interface FuzzDocument {
  uri: string;
  languageId: string;
  version: number;
  mirror: MirrorText;
  /** The server's own document implementation, fed the same changes: a check of the mirror itself. */
  shadow: TextDocument;
  /** Texts of versions not yet covered by a checkpoint (publishes for them may still arrive). */
  history: Map<number, MirrorText>;
  /** The latest version whose diagnostics were published, and those diagnostics. */
  lastPublished: { version: number; diagnostics: Diagnostic[] } | undefined;
  dirty: boolean;
}

interface Change {
  range: Range;
  text: string;
}

// ---------------------------------------------------------------------------------------------------
// Inputs

interface DocumentSeed {
  uri: string;
  languageId: string;
  text: string;
}

/** Whole small files per language, for reverting a document to something that parses. */
interface WholeFiles {
  yaml: string[];
  dockerfile: string[];
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

export function fuzzDocuments(): DocumentSeed[] {
  const helmTemplate = join(FIXTURES_DIR, 'helm', 'mychart', 'templates', 'deployment.yaml');
  return [
    { uri: fileUri('fuzz/frontend.yaml'), languageId: 'yaml', text: read(join(CORPUS_DIR, 'k8s', 'msdemo-frontend.yaml')) },
    { uri: fileUri('fuzz/guestbook.yaml'), languageId: 'yaml', text: read(join(CORPUS_DIR, 'k8s', 'k8sex-guestbook-all-in-one.yaml')) },
    { uri: fileUri('fuzz/demo.yaml'), languageId: 'yaml', text: read(join(FIXTURES_DIR, 'seeds', '002-demo.yaml')) },
    { uri: fileUri('fuzz/Dockerfile'), languageId: 'dockerfile', text: read(join(CORPUS_DIR, 'docker', 'msdemo-frontend.Dockerfile')) },
    // The real chart's template, at its real path, so that Chart.yaml and values.yaml beside it are read.
    { uri: pathToFileURL(helmTemplate).toString(), languageId: 'yaml', text: read(helmTemplate) },
    { uri: fileUri('fuzz/.harden.yaml'), languageId: 'yaml', text: 'rules:\n  k8s/cpu-limit: warning\nkubernetesVersion: "1.30"\n' },
  ];
}

/** Texts to paste from: the whole corpus and every test fixture. */
export function pastePool(): string[] {
  const files = [...filesUnder(CORPUS_DIR), ...filesUnder(FIXTURES_DIR)].filter((f) => !f.endsWith('.tsv') && !f.endsWith('.md'));
  return files.sort((a, b) => relative(REPO_ROOT, a).localeCompare(relative(REPO_ROOT, b))).map(read);
}

export function wholeFiles(): WholeFiles {
  const small = (dir: string, re: RegExp) =>
    filesUnder(dir)
      .filter((f) => re.test(f) && statSync(f).size < 40_000)
      .sort();
  return {
    yaml: [...small(join(CORPUS_DIR, 'k8s'), /\.ya?ml$/), ...small(FIXTURES_DIR, /\.ya?ml$/)].map(read),
    dockerfile: small(join(CORPUS_DIR, 'docker'), /Dockerfile$/).map(read),
  };
}

/** Whole lines, inserted at the indentation of the line they go before: edits that keep YAML parsing. */
const LINES = [
  'securityContext:',
  'securityContext: {}',
  'securityContext:\n  runAsNonRoot: true',
  'runAsNonRoot: yes',
  'runAsNonRoot: false',
  'runAsUser: 0',
  'privileged: on',
  'privileged: true',
  'allowPrivilegeEscalation: true',
  'readOnlyRootFilesystem: false',
  'hostNetwork: yes',
  'hostPID: true',
  'capabilities:\n  add: ["SYS_ADMIN", "NET_ADMIN"]',
  'capabilities: {drop: [ALL]}',
  'image: nginx:latest',
  'image: busybox',
  'imagePullPolicy: Always',
  'resources: {}',
  'resources:\n  limits: {cpu: 100m, memory: 64Mi}',
  'automountServiceAccountToken: true',
  'serviceAccountName: default',
  '- name: sidecar\n  image: envoy',
  'volumes:\n- name: host\n  hostPath: {path: /}',
  'livenessProbe: {}',
  'seccompProfile: {type: Unconfined}',
  '# harden-ignore-next-line',
  'annotations: {harden.dev/ignore: "k8s/run-as-non-root"}',
  'USER root',
  'USER 0:0',
  'RUN chmod -R 777 /app',
  'FROM ubuntu',
  'ADD https://example.com/x.sh /x.sh',
  'EXPOSE 22',
  '{{- with .Values.podSecurityContext }}',
  '{{- toYaml . | nindent 8 }}',
  '{{- end }}',
  'runAsNonRoot: {{ .Values.nonRoot }}',
  'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
];

const SNIPPETS = [
  'securityCon',
  'securityContext:',
  'securityContext:\n  runAsNonRoot: true\n',
  'runAsNonRoot: yes',
  'privileged: on',
  'allowPrivilegeEscalation: false',
  'readOnlyRootFilesystem: true',
  'capabilities:\n  drop: ["ALL"]\n',
  'resources:\n  limits:\n    cpu: 1\n',
  'image: nginx:latest',
  'image: nginx',
  'hostNetwork: true',
  'containers:\n- name: x\n  image: y\n',
  'kind: Pod',
  'kind: Deployment\n',
  'apiVersion: v1',
  'apiVersion: apps/v1\nkind: Deployment\n',
  'spec:',
  'template:',
  'metadata:\n  name: ',
  'namespace: default',
  '---\n',
  '\n---\n',
  '---',
  '...\n',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '[[[',
  '}}}',
  '{"a": [1, {"b": ',
  ': ',
  ':',
  '- ',
  '-',
  '? ',
  '#',
  '# harden-ignore',
  '# harden-ignore-next-line k8s/run-as-non-root\n',
  '|',
  '>-\n',
  '|+\n  x\n',
  '&anchor ',
  '*anchor',
  '<<: *anchor\n',
  '&a [*a]',
  '!!binary ',
  '!!str ',
  '!custom ',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '\t',
  '\t\t- x',
  '\r\n',
  '\n',
  '\n\n',
  '\uFEFF',
  '\u0000',
  '\u00a0',
  'é',
  '😀',
  '\u2028',
  '\\',
  '{{ .Values.image.repository }}',
  '{{- if .Values.enabled }}\n',
  '{{- end }}\n',
  '{{ include "mychart.labels" . | nindent 4 }}',
  '{{',
  '}}',
  '{{-',
  '{{/* c */}}',
  'FROM alpine',
  'FROM node:20 AS build\n',
  'USER root\n',
  'USER 1000\n',
  'RUN curl -sL https://x | sh\n',
  'RUN apt-get install -y curl\n',
  'COPY --chown=1:1 . /app\n',
  'ADD http://x/y.tgz /\n',
  'HEALTHCHECK NONE\n',
  'ARG TAG=latest\nFROM img:${TAG}\n',
  '\\\n',
  'RUN <<EOF\necho hi\nEOF\n',
  'ENTRYPOINT ["sh", "-c"',
  '0x1F',
  '1e3',
  '-.inf',
  '.nan',
  '~',
  'null',
  'true',
  'false',
  'NO',
  'Yes',
  '12:30:00',
  '2001-12-14',
  '"\\u00e9"',
  "'it''s'",
];

const KEYS_TO_TYPE = [
  'securityContext:',
  'runAsNonRoot: true',
  'runAsUser: 0',
  'allowPrivilegeEscalation: true',
  'privileged: yes',
  'readOnlyRootFilesystem: on',
  'image: busybox',
  'capabilities:',
  '- name: sidecar',
  'hostPID: true',
  'automountServiceAccountToken: false',
  'livenessProbe:',
  '{{ .Values.securityContext | toYaml }}',
  'USER nobody',
  'RUN chmod 777 /',
  'FROM scratch',
];

// ---------------------------------------------------------------------------------------------------
// The fuzzer

export async function runLspFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const checkEvery = options.checkEvery ?? 50;
  const requestRate = options.requestRate ?? 0.02;
  const pauseRate = options.pauseRate ?? 0.004;
  const maxChars = options.maxDocumentChars ?? 80_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log = options.log ?? (() => undefined);
  const rng = new Prng(options.seed);
  const pool = pastePool();
  const whole = wholeFiles();
  const recentOps: string[] = [];
  const errorLogs: string[] = [];
  const warnings: string[] = [];
  const report: FuzzReport = {
    seed: options.seed,
    edits: 0,
    changes: 0,
    seconds: 0,
    editsPerSecond: 0,
    checkpoints: 0,
    checkpointSeconds: 0,
    publishesChecked: 0,
    diagnosticsChecked: 0,
    requests: 0,
    actionsChecked: 0,
    fixesApplied: 0,
    largestDocumentChars: 0,
    warnings,
    failures: [],
  };
  let closed = false;
  let stderrSeen = 0;
  let checkedPublishes = 0;
  const pending = new Set<Promise<void>>();
  let deferredFailure: FuzzFailure | undefined;
  /** didChange writes not yet confirmed. */
  const unflushed: Array<Promise<void>> = [];
  /** The rest of a key being typed, one character per didChange. */
  const typing: Array<{ offset: number; text: string }> = [];

  const fail = (reason: string, doc?: FuzzDocument, version?: number, text?: string): FuzzFailure =>
    new FuzzFailure(reason, options.seed, report.edits, doc?.uri, version ?? doc?.version, text ?? doc?.mirror.text, [...recentOps]);
  const failureIndex = new Map<string, { failure: FuzzFailure; count: number }>();
  /** A non-fatal failure: thrown, or with `keepGoing` recorded once per kind. */
  const problem = (failure: FuzzFailure): void => {
    if (!options.keepGoing) throw failure;
    const signature = signatureOf(failure.reason);
    const seen = failureIndex.get(signature);
    if (seen) {
      seen.count++;
      return;
    }
    const entry = { failure, count: 1 };
    failureIndex.set(signature, entry);
    report.failures.push(entry);
    log(`FAILURE (going on): ${failure.reason.split('\n').slice(0, 3).join(' | ')}`);
  };
  const noteOp = (op: string) => {
    recentOps.push(`#${report.edits} ${op}`);
    if (recentOps.length > 25) recentOps.shift();
  };

  const client = await TestClient.start({ settings: {} });
  client.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
    if (params.type === 1) errorLogs.push(params.message);
    else if (params.type === 2) warnings.push(params.message);
  });
  client.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
    if (params.type === 1) errorLogs.push(`showMessage: ${params.message}`);
  });
  client.connection.onClose(() => (closed = true));

  const docs: FuzzDocument[] = [];
  const byUri = new Map<string, FuzzDocument>();
  const started = Date.now();

  try {
    for (const seed of fuzzDocuments()) {
      const doc: FuzzDocument = {
        uri: seed.uri,
        languageId: seed.languageId,
        version: 1,
        mirror: new MirrorText(seed.text),
        shadow: TextDocument.create(seed.uri, seed.languageId, 1, seed.text),
        history: new Map([[1, new MirrorText(seed.text)]]),
        lastPublished: undefined,
        dirty: true,
      };
      docs.push(doc);
      byUri.set(doc.uri, doc);
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: doc.uri, languageId: doc.languageId, version: 1, text: seed.text },
      });
    }
    await checkpoint();

    let nextCheckpoint = checkEvery;
    while (report.edits < options.edits) {
      const doc = rng.pick(docs);
      const changes = generate(doc);
      if (changes.length === 0) continue;
      await send(doc, changes);
      while (typing.length > 0 && report.edits < options.edits) {
        const next = typing.shift()!;
        if (next.offset > doc.mirror.text.length) break;
        await send(doc, [insertAt(doc, next.offset, next.text)]);
      }
      typing.length = 0;
      if (rng.chance(requestRate)) midStreamRequest(doc);
      if (rng.chance(pauseRate)) await sleep(rng.int(110, 180));
      if (report.edits >= nextCheckpoint) {
        await checkpoint();
        nextCheckpoint = report.edits + checkEvery;
      }
      if (deferredFailure) throw deferredFailure;
    }
    await checkpoint();
    report.seconds = (Date.now() - started) / 1000;
    report.editsPerSecond = Math.round(report.edits / report.seconds);
    return report;
  } finally {
    await client.stop();
  }

  // -------------------------------------------------------------------------------------------------

  function randomOffset(doc: FuzzDocument): number {
    const text = doc.mirror.text;
    if (text.length === 0) return 0;
    if (rng.chance(0.3)) {
      // A line start or end: where typing usually happens.
      const line = rng.int(0, doc.mirror.lineCount - 1);
      const start = doc.mirror.offsetAt({ line, character: 0 });
      return rng.chance(0.5) ? start : start + doc.mirror.lineLength(line);
    }
    return rng.int(0, text.length);
  }

  function rangeOf(doc: FuzzDocument, start: number, end: number): Range {
    return { start: doc.mirror.positionAt(start), end: doc.mirror.positionAt(end) };
  }

  /** Applies one change to the mirror (and the shadow) and returns it. */
  function apply(doc: FuzzDocument, change: Change): Change {
    const next = doc.mirror.applyEdits([{ range: change.range, newText: change.text }]);
    doc.mirror = new MirrorText(next);
    return change;
  }

  function insertAt(doc: FuzzDocument, offset: number, text: string): Change {
    const position = doc.mirror.positionAt(offset);
    return apply(doc, { range: { start: position, end: position }, text });
  }

  function replaceAt(doc: FuzzDocument, start: number, end: number, text: string): Change {
    return apply(doc, { range: rangeOf(doc, start, end), text });
  }

  function pasteText(maxLength: number): string {
    const source = rng.pick(pool);
    const length = Math.min(source.length, rng.int(1, maxLength));
    const start = rng.int(0, source.length - length);
    return source.slice(start, start + length);
  }

  /** One or more changes for the next didChange of `doc`, already applied to its mirror. */
  function generate(doc: FuzzDocument): Change[] {
    const text = doc.mirror.text;
    const length = text.length;
    if (length > maxChars) {
      const start = rng.int(0, Math.floor(length / 2));
      noteOp(`shrink ${doc.uri} [${start}, +${Math.floor(length / 2)}]`);
      return [replaceAt(doc, start, start + Math.floor(length / 2), '')];
    }
    const op = rng.weighted({
      insert: 30,
      type: 8,
      delete: 18,
      paste: 10,
      replace: 10,
      deleteLine: 5,
      duplicateLine: 4,
      indent: 4,
      crlf: 2,
      loneCr: 1,
      bom: 1,
      hugeLine: 0.6,
      multi: 4,
      clear: 0.3,
      replaceAll: 0.5,
      line: 14,
      revert: 3,
      appendDocument: 1.5,
    });
    switch (op) {
      case 'insert': {
        const offset = randomOffset(doc);
        let snippet = rng.pick(SNIPPETS);
        if (options.noLoneCr) snippet = snippet.replace(/\r(?!\n)/g, '');
        noteOp(`insert ${JSON.stringify(snippet)} at ${offset} of ${doc.uri}`);
        return [insertAt(doc, offset, snippet)];
      }
      case 'type': {
        // Typing a key one character per didChange; the caller sends the first, the rest go out here.
        const offset = randomOffset(doc);
        const key = rng.pick(KEYS_TO_TYPE);
        const upTo = rng.chance(0.4) ? rng.int(1, key.length) : key.length; // half-typed keys too
        noteOp(`type ${JSON.stringify(key.slice(0, upTo))} at ${offset} of ${doc.uri}`);
        typing.push(...[...key.slice(0, upTo)].map((ch, i) => ({ offset: offset + i, text: ch })));
        const first = typing.shift()!;
        return [insertAt(doc, first.offset, first.text)];
      }
      case 'delete': {
        const start = randomOffset(doc);
        const size = rng.chance(0.7) ? rng.int(1, 8) : rng.int(1, 400);
        noteOp(`delete [${start}, +${size}] of ${doc.uri}`);
        return [replaceAt(doc, start, Math.min(length, start + size), '')];
      }
      case 'paste': {
        const offset = randomOffset(doc);
        const pasted = pasteText(rng.chance(0.8) ? 300 : 4000);
        noteOp(`paste ${pasted.length} chars at ${offset} of ${doc.uri}`);
        return [insertAt(doc, offset, options.noLoneCr ? pasted.replace(/\r(?!\n)/g, '') : pasted)];
      }
      case 'replace': {
        const start = randomOffset(doc);
        const end = Math.min(length, start + rng.int(0, 40));
        const snippet = rng.chance(0.5) ? rng.pick(SNIPPETS) : pasteText(80);
        const clean = options.noLoneCr ? snippet.replace(/\r(?!\n)/g, '') : snippet;
        noteOp(`replace [${start}, ${end}] with ${JSON.stringify(clean.slice(0, 60))} in ${doc.uri}`);
        return [replaceAt(doc, start, end, clean)];
      }
      case 'deleteLine': {
        const line = rng.int(0, doc.mirror.lineCount - 1);
        const count = rng.int(1, 5);
        noteOp(`delete lines ${line}+${count} of ${doc.uri}`);
        const end = Math.min(line + count, doc.mirror.lineCount - 1);
        const range = { start: { line, character: 0 }, end: { line: end, character: end === line + count ? 0 : doc.mirror.lineLength(end) } };
        return [apply(doc, { range, text: '' })];
      }
      case 'duplicateLine': {
        const line = rng.int(0, doc.mirror.lineCount - 1);
        const start = doc.mirror.offsetAt({ line, character: 0 });
        const content = text.slice(start, start + doc.mirror.lineLength(line));
        noteOp(`duplicate line ${line} of ${doc.uri}`);
        return [insertAt(doc, start, `${content}\n`)];
      }
      case 'indent': {
        const line = rng.int(0, doc.mirror.lineCount - 1);
        const indent = rng.pick(['  ', ' ', '\t', '    ']);
        if (rng.chance(0.5) || !/^[ \t]/.test(text.slice(doc.mirror.offsetAt({ line, character: 0 })))) {
          noteOp(`indent line ${line} with ${JSON.stringify(indent)} in ${doc.uri}`);
          return [apply(doc, { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: indent })];
        }
        noteOp(`dedent line ${line} of ${doc.uri}`);
        return [apply(doc, { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' })];
      }
      case 'crlf': {
        // Converts the line breaks of a few lines to CRLF (or back), as one change.
        const from = rng.int(0, doc.mirror.lineCount - 1);
        const to = Math.min(doc.mirror.lineCount - 1, from + rng.int(1, 20));
        const start = doc.mirror.offsetAt({ line: from, character: 0 });
        const end = doc.mirror.offsetAt({ line: to, character: 0 });
        const region = text.slice(start, end);
        const converted = rng.chance(0.7) ? region.replace(/\r?\n/g, '\r\n') : region.replace(/\r\n/g, '\n');
        noteOp(`line breaks of lines ${from}-${to} to ${converted.includes('\r\n') ? 'CRLF' : 'LF'} in ${doc.uri}`);
        return [replaceAt(doc, start, end, converted)];
      }
      case 'loneCr': {
        if (options.noLoneCr) return [];
        const offset = randomOffset(doc);
        noteOp(`insert "\\r" at ${offset} of ${doc.uri}`);
        return [insertAt(doc, offset, '\r')];
      }
      case 'bom': {
        const has = text.startsWith('\uFEFF');
        noteOp(`${has ? 'remove' : 'add'} BOM in ${doc.uri}`);
        return [has ? replaceAt(doc, 0, 1, '') : insertAt(doc, 0, '\uFEFF')];
      }
      case 'hugeLine': {
        const offset = doc.mirror.offsetAt({ line: rng.int(0, doc.mirror.lineCount - 1), character: 0 });
        const size = rng.int(5_000, 40_000);
        // Deeply nested lines (thousands of `- ` or `{`) overflow the YAML parser's stack: --shallow caps them.
        const depth = (n: number) => (options.shallow ? Math.min(n, 200) : n);
        const line = rng.pick([
          `a: ${'x'.repeat(size)}\n`,
          `${'- '.repeat(depth(size / 2))}${'x'.repeat(size - 2 * depth(size / 2))}\n`,
          `# ${'é'.repeat(size)}\n`,
          `k: "${'\\'.repeat(size)}\n`,
          `${'{'.repeat(depth(size / 10))}${'y'.repeat(size - depth(size / 10))}\n`,
        ]);
        noteOp(`huge line (${line.length} chars) at ${offset} of ${doc.uri}`);
        return [insertAt(doc, offset, line)];
      }
      case 'multi': {
        // Several changes in one didChange: each applies to the result of the previous one.
        const count = rng.int(2, 4);
        const out: Change[] = [];
        for (let i = 0; i < count; i++) {
          const start = randomOffset(doc);
          const end = Math.min(doc.mirror.text.length, start + rng.int(0, 10));
          out.push(replaceAt(doc, start, end, rng.chance(0.5) ? '' : rng.pick(['x', ': ', '\n', '  ', '"', '{{ }}', '- '])));
        }
        noteOp(`${count} changes in one didChange of ${doc.uri}: ${out.map((c) => `${fmtRange(c.range)}=${JSON.stringify(c.text)}`).join(' ')}`);
        return out;
      }
      case 'line': {
        // A whole line at the indentation of the line it goes before (or one level deeper).
        const line = rng.int(0, doc.mirror.lineCount - 1);
        const start = doc.mirror.offsetAt({ line, character: 0 });
        const indent = /^[ \t]*/.exec(text.slice(start, start + doc.mirror.lineLength(line)))![0] + (rng.chance(0.3) ? '  ' : '');
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        const inserted =
          rng
            .pick(LINES)
            .split('\n')
            .map((l) => indent + l)
            .join(eol) + eol;
        noteOp(`insert line ${JSON.stringify(inserted)} before line ${line} of ${doc.uri}`);
        return [insertAt(doc, start, inserted)];
      }
      case 'revert': {
        // Back to a whole file that parses (as after undoing everything), so that rules keep running.
        const files = doc.languageId === 'dockerfile' ? whole.dockerfile : whole.yaml;
        const next = rng.pick(files);
        noteOp(`replace all of ${doc.uri} with a whole ${next.length}-char file`);
        return [replaceAt(doc, 0, length, options.noLoneCr ? next.replace(/\r(?!\n)/g, '') : next)];
      }
      case 'appendDocument': {
        const next = rng.pick(whole.yaml);
        noteOp(`append a whole ${next.length}-char YAML file as a new document to ${doc.uri}`);
        return [insertAt(doc, length, `${text.endsWith('\n') || length === 0 ? '' : '\n'}---\n${next}`)];
      }
      case 'clear': {
        noteOp(`clear ${doc.uri}`);
        return [replaceAt(doc, 0, length, '')];
      }
      case 'replaceAll': {
        const pasted = pasteText(6000);
        noteOp(`replace all of ${doc.uri} with ${pasted.length} pasted chars`);
        return [replaceAt(doc, 0, length, options.noLoneCr ? pasted.replace(/\r(?!\n)/g, '') : pasted)];
      }
    }
  }

  async function send(doc: FuzzDocument, changes: Change[]): Promise<void> {
    doc.version++;
    doc.shadow = TextDocument.update(
      doc.shadow,
      changes.map((c) => ({ range: c.range, text: c.text })),
      doc.version,
    );
    if (doc.shadow.getText() !== doc.mirror.text) {
      throw fail("the fuzzer's mirror and vscode-languageserver-textdocument disagree on the text after this change", doc);
    }
    doc.history.set(doc.version, doc.mirror);
    doc.dirty = true;
    report.edits++;
    report.changes += changes.length;
    report.largestDocumentChars = Math.max(report.largestDocumentChars, doc.mirror.text.length);
    // Not awaited one by one (the writer keeps the order): waiting for every write would cap the rate.
    unflushed.push(
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: doc.uri, version: doc.version },
        contentChanges: changes.map((c) => ({ range: c.range, text: c.text })),
      }),
    );
    if (unflushed.length >= 256) await flush();
  }

  async function flush(): Promise<void> {
    const writes = unflushed.splice(0);
    await Promise.all(writes);
  }

  function withTimeout<T>(promise: Promise<T>, what: string, doc: FuzzDocument, version: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<T>((_, reject) => {
      timer = setTimeout(() => {
        // Tell a busy or blocked server from one that is idle but never answered (e.g. a lost promise).
        const everything = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const probe = Promise.race([
          client.codeActions(doc.uri, everything, []).then(() => 'the server still answers other requests (it is not busy: this answer was lost)'),
          sleep(5000).then(() => 'the server answers nothing else either (busy or blocked)'),
        ]).catch((error: unknown) => `probe failed: ${String(error)}`);
        void probe.then((state) => {
          const exited = closed || client.exitCode !== null ? ' (server exited)' : '';
          const reason = `no answer within ${timeoutMs} ms to ${what}${exited}; ${state}\n${client.serverOutput}`;
          const all = Object.fromEntries(docs.map((d) => [d.uri, d.mirror.text]));
          reject(new FuzzFailure(reason, options.seed, report.edits, doc.uri, version, doc.mirror.text, [...recentOps], all));
        });
      }, timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  function midStreamRequest(doc: FuzzDocument): void {
    const version = doc.version;
    const snapshot = doc.mirror;
    const range = randomRange(snapshot);
    const only = rng.chance(0.3) ? ['source.fixAll.harden'] : undefined;
    report.requests++;
    const request = withTimeout(client.codeActions(doc.uri, range, [], only), `codeAction ${fmtRange(range)}`, doc, version)
      .then((actions) => checkActions(doc, version, snapshot, actions))
      .catch((error: unknown) => {
        deferredFailure ??= error instanceof FuzzFailure ? error : fail(`codeAction failed: ${String(error)}`, doc, version, snapshot.text);
      });
    pending.add(request);
    void request.finally(() => pending.delete(request));
  }

  function randomRange(mirror: MirrorText): Range {
    const a = rng.int(0, mirror.text.length);
    const b = rng.chance(0.5) ? a : Math.min(mirror.text.length, a + rng.int(0, 300));
    return { start: mirror.positionAt(a), end: mirror.positionAt(b) };
  }

  /** Checks that every edit an action makes to `doc` was made for `version` and applies cleanly to it. */
  function checkActions(doc: FuzzDocument, version: number, snapshot: MirrorText, actions: CodeAction[] | null): void {
    if (!Array.isArray(actions)) return problem(fail(`codeAction answered ${JSON.stringify(actions)} instead of a list`, doc, version, snapshot.text));
    for (const action of actions) {
      report.actionsChecked++;
      const edits = ownEdits(doc, version, snapshot, action);
      try {
        snapshot.applyEdits(edits);
      } catch (error) {
        problem(
          fail(
            `the edits of code action "${action.title}" do not apply to version ${version}: ${(error as Error).message}\nedits: ${JSON.stringify(edits).slice(0, 2000)}`,
            doc,
            version,
            snapshot.text,
          ),
        );
      }
    }
  }

  function ownEdits(doc: FuzzDocument, version: number, snapshot: MirrorText, action: CodeAction): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const change of action.edit?.documentChanges ?? []) {
      if (!('textDocument' in change) || change.textDocument.uri !== doc.uri) continue;
      if (change.textDocument.version !== version) {
        problem(
          fail(`code action "${action.title}" was made for version ${change.textDocument.version}, requested for ${version}`, doc, version, snapshot.text),
        );
      }
      edits.push(...(change.edits as TextEdit[]));
    }
    edits.push(...(action.edit?.changes?.[doc.uri] ?? []));
    return edits;
  }

  function checkPublish(params: PublishDiagnosticsParams, lastVersion: Map<string, number>): void {
    const doc = byUri.get(params.uri);
    if (!doc) return problem(fail(`diagnostics published for a document never opened: ${params.uri}`));
    if (params.version === undefined) return problem(fail('diagnostics published without a version', doc));
    const previous = lastVersion.get(doc.uri) ?? 0;
    if (params.version < previous) problem(fail(`diagnostics of version ${params.version} published after those of version ${previous}`, doc));
    lastVersion.set(doc.uri, params.version);
    const mirror = doc.history.get(params.version);
    if (!mirror) return problem(fail(`diagnostics published for version ${params.version}, which was never sent`, doc));
    report.publishesChecked++;
    for (const diagnostic of params.diagnostics) {
      report.diagnosticsChecked++;
      const outside = mirror.rangeProblem(diagnostic.range);
      if (outside) {
        // A lone CR is a line break for LSP but not for the engine: such failures are one kind whatever the rule.
        const loneCr = /\r(?!\n)/.test(mirror.text) ? `${LONE_CR_TAG} ` : '';
        problem(
          fail(
            `${loneCr}diagnostic ${String(diagnostic.code ?? '')} "${diagnostic.message}" at ${fmtRange(diagnostic.range)}: ${outside}`,
            doc,
            params.version,
            mirror.text,
          ),
        );
      }
      if (/internal error/i.test(String(diagnostic.message))) {
        const logged = errorLogs.splice(0);
        problem(
          fail(`internal-error notice published: ${diagnostic.message}\nserver log:\n${logged.join('\n').slice(0, 4000)}`, doc, params.version, mirror.text),
        );
      }
    }
    if (params.version === doc.version) doc.lastPublished = { version: params.version, diagnostics: params.diagnostics };
  }

  function checkHealth(): void {
    if (closed || client.exitCode !== null) {
      const all = Object.fromEntries(docs.map((d) => [d.uri, d.mirror.text]));
      throw new FuzzFailure(
        `the server exited (code ${client.exitCode})\n${client.serverOutput}`,
        options.seed,
        report.edits,
        undefined,
        undefined,
        undefined,
        [...recentOps],
        all,
      );
    }
    const stderr = client.serverOutput.trim();
    if (stderr.length > stderrSeen) {
      const fresh = stderr.slice(stderrSeen);
      stderrSeen = stderr.length;
      problem(fail(`the server wrote to stderr:\n${fresh}`));
    }
    if (errorLogs.length > 0) problem(fail(`the server logged an error:\n${errorLogs.splice(0).join('\n')}`));
  }

  async function checkpoint(): Promise<void> {
    report.checkpoints++;
    const checkpointStarted = Date.now();
    await flush();
    const lastVersion = new Map<string, number>();
    for (const doc of docs.filter((d) => d.dirty)) {
      await withTimeout(
        client.waitForDiagnostics(doc.uri, { version: doc.version, after: checkedPublishes, timeoutMs: timeoutMs + 1000 }),
        `publishDiagnostics of v${doc.version}`,
        doc,
        doc.version,
      );
    }
    await Promise.all([...pending]);
    if (deferredFailure) throw deferredFailure;
    for (const params of client.published.slice(checkedPublishes)) checkPublish(params, lastVersion);
    client.published.splice(0);
    checkedPublishes = 0;
    for (const doc of docs) {
      doc.dirty = false;
      for (const version of doc.history.keys()) if (version < doc.version) doc.history.delete(version);
    }
    checkHealth();
    // Code actions on the settled documents, as an editor asks for them; sometimes apply one, as a user would.
    for (const doc of docs) {
      if (!rng.chance(0.5)) continue;
      const published = doc.lastPublished?.diagnostics ?? [];
      // Mostly where a diagnostic is (the cursor on a squiggle), sometimes anywhere.
      const range = published.length > 0 && rng.chance(0.6) ? rng.pick(published).range : randomRange(doc.mirror);
      const diagnostics = published.filter((d) => touches(d.range, range));
      const only = rng.weighted({ none: 2, quickfix: 1, fixAll: 1 });
      const kinds = only === 'none' ? undefined : only === 'quickfix' ? ['quickfix'] : ['source.fixAll.harden'];
      report.requests++;
      const actions = await withTimeout(client.codeActions(doc.uri, range, diagnostics, kinds), `codeAction ${fmtRange(range)} (${only})`, doc, doc.version);
      checkActions(doc, doc.version, doc.mirror, actions);
      const applies = (a: CodeAction) => {
        try {
          doc.mirror.applyEdits(ownEdits(doc, doc.version, doc.mirror, a));
          return true;
        } catch {
          return false;
        }
      };
      const withEdits = actions.filter((a) => ownEdits(doc, doc.version, doc.mirror, a).length > 0 && applies(a));
      if (withEdits.length > 0 && rng.chance(0.5) && report.edits < options.edits) {
        const action = rng.pick(withEdits);
        const edits = ownEdits(doc, doc.version, doc.mirror, action);
        noteOp(`apply code action "${action.title}" to ${doc.uri} v${doc.version}`);
        // One didChange; changes go back to front so that each range is still valid when it applies.
        const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
        const changes = ordered.map((e) => apply(doc, { range: e.range, text: e.newText }));
        await send(doc, changes);
        report.fixesApplied++;
      }
    }
    report.checkpointSeconds += (Date.now() - checkpointStarted) / 1000;
    const sizes = docs.map((d) => d.mirror.text.length);
    const parsing = docs.filter((d) => !d.lastPublished?.diagnostics.some((x) => x.code === 'harden/parse-error')).length;
    log(
      `edits ${report.edits}  checkpoints ${report.checkpoints}  diagnostics ${report.diagnosticsChecked}  actions ${report.actionsChecked}  ` +
        `fixes applied ${report.fixesApplied}  documents parsing ${parsing}/${docs.length}  sizes ${sizes.join('/')}`,
    );
  }
}

const LONE_CR_TAG = '[text with a lone CR]';

/** What kind of failure a reason describes: positions, versions and sizes left out, the first stack frame kept. */
export function signatureOf(reason: string): string {
  if (reason.startsWith(LONE_CR_TAG)) return LONE_CR_TAG;
  const lines = reason.split('\n');
  const error = lines.find((l) => / failed: /.test(l));
  if (error) {
    const frame = lines[lines.indexOf(error) + 1] ?? '';
    return `${error.replace(/^.*? failed: /, '')} ${frame.trim().replace(/\(.*\)$/, '')}`;
  }
  return lines[0].replace(/"[^"]*"/g, '""').replace(/\d+/g, '#');
}

function touches(a: Range, b: Range): boolean {
  const cmp = (x: Range['start'], y: Range['start']) => x.line - y.line || x.character - y.character;
  return cmp(a.end, b.start) >= 0 && cmp(b.end, a.start) >= 0;
}
