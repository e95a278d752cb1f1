// Builds every kustomization of a folder (a cloned repository) with Harden's in-memory build and with the real
// `kubectl kustomize`, and says where they differ: the objects only one has, and the first differing field of each
// object both have. Kustomizations kubectl cannot build (remote resources offline, its own errors) are counted and
// skipped. How the goldens of test/fixtures/kustomize/harden-* were found (docs/kustomize.md). Needs kubectl.
// Run: npx tsx test/kustomize/compare-with-kubectl.ts <folder> [--verbose] (a tool, not a test: tests never run kubectl).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isKustomizationFile } from '../../server/src/engine';
import { buildKustomization, toJS } from '../../server/src/engine/testing';
import { diskFileSystem, normaliseObjects, parseYamlStream } from './helpers';

const [root, flag] = process.argv.slice(2);
if (!root) throw new Error('usage: npx tsx test/kustomize/compare-with-kubectl.ts <folder> [--verbose]');
const verbose = flag === '--verbose';

function kustomizations(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry.startsWith('.') || entry === 'node_modules') return [];
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return kustomizations(path);
    return stat?.isFile() && isKustomizationFile(entry) ? [path] : [];
  });
}

type Obj = { kind?: string; metadata?: { name?: string; namespace?: string } };
const idOf = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** The first field where the two differ, as a path with both values. */
function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: kubectl ${JSON.stringify(a)?.slice(0, 120)}, harden ${JSON.stringify(b)?.slice(0, 120)}`;
}

const counts = { same: 0, differ: 0, kubectlFails: 0, hardenErrors: 0 };
const files = kustomizations(root).sort();
for (const file of files) {
  let golden: string;
  try {
    golden = execFileSync('kubectl', ['kustomize', dirname(file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch {
    counts.kubectlFails++;
    continue;
  }
  const result = buildKustomization(diskFileSystem(), file, { roots: [root] });
  const errors = result.problems.filter((p) => p.severity === 'error').map((p) => p.message);
  const expected = normaliseObjects(parseYamlStream(golden)) as Obj[];
  const actual = normaliseObjects(result.resources.map((r) => toJS(r.root))) as Obj[];
  if (errors.length === 0 && isDeepStrictEqual(actual, expected)) {
    counts.same++;
    continue;
  }
  counts.differ++;
  const name = relative(root, file);
  if (errors.length > 0) {
    counts.hardenErrors++;
    console.log(`${name}: build errors kubectl does not have: ${errors.join(' | ')}`);
    continue;
  }
  const mine = new Map(actual.map((o) => [idOf(o), o]));
  const theirs = new Map(expected.map((o) => [idOf(o), o]));
  const missing = [...theirs.keys()].filter((id) => !mine.has(id));
  const extra = [...mine.keys()].filter((id) => !theirs.has(id));
  const changed = [...theirs.keys()].filter((id) => mine.has(id) && !isDeepStrictEqual(theirs.get(id), mine.get(id)));
  const notRun = [...new Set(result.problems.filter((p) => p.severity === 'info').map((p) => p.message.split(';')[0]))];
  console.log(`${name}: ${missing.length} missing, ${extra.length} extra, ${changed.length} changed${notRun.length ? ` (not run: ${notRun.join('; ')})` : ''}`);
  if (verbose) for (const id of changed) console.log(`  ${firstDifference(theirs.get(id), mine.get(id), id)}`);
}
console.log(JSON.stringify({ kustomizations: files.length, ...counts }));
