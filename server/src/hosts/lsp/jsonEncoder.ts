// JSON for the stdio transport that does not re-serialise what did not change. LSP pushes every diagnostic of
// a file on each publish: on a 1,000-document manifest that is ~9,000 diagnostics and megabytes of JSON per
// keystroke, and JSON.stringify of it cost more than linting the edit. Diagnostics of unchanged documents are
// the same objects from one publish to the next (diagnostics.ts), so the bytes of the last publish are kept
// and the runs of unchanged diagnostics before and after the edited document are copied from them.
// Every other message, and any publish that does not have the exact expected shape, goes through
// JSON.stringify as vscode-jsonrpc's own encoder does.
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

const jsonBytes = (value: object): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

const COMMA = 0x2c; // ','
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
 * The last publish of a file: its diagnostics and where each one's JSON ends in `body` (the bytes between `[`
 * and `]`). A keystroke changes the diagnostics of one document; those before and after it are the same
 * objects, so the next publish copies their bytes in two runs instead of ~9,000 small copies.
 */
interface PublishedBody {
  diagnostics: readonly object[];
  ends: Int32Array;
  body: Buffer;
}

const lastPublished = new Map<string, PublishedBody>();
/** Files whose last publish is kept (the most recently published): the large ones are few and open. */
const MAX_REMEMBERED_FILES = 8;

/** The JSON of a message as UTF-8; byte-for-byte what JSON.stringify gives, up to the order of keys. */
export function encodeMessage(message: Message): Buffer {
  if (!isPlainPublish(message)) return Buffer.from(JSON.stringify(message), 'utf8');
  const { uri, version, diagnostics } = message.params;
  const versionJson = version === undefined ? '' : `,"version":${JSON.stringify(version)}`;
  const head = Buffer.from(
    `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":{"uri":${JSON.stringify(uri)}${versionJson},"diagnostics":[`,
    'utf8',
  );
  const last = lastPublished.get(uri);
  const { prefix, suffix } = last ? sharedEnds(last.diagnostics, diagnostics) : { prefix: 0, suffix: 0 };
  const middle = diagnostics.slice(prefix, diagnostics.length - suffix).map(jsonBytes);
  const oldSuffixStart = last && suffix > 0 ? startOf(last, last.diagnostics.length - suffix) : 0;
  const prefixBytes = last && prefix > 0 ? last.ends[prefix - 1] : 0;
  const suffixBytes = last && suffix > 0 ? last.body.length - oldSuffixStart : 0;
  // The runs copied keep their own separating commas; new ones go before each new diagnostic but a first one, and before the suffix.
  const commas = middle.length - (prefix === 0 && middle.length > 0 ? 1 : 0) + (suffix > 0 && diagnostics.length > suffix ? 1 : 0);
  const bodyLength = prefixBytes + middle.reduce((sum, bytes) => sum + bytes.length, 0) + suffixBytes + commas;
  const out = Buffer.allocUnsafe(head.length + bodyLength + TAIL.length);
  let at = head.copy(out, 0);
  const bodyStart = at;
  const ends = new Int32Array(diagnostics.length);
  if (last && prefix > 0) {
    at += last.body.copy(out, at, 0, prefixBytes);
    ends.set(last.ends.subarray(0, prefix));
  }
  middle.forEach((bytes, i) => {
    if (prefix + i > 0) out[at++] = COMMA;
    at += bytes.copy(out, at);
    ends[prefix + i] = at - bodyStart;
  });
  if (last && suffix > 0) {
    if (diagnostics.length > suffix) out[at++] = COMMA;
    const shift = at - bodyStart - oldSuffixStart;
    at += last.body.copy(out, at, oldSuffixStart);
    const oldFirst = last.diagnostics.length - suffix;
    for (let i = 0; i < suffix; i++) ends[diagnostics.length - suffix + i] = last.ends[oldFirst + i] + shift;
  }
  TAIL.copy(out, at);
  remember(uri, { diagnostics, ends, body: out.subarray(bodyStart, bodyStart + bodyLength) });
  return out;
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

/** Where diagnostic `i`'s JSON starts in the body (after the comma that separates it from the one before). */
function startOf(published: PublishedBody, i: number): number {
  return i === 0 ? 0 : published.ends[i - 1] + 1;
}

function remember(uri: string, published: PublishedBody): void {
  lastPublished.delete(uri);
  if (published.diagnostics.length === 0) return; // a closed or clean file: nothing worth keeping
  lastPublished.set(uri, published);
  if (lastPublished.size > MAX_REMEMBERED_FILES) lastPublished.delete(lastPublished.keys().next().value!);
}

export const cachingJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message, options) =>
    Promise.resolve(/^utf-?8$/i.test(options.charset) ? encodeMessage(message) : Buffer.from(JSON.stringify(message), options.charset)),
};
