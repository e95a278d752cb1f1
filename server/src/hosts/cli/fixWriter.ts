// Writes what --fix produced. The engine's fixAll returns exact text (line endings and BOM untouched), so
// the file is rewritten only when that text differs; files a fix creates are never overwritten.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAFE_FIXES, selectFix, type FileCreate, type Finding, type FixFilter } from '../../engine';
import { describeIoError } from './output';

export function writeIfChanged(file: string, before: string, after: string): boolean {
  if (before === after) return false;
  fs.writeFileSync(file, after, 'utf8');
  return true;
}

export interface CreatedFiles {
  created: string[];
  errors: string[];
}

/** The files that the fixes a run applies ask for (e.g. a `.dockerignore`) and that do not exist yet, each once. */
export function plannedFiles(findings: readonly Finding[], filter: FixFilter = SAFE_FIXES): FileCreate[] {
  const planned: FileCreate[] = [];
  for (const finding of findings) {
    const chosen = selectFix(finding, filter);
    for (const create of chosen?.createFiles ?? []) {
      if (planned.some((p) => p.path === create.path) || fs.existsSync(create.path)) continue;
      planned.push(create);
    }
  }
  return planned;
}

/** Creates files that do not exist (one that appeared meanwhile is left alone: 'wx' never clobbers). */
export function createFiles(files: readonly FileCreate[]): CreatedFiles {
  const result: CreatedFiles = { created: [], errors: [] };
  for (const create of files) {
    if (result.created.includes(create.path) || fs.existsSync(create.path)) continue;
    try {
      fs.mkdirSync(path.dirname(create.path), { recursive: true });
      fs.writeFileSync(create.path, create.text, { encoding: 'utf8', flag: 'wx' });
      result.created.push(create.path);
    } catch (error) {
      result.errors.push(`cannot create ${create.path}: ${describeIoError(error)}`);
    }
  }
  return result;
}

/** Creates the files that the fixes a run applies ask for when they do not exist yet. */
export function createMissingFiles(findings: readonly Finding[], filter: FixFilter = SAFE_FIXES): CreatedFiles {
  return createFiles(plannedFiles(findings, filter));
}
