// JSON for the stdio transport that does not re-serialise what did not change. LSP pushes every diagnostic of
// a file on each publish: on a 1,000-document manifest that is ~9,000 diagnostics and megabytes of JSON per
// keystroke, and JSON.stringify of it cost more than linting the edit. Diagnostics of unchanged documents are
// the same objects from one publish to the next (diagnostics.ts), so their JSON text is kept and joined.
// Every other message, and any publish that does not have the exact expected shape, goes through
// JSON.stringify as vscode-jsonrpc's own encoder does.
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

const jsonOf = new WeakMap<object, string>();

function cachedJson(value: object): string {
  let json = jsonOf.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    jsonOf.set(value, json);
  }
  return json;
}

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
    typeof params === 'object' && params !== null && onlyKeys(params, ['uri', 'version', 'diagnostics']) &&
    typeof params.uri === 'string' && (params.version === undefined || typeof params.version === 'number') &&
    Array.isArray(params.diagnostics) && params.diagnostics.every((d) => typeof d === 'object' && d !== null && !Array.isArray(d))
  );
}

function onlyKeys(value: object, allowed: string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}

/** The JSON text of a message; byte-for-byte what JSON.stringify gives, up to the order of keys. */
export function serializeMessage(message: Message): string {
  if (!isPlainPublish(message)) return JSON.stringify(message);
  const { uri, version, diagnostics } = message.params;
  const versionJson = version === undefined ? '' : `,"version":${JSON.stringify(version)}`;
  return (
    `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}",` +
    `"params":{"uri":${JSON.stringify(uri)}${versionJson},"diagnostics":[${diagnostics.map(cachedJson).join(',')}]}}`
  );
}

export const cachingJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message, options) => Promise.resolve(Buffer.from(serializeMessage(message), options.charset)),
};
