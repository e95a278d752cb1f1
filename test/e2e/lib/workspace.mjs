// A fresh copy of the fixtures workspace per run (the suites edit and save files).
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths.mjs';

export const FIXTURES = join(REPO, 'test', 'e2e', 'fixtures', 'workspace');

export function copyWorkspace(scratch, name = 'workspace') {
  const target = join(scratch, name);
  mkdirSync(target, { recursive: true });
  cpSync(FIXTURES, target, { recursive: true });
  return target;
}
