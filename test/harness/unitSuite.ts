// The node:test suites and their files. `unit`: every test/**/*.test.ts but the stress files, split over two
// processes (`npm run test:unit`): tests of one file always run in one process (they may share module state), and
// each process loads Node and tsx once, so a 2-core machine runs it in about half the time of one process.
// `stress`: fuzzers, huge inputs and the fix-by-fix check of the whole corpus (`npm run test:stress`). `npm test`
// runs both, then the end-to-end suites (test/e2e/*.e2e.mjs).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEST_WEIGHTS } from './testWeights';

const TEST_ROOT = join(__dirname, '..');

/** Minutes of CPU on purpose: random edits by the thousand, 50 MB and 10,000-document files, every fix of the corpus. */
export const STRESS_FILES: readonly string[] = [
  'bad-input/half-typed.test.ts',
  'bad-input/huge-file.test.ts',
  'bad-input/many-documents.test.ts',
  'cli/large-report.test.ts',
  'fuzz/lsp-fuzz.test.ts',
  'safety/corpus.test.ts',
];

/** Every `test/**\/*.test.ts` outside fixtures and the end-to-end suites, `/`-separated relative to test/, sorted. */
export function allTestFiles(dir = TEST_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'e2e' ? [] : allTestFiles(path);
      return entry.name.endsWith('.test.ts') ? [relative(TEST_ROOT, path).split('\\').join('/')] : [];
    })
    .sort();
}

export function unitTestFiles(): string[] {
  return allTestFiles().filter((file) => !STRESS_FILES.includes(file));
}

/**
 * Files that must share a process: the packaging tests both rebuild and pack dist/npm, so they never run at the
 * same time in two shards.
 */
const SAME_PROCESS = ['package/'];

/**
 * Shard `index` of `count`: groups of files (a file alone, or a SAME_PROCESS folder) dealt heaviest first to the
 * lightest shard (weights: measured CPU seconds, test/harness/testWeights.ts; 1 for the rest). Deterministic, and
 * every file lands in exactly one shard.
 */
export function shardFiles(files: readonly string[], index: number, count: number): string[] {
  const weight = (file: string) => TEST_WEIGHTS[file] ?? 1;
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const key = SAME_PROCESS.find((folder) => file.startsWith(folder)) ?? file;
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const load = (group: string[]) => group.reduce((sum, file) => sum + weight(file), 0);
  const shards = Array.from({ length: count }, () => ({ load: 0, files: [] as string[] }));
  for (const group of [...groups.values()].sort((a, b) => load(b) - load(a) || a[0].localeCompare(b[0]))) {
    const lightest = shards.reduce((min, shard) => (shard.load < min.load ? shard : min));
    lightest.load += load(group);
    lightest.files.push(...group);
  }
  return shards[index].files.sort();
}

/** Loads (and so registers the tests of) these files of test/. */
export function loadTestFiles(files: readonly string[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- test files register their tests when loaded
  for (const file of files) require(join(TEST_ROOT, file));
}

/** Loads shard `index` of `count` of the unit suite. */
export function loadUnitShard(index: number, count: number): void {
  const files = unitTestFiles();
  if (files.length < 100) throw new Error(`only ${files.length} unit test files found under ${TEST_ROOT}`);
  loadTestFiles(shardFiles(files, index, count));
}
