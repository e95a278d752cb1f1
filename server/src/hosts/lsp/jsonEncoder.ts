// JSON for the stdio transport that does not re-serialise what did not change. LSP pushes every diagnostic of
// a file on each publish: on a 1,000-document manifest that is ~9,000 diagnostics and megabytes of JSON per
// keystroke, and JSON.stringify of it cost more than linting the edit. Diagnostics of unchanged documents are
// the same objects from one publish to the next (diagnostics.ts), so their JSON is kept, as bytes, and copied.
// Every other message, and any publish that does not have the exact expected shape, goes through
// JSON.stringify as vscode-jsonrpc's own encoder does.
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

// Kept as UTF-8 bytes: a publish is then one copy of cached bytes, not a string join plus an encoding pass.
const bytesOf = new WeakMap<object, Buffer>();

function cachedBytes(value: object): Buffer {
  let bytes = bytesOf.get(value);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(value), 'utf8');
    bytesOf.set(value, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(',');

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

/** The JSON of a message as UTF-8; byte-for-byte what JSON.stringify gives, up to the order of keys. */
export function encodeMessage(message: Message): Buffer {
  if (!isPlainPublish(message)) return Buffer.from(JSON.stringify(message), 'utf8');
  const { uri, version, diagnostics } = message.params;
  const versionJson = version === undefined ? '' : `,"version":${JSON.stringify(version)}`;
  const head = `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":{"uri":${JSON.stringify(uri)}${versionJson},"diagnostics":[`;
  const parts: Buffer[] = [Buffer.from(head, 'utf8')];
  diagnostics.forEach((diagnostic, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(cachedBytes(diagnostic));
  });
  parts.push(Buffer.from(']}}'));
  return Buffer.concat(parts);
}

export const cachingJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message, options) =>
    Promise.resolve(/^utf-?8$/i.test(options.charset) ? encodeMessage(message) : Buffer.from(JSON.stringify(message), options.charset)),
};
