// The real-world corpus as a workspace: every file, and a Linter that has indexed all of them (as the CLI
// does), so that cross-file rules (bindings, Services, PDBs) see the whole bundle.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Linter, detectLanguage } from '../../server/src/engine';
import { CORPUS_DIR, fixtureDir } from '../harness/fixtures';

export interface CorpusFile {
  /** Path relative to the corpus folder, `/`-separated. */
  name: string;
  path: string;
  text: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return walk(path);
      return detectLanguage(path) ? [path] : [];
    });
}

export function corpusFiles(): CorpusFile[] {
  const dir = fixtureDir('test', 'fixtures', 'corpus');
  return walk(dir).map((path) => ({ name: relative(dir, path).split('\\').join('/'), path, text: readFileSync(path, 'utf8') }));
}

/** A Linter whose index holds every corpus file, at `/corpus/<name>`. */
export function corpusLinter(files: readonly CorpusFile[]): Linter {
  const linter = new Linter();
  for (const file of files) linter.indexFile({ path: virtualPath(file), text: file.text });
  return linter;
}

export function virtualPath(file: CorpusFile): string {
  return `/corpus/${file.name}`;
}

export { CORPUS_DIR };
