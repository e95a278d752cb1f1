// Where the tests' vendored inputs live. A missing fixture is a failure, never a skip: `fixtureDir` throws.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The real-world corpus of manifests and Dockerfiles (test/fixtures/corpus, sources in its SOURCES.tsv). */
export const CORPUS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'corpus');

/** An existing folder under the repository, or an error that names it. */
export function fixtureDir(...parts: string[]): string {
  const dir = join(REPO_ROOT, ...parts);
  if (!existsSync(dir) || readdirSync(dir).length === 0) throw new Error(`missing test fixture folder: ${dir}`);
  return dir;
}
