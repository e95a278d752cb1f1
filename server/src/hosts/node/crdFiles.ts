// Reads the CustomResourceDefinition manifests named by `crds:` in `.harden.yaml` (files or folders, e.g.
// vendored CRDs outside the linted folder): only `.yaml`/`.yml` files, each within a size cap, at most
// MAX_CRD_FILES of them; folders are walked as the workspace scan walks (symlinks followed only while they
// stay inside the named folder). Only files that define a CRD are returned.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { realPathOf, walkFiles } from './walkFiles';
import { readSmallFile } from './workspaceScanner';
import { crdSchemas, mayDefineCrd, type CustomResourceFile } from '../../services/schema/custom';

/** A CRD manifest can be large (a few MB for the biggest operators); larger files are not read. */
export const MAX_CRD_FILE_BYTES = 8 * 1024 * 1024;
/**
 * Bounds over every `crds:` path: a folder named by mistake (or by a hostile repository's config: `/`) must
 * not make a run, or the language server, read the disk. YAML files read, files walked, bytes read.
 */
export const MAX_CRD_FILES = 5000;
export const MAX_CRD_WALKED_FILES = 50_000;
export const MAX_CRD_TOTAL_BYTES = 64 * 1024 * 1024;

export interface CrdText {
  path: string;
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;

/** The texts of the CRD manifests under `paths` (absolute), each file once, in the order found. */
export function readCrdTexts(paths: readonly string[], warn?: (message: string) => void): CrdText[] {
  const out: CrdText[] = [];
  const seen = new Set<string>();
  let truncated = false;
  let walked = 0;
  let bytes = 0;
  const visit = (file: string) => {
    if (++walked > MAX_CRD_WALKED_FILES) truncated = true;
    if (truncated || !YAML_FILE.test(file) || seen.has(file)) return;
    if (seen.size >= MAX_CRD_FILES) {
      truncated = true;
      return;
    }
    seen.add(file);
    const text = readSmallFile(file, Math.min(MAX_CRD_FILE_BYTES, MAX_CRD_TOTAL_BYTES - bytes));
    if (text === undefined) return;
    bytes += text.length;
    if (mayDefineCrd(text)) out.push({ path: file, text });
  };
  for (const named of paths) {
    const stat = statOrUndefined(named);
    if (!stat) {
      warn?.(`crds: ${named} does not exist`);
      continue;
    }
    if (stat.isDirectory()) {
      const root = realPathOf(named) ?? named;
      for (const file of walkFiles(named, { allowedRoots: [root] })) {
        visit(file);
        if (truncated) break;
      }
    } else if (stat.isFile()) visit(path.resolve(named));
  }
  if (truncated) warn?.(`crds: more than ${MAX_CRD_FILES} YAML files (or ${MAX_CRD_WALKED_FILES} files in all); the rest are not read`);
  return out;
}

/**
 * Parsed CRDs by file and content hash: parsing is the cost (~2 MB/s; argo-cd's 1.9 MB install takes ~0.5 s),
 * and the language server reads `crds:` again after every scan.
 */
export type CrdParseCache = Map<string, { hash: string; schemas: CustomResourceFile['schemas'] }>;

/** The CRD schemas of those files, as plain data; with `cache`, an unchanged file is not parsed again. */
export function readCrdFiles(paths: readonly string[], warn?: (message: string) => void, cache?: CrdParseCache): CustomResourceFile[] {
  const out: CustomResourceFile[] = [];
  const texts = readCrdTexts(paths, warn);
  if (cache) for (const file of [...cache.keys()]) if (!texts.some((t) => t.path === file)) cache.delete(file);
  for (const { path: file, text } of texts) {
    try {
      const hash = cache ? createHash('sha256').update(text).digest('hex') : '';
      const cached = cache?.get(file);
      const schemas = cached?.hash === hash ? cached.schemas : [...crdSchemas(text)];
      cache?.set(file, { hash, schemas });
      if (schemas.length > 0) out.push({ path: file, schemas });
    } catch (error) {
      warn?.(`crds: ${file} cannot be read as CRDs (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return out;
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
