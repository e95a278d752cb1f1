// The repository's import graph, read with the TypeScript compiler's pre-processor (static imports, re-exports,
// dynamic import() and require()), for the architecture test. Relative imports are resolved the way the bundler
// resolves them; package imports keep only their specifier.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './fixtures';

export interface ImportEdge {
  /** Importing file, relative to the repository root with `/` separators. */
  from: string;
  specifier: string;
  /** The resolved file for a relative import; undefined for packages and built-ins. */
  to?: string;
}

export interface SourceFileInfo {
  path: string;
  /** The code's tokens without comments or string contents, for checks of identifiers such as `process.`. */
  codeWithoutComments: string;
}

const SOURCE = /\.(ts|mts|cts|mjs|cjs|js)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.mts', '.mjs', '.js', '/index.ts', '/index.mjs'];
// Vendored inputs and build output are data, not code of this repository.
const SKIPPED_FOLDERS = new Set(['node_modules', 'fixtures', 'dist', '.vscode-test']);

function listSources(folder: string): string[] {
  const absolute = join(REPO_ROOT, folder);
  if (!existsSync(absolute)) throw new Error(`architecture: missing source folder ${folder}`);
  const files: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const child = `${folder}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) files.push(...listSources(child));
    else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(child);
  }
  return files;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = join(REPO_ROOT, dirname(from), specifier);
  for (const suffix of RESOLVE_SUFFIXES) {
    const candidate = base + suffix;
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(REPO_ROOT, candidate).split('\\').join('/');
  }
  // `./x.js` written for a TypeScript source `./x.ts`.
  const asTs = base.replace(/\.js$/, '.ts');
  if (asTs !== base && existsSync(asTs)) return relative(REPO_ROOT, asTs).split('\\').join('/');
  throw new Error(`architecture: ${from} imports '${specifier}', which resolves to no file`);
}

function tokensWithoutComments(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, text);
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const isText = kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral || kind === ts.SyntaxKind.TemplateHead;
    tokens.push(isText ? '""' : scanner.getTokenText());
  }
  return tokens.join(' ');
}

export function importGraph(folders: string[]) {
  const files: SourceFileInfo[] = [];
  const edges: ImportEdge[] = [];
  for (const path of folders.flatMap(listSources)) {
    const text = readFileSync(join(REPO_ROOT, path), 'utf8');
    files.push({ path, codeWithoutComments: tokensWithoutComments(text) });
    const { importedFiles } = ts.preProcessFile(text, /* readImportFiles */ true, /* detectJavaScriptImports */ true);
    for (const { fileName: specifier } of importedFiles) {
      edges.push({ from: path, specifier, to: specifier.startsWith('.') ? resolveRelative(path, specifier) : undefined });
    }
  }

  /** Every strongly connected set of files under `folder` (Tarjan), each as its sorted file list. */
  function cycles(folder: string): string[][] {
    const next = new Map<string, string[]>();
    for (const edge of edges) {
      if (!edge.from.startsWith(folder) || !edge.to?.startsWith(folder)) continue;
      next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
    }
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    const visit = (file: string) => {
      index.set(file, index.size);
      low.set(file, index.get(file)!);
      stack.push(file);
      onStack.add(file);
      for (const target of next.get(file) ?? []) {
        if (!index.has(target)) {
          visit(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
      if (low.get(file) !== index.get(file)) return;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = next.get(file)?.includes(file) ?? false;
      if (component.length > 1 || selfImport) found.push(component.sort());
    };
    for (const file of files.map((f) => f.path)) if (file.startsWith(folder) && !index.has(file)) visit(file);
    return found;
  }

  return { files, edges, cycles };
}
