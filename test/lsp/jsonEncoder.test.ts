// The stdio writer's JSON (server/src/hosts/lsp/jsonEncoder.ts) must say exactly what JSON.stringify says, while
// reusing the text of diagnostics it has already written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from 'vscode-languageserver/node';
import { PassThrough } from 'node:stream';
import { StreamMessageReader } from 'vscode-languageserver/node';
import { encodeMessageParts } from '../../server/src/hosts/lsp/jsonEncoder';
import { PartsMessageWriter } from '../../server/src/hosts/lsp/messageWriter';

const serializeMessage = (message: Message) => Buffer.concat(encodeMessageParts(message)).toString('utf8');

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 2 }, end: { line, character: 9 } },
  severity: 2,
  code: 'k8s/run-as-non-root',
  codeDescription: { href: 'https://example.test/rules/k8s/run-as-non-root.md' },
  source: 'harden',
  message,
});

const publish = (diagnostics: object[], version?: number): Message =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///w/a "b".yaml', ...(version === undefined ? {} : { version }), diagnostics },
  }) as Message;

describe('stdio JSON encoder', () => {
  it('writes a publish that parses to the same message as JSON.stringify gives, with and without a version', () => {
    const diagnostics = [diagnostic(1, 'plain'), diagnostic(2, 'quotes " and \\ and \n and \u2028 and ünïcode 🚀')];
    for (const message of [publish(diagnostics, 7), publish(diagnostics), publish([], 0)]) {
      assert.deepEqual(JSON.parse(serializeMessage(message)), JSON.parse(JSON.stringify(message)));
    }
  });

  it('reuses the text of a diagnostic it has written, and writes new objects afresh', () => {
    const kept = diagnostic(1, 'kept');
    const first = serializeMessage(publish([kept, diagnostic(2, 'old')], 1));
    const second = serializeMessage(publish([kept, diagnostic(2, 'new')], 2));
    assert.ok(first.includes('"old"') && !second.includes('"old"') && second.includes('"new"'));
    assert.deepEqual(
      JSON.parse(second).params.diagnostics.map((d: { message: string }) => d.message),
      ['kept', 'new'],
    );
  });

  it('splices the bytes of the last publish of the same file: any change of a run of diagnostics, anywhere, gives what JSON.stringify gives', () => {
    // A seeded walk over edits that replace, insert or delete diagnostics at the start, middle and end.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const uri = (name: string) => `file:///w/${name}.yaml`;
    const publishTo = (name: string, diagnostics: object[], version: number): Message =>
      ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: uri(name), version, diagnostics } }) as Message;
    const files: Record<string, object[]> = { a: [], b: [diagnostic(0, 'b0')] };
    for (let step = 1; step <= 300; step++) {
      const name = random(4) === 0 ? 'b' : 'a';
      const current = [...files[name]];
      const at = random(current.length + 1);
      const removed = random(3);
      const added = Array.from({ length: random(4) }, (_, i) => diagnostic(step, `m${step}.${i} ${'ü'.repeat(random(3))}`));
      current.splice(at, removed, ...added);
      files[name] = current;
      const message = publishTo(name, current, step);
      assert.equal(serializeMessage(message), JSON.stringify(message), `step ${step}`);
    }
  });

  it("a keystroke's publish shares the bytes of the last one: only the changed diagnostics are new bytes", () => {
    const many = Array.from({ length: 2000 }, (_, i) => diagnostic(i, `finding ${i}`));
    const first = encodeMessageParts(publish(many, 1));
    const edited = [...many.slice(0, 1000), diagnostic(1000, 'changed'), ...many.slice(1001)];
    const second = encodeMessageParts(publish(edited, 2));
    assert.equal(Buffer.concat(second).toString('utf8'), JSON.stringify(publish(edited, 2)));
    const firstMemory = new Set(first.filter((part) => part.length > 10_000).map((part) => part.buffer));
    const shared = second.filter((part) => firstMemory.has(part.buffer)).reduce((sum, part) => sum + part.length, 0);
    const total = second.reduce((sum, part) => sum + part.length, 0);
    assert.ok(shared > 0.99 * total, `${shared} of ${total} bytes reused`);
  });

  it('a file whose diagnostics go and come back, and files that take turns, are written afresh correctly', () => {
    const kept = diagnostic(3, 'kept');
    const sequence: Message[] = [publish([kept], 1), publish([], 2), publish([kept, diagnostic(4, 'x')], 3), publish([diagnostic(4, 'y'), kept], 4)];
    for (const message of sequence) assert.equal(serializeMessage(message), JSON.stringify(message));
  });

  it('leaves every other message, and publishes of an unexpected shape, to JSON.stringify', () => {
    const others: Message[] = [
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } } as Message,
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hi' } } as Message,
      { ...publish([diagnostic(1, 'x')], 1), id: 4 } as Message,
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [diagnostic(1, 'x')], extra: true } } as Message,
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', version: null, diagnostics: [] } } as unknown as Message,
    ];
    for (const message of others) assert.equal(serializeMessage(message), JSON.stringify(message));
  });

  it('the stdio writer sends each message whole, in order, as vscode-jsonrpc reads them', async () => {
    const pipe = new PassThrough();
    const received: Message[] = [];
    const reader = new StreamMessageReader(pipe);
    reader.listen((message) => received.push(message));
    const writer = new PartsMessageWriter(pipe);
    const many = Array.from({ length: 300 }, (_, i) => diagnostic(i, `é ${i}`));
    const sent: Message[] = [
      publish(many, 1),
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'between' } } as Message,
      publish([...many.slice(0, 150), diagnostic(150, 'changed 🚀'), ...many.slice(151)], 2),
      publish([], 3),
    ];
    await Promise.all(sent.map((message) => writer.write(message)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(received, JSON.parse(JSON.stringify(sent)));
    reader.dispose();
  });
});
