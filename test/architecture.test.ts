// The layers of ARCHITECTURE.md, enforced: every import in server/src, test, scripts and bench is read with the
// TypeScript compiler's own pre-processor and checked against the rules below. A failure names the importing
// file, the import and the rule it breaks.
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { describe, it } from 'node:test';
import { WEB_NODE_SHIMS } from '../scripts/bundles';
import { importGraph, type ImportEdge } from './harness/importGraph';

const graph = importGraph(['server/src', 'client/src', 'test', 'scripts', 'bench']);

const ENGINE = 'server/src/engine/';
/** The engine's public entry, and the second entry for unit tests of engine internals (documented in it). */
const ENGINE_ENTRY = 'server/src/engine/index.ts';
const ENGINE_TESTING_ENTRY = 'server/src/engine/testing.ts';

const inside = (file: string, folder: string) => file.startsWith(folder);
const hostOf = (file: string) => /^server\/src\/hosts\/([^/]+)\//.exec(file)?.[1];
const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
/** Entry of the web server bundle (dist/web/server.js, a web worker): no Node there. */
const WEB_ENTRY = 'server/src/hosts/web/main.ts';

/** Every file `entry` imports, directly or not (type-only imports included: they must not name Node either). */
function reachableFrom(entry: string): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const edge of graph.edges) {
      if (edge.from === file && edge.to !== undefined && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

function violations(check: (edge: ImportEdge) => boolean): string[] {
  return graph.edges.filter(check).map((edge) => `${edge.from} imports '${edge.specifier}'`);
}

describe('architecture', () => {
  it('reads a plausible number of files and imports', () => {
    // Guards the scanner itself: a broken glob or resolver would make every other check pass vacuously.
    assert.ok(graph.files.length > 300, `${graph.files.length} files`);
    assert.ok(graph.edges.filter((edge) => edge.to?.startsWith(ENGINE)).length > 100);
  });

  it('code outside the engine imports it only through engine/index.ts', () => {
    const deep = violations(
      (edge) =>
        !inside(edge.from, ENGINE) &&
        edge.to !== undefined &&
        inside(edge.to, ENGINE) &&
        edge.to !== ENGINE_ENTRY &&
        !(edge.to === ENGINE_TESTING_ENTRY && inside(edge.from, 'test/')),
    );
    assert.deepEqual(deep, []);
  });

  it('engine/testing.ts is imported by tests only', () => {
    assert.deepEqual(
      violations((edge) => edge.to === ENGINE_TESTING_ENTRY && !inside(edge.from, 'test/')),
      [],
    );
  });

  it('the engine imports no Node built-in, no editor or LSP module, and no host or service', () => {
    const impure = violations(
      (edge) =>
        inside(edge.from, ENGINE) && (isNodeBuiltin(edge.specifier) || /^vscode/.test(edge.specifier) || (edge.to !== undefined && !inside(edge.to, ENGINE))),
    );
    assert.deepEqual(impure, []);
  });

  it('the engine reads no process state or module paths', () => {
    const offenders = graph.files
      .filter((file) => inside(file.path, ENGINE))
      .filter((file) => /\bprocess\.|__dirname|__filename|import\.meta/.test(file.codeWithoutComments))
      .map((file) => file.path);
    assert.deepEqual(offenders, []);
  });

  it('services import the engine and each other, never a host or a Node built-in (the host hands them data)', () => {
    const offenders = violations(
      (edge) => inside(edge.from, 'server/src/services/') && (isNodeBuiltin(edge.specifier) || (edge.to !== undefined && inside(edge.to, 'server/src/hosts/'))),
    );
    assert.deepEqual(offenders, []);
  });

  it('the engine uses no Node global (Buffer): it also runs in the web worker', () => {
    const offenders = graph.files.filter((file) => inside(file.path, ENGINE) && /\bBuffer\b/.test(file.codeWithoutComments)).map((file) => file.path);
    assert.deepEqual(offenders, []);
  });

  it('the web server (hosts/web) imports no Node built-in, and what it reaches none but those the web bundle stands in for', () => {
    const reachable = reachableFrom(WEB_ENTRY);
    assert.ok(reachable.has('server/src/hosts/lsp/codeActions.ts') && reachable.size > 100, `${reachable.size} files reached from ${WEB_ENTRY}`);
    const offenders = violations(
      (edge) =>
        (inside(edge.from, 'server/src/hosts/web/') && isNodeBuiltin(edge.specifier)) ||
        (reachable.has(edge.from) && isNodeBuiltin(edge.specifier) && !(edge.specifier in WEB_NODE_SHIMS)) ||
        // `vscode-languageserver/node` and the like: the Node transport (the web server uses `/browser` or the common entry).
        (reachable.has(edge.from) && /^vscode-[a-z-]+\/node$/.test(edge.specifier)),
    );
    assert.deepEqual(offenders, []);
  });

  it('hosts import only the hosts they may: cli → node; lsp → node; web → lsp, node (services are open to every host)', () => {
    const allowed: Record<string, string[]> = { cli: ['node'], lsp: ['node'], node: [], web: ['lsp', 'node'] };
    const crossing = violations((edge) => {
      const from = hostOf(edge.from);
      const to = edge.to && hostOf(edge.to);
      return from !== undefined && to !== undefined && from !== to && !allowed[from]?.includes(to);
    });
    assert.deepEqual(crossing, []);
  });

  it('the extension client shares no code with the server but the LSP protocol definitions (hosts/lsp/*Protocol.ts)', () => {
    const isProtocol = (path: string) => /^server\/src\/hosts\/lsp\/[A-Za-z]+Protocol\.ts$/.test(path);
    assert.deepEqual(
      violations((edge) => inside(edge.from, 'client/src/') && edge.to !== undefined && !inside(edge.to, 'client/src/') && !isProtocol(edge.to)),
      [],
    );
  });

  it('server/src has no import cycle (type-only imports included)', () => {
    const cycles = graph.cycles('server/src/').map((cycle) => cycle.join(' → '));
    assert.deepEqual(cycles, []);
  });
});
