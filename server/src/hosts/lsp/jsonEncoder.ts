// JSON for the stdio transport that does not re-serialise what did not change. LSP pushes every diagnostic of
// a file on each publish: on a 1,000-document manifest that is ~9,000 diagnostics and megabytes of JSON per
// keystroke, and JSON.stringify of it cost more than linting the edit. Diagnostics of unchanged documents are
// the same objects from one publish to the next (diagnostics.ts), so the bytes of the last publish are kept
// and the runs of unchanged diagnostics before and after the edited document are slices of them, written as
// parts (messageWriter.ts): a keystroke allocates the JSON of the diagnostics that changed, not megabytes.
// Every other message, and any publish that does not have the exact expected shape, goes through
// JSON.stringify as vscode-jsonrpc's own encoder does.
import type { Message } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

const jsonBytes = (value: object): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

const COMMA = 0x2c; // ','
const COMMA_BYTES = Buffer.from(',');
const TAIL = Buffer.from(']}}');

interface PublishNotification {
  jsonrpc: string;
  method: typeof PUBLISH_DIAGNOSTICS;
  params: { uri: string; version?: number; diagnostics: object[] };
}

function isPlainPublish(message: Message): message is Message & PublishNotification {
  const candidate = message as Partial<PublishNotification>;
  if (candidate.method !== PUBLISH_DIAGNOSTICS || !onlyKeys(message, ['jsonrpc', 'method', 'params'])) return false;
  const params = candidate.params;
  return (
    typeof params === 'object' &&
    params !== null &&
    onlyKeys(params, ['uri', 'version', 'diagnostics']) &&
    typeof params.uri === 'string' &&
    (params.version === undefined || typeof params.version === 'number') &&
    Array.isArray(params.diagnostics) &&
    params.diagnostics.every((d) => typeof d === 'object' && d !== null && !Array.isArray(d))
  );
}

function onlyKeys(value: object, allowed: string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}

/**
 * Consecutive diagnostics' JSON, separated by commas, in `bytes`: diagnostic `i` ends at `ends[i] - base`.
 * Runs are cut from the bytes of earlier publishes without copying (`subarray`), so a keystroke's publish
 * allocates only the JSON of the diagnostics that changed, not megabytes.
 */
interface Run {
  bytes: Buffer;
  ends: Int32Array;
  base: number;
}

/** The last publish of a file: its diagnostics and their JSON, as runs written one after the other. */
interface PublishedBody {
  diagnostics: readonly object[];
  runs: Run[];
}

const lastPublished = new Map<string, PublishedBody>();
/** Files whose last publish is kept (the most recently published): the large ones are few and open. */
const MAX_REMEMBERED_FILES = 8;
/** Past this many runs a body is joined into one (each edit elsewhere in the file adds up to two). */
const MAX_RUNS = 16;

/**
 * The JSON of a message as UTF-8, in parts to write one after the other (a publish reuses the bytes of the last
 * one): byte-for-byte what JSON.stringify gives, up to the order of keys.
 */
export function encodeMessageParts(message: Message): Buffer[] {
  if (!isPlainPublish(message)) return [Buffer.from(JSON.stringify(message), 'utf8')];
  const { uri, version, diagnostics } = message.params;
  const versionJson = version === undefined ? '' : `,"version":${JSON.stringify(version)}`;
  const head = Buffer.from(
    `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":{"uri":${JSON.stringify(uri)}${versionJson},"diagnostics":[`,
    'utf8',
  );
  const last = lastPublished.get(uri);
  const { prefix, suffix } = last ? sharedEnds(last.diagnostics, diagnostics) : { prefix: 0, suffix: 0 };
  let runs = [
    ...(last ? firstOf(last.runs, prefix) : []),
    ...runOf(diagnostics.slice(prefix, diagnostics.length - suffix)),
    ...(last ? lastOf(last.runs, suffix) : []),
  ];
  if (runs.length > MAX_RUNS) runs = [joined(runs)];
  remember(uri, { diagnostics, runs });
  return [head, ...commaSeparated(runs), TAIL];
}

/** The runs' bytes with a comma between each two. */
function commaSeparated(runs: readonly Run[]): Buffer[] {
  return runs.flatMap((run, i) => (i > 0 ? [COMMA_BYTES, run.bytes] : [run.bytes]));
}

/** The new diagnostics as one run (none when there are none). */
function runOf(diagnostics: readonly object[]): Run[] {
  if (diagnostics.length === 0) return [];
  const parts = diagnostics.map(jsonBytes);
  const ends = new Int32Array(parts.length);
  const bytes = Buffer.allocUnsafe(parts.reduce((sum, part) => sum + part.length, 0) + parts.length - 1);
  let at = 0;
  parts.forEach((part, i) => {
    if (i > 0) bytes[at++] = COMMA;
    at += part.copy(bytes, at);
    ends[i] = at;
  });
  return [{ bytes, ends, base: 0 }];
}

/** Runs holding the first `count` diagnostics of `runs`. */
function firstOf(runs: readonly Run[], count: number): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (count === 0) break;
    const taken = Math.min(count, run.ends.length);
    out.push(
      taken === run.ends.length ? run : { bytes: run.bytes.subarray(0, run.ends[taken - 1] - run.base), ends: run.ends.subarray(0, taken), base: run.base },
    );
    count -= taken;
  }
  return out;
}

/** Runs holding the last `count` diagnostics of `runs`. */
function lastOf(runs: readonly Run[], count: number): Run[] {
  const out: Run[] = [];
  for (let r = runs.length - 1; r >= 0 && count > 0; r--) {
    const run = runs[r];
    const taken = Math.min(count, run.ends.length);
    const skipped = run.ends.length - taken;
    const start = skipped === 0 ? 0 : run.ends[skipped - 1] - run.base + 1; // after the separating comma
    out.unshift(skipped === 0 ? run : { bytes: run.bytes.subarray(start), ends: run.ends.subarray(skipped), base: run.base + start });
    count -= taken;
  }
  return out;
}

/** One run with the diagnostics of `runs` (a copy: the earlier publishes' buffers can then be freed). */
function joined(runs: readonly Run[]): Run {
  const bytes = Buffer.concat(commaSeparated(runs));
  const ends = new Int32Array(runs.reduce((sum, run) => sum + run.ends.length, 0));
  let offset = 0;
  let i = 0;
  for (const run of runs) {
    for (const end of run.ends) ends[i++] = end - run.base + offset;
    offset += run.bytes.length + 1;
  }
  return { bytes, ends, base: 0 };
}

/** How many diagnostics at the start and at the end are the same objects (not overlapping). */
function sharedEnds(before: readonly object[], after: readonly object[]): { prefix: number; suffix: number } {
  const n = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < n && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

function remember(uri: string, published: PublishedBody): void {
  lastPublished.delete(uri);
  if (published.diagnostics.length === 0) return; // a closed or clean file: nothing worth keeping
  lastPublished.set(uri, published);
  if (lastPublished.size > MAX_REMEMBERED_FILES) lastPublished.delete(lastPublished.keys().next().value!);
}
