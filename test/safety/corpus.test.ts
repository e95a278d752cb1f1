// Fix safety over the shared real-world corpus and every fixture and example of this repository.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { detectLanguage } from '../../server/src/engine';
import { checkFile } from './fixSafety';
import { fixtureDir } from '../harness/fixtures';

const root = join(__dirname, '..', '..');
const corpus = fixtureDir('test', 'fixtures', 'corpus');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return detectLanguage(path) ? [path] : [];
  });
}

// The corpus lies under test/fixtures: each file once.
const targets = [...new Set([...files(corpus), ...files(join(root, 'test', 'fixtures')), ...files(join(root, 'examples'))])];
let checked = 0;
let fixAll = 0;

describe('fix safety', () => {
  it('has files to check', () => {
    if (targets.length < 10) throw new Error(`only ${targets.length} files found`);
  });
  for (const path of targets) {
    it(relative(root, path), () => {
      // A file that says "DO NOT EDIT" gets no fixes (engine/generated.ts); its fixes are checked as if it did not say so.
      const report = checkFile(path, readFileSync(path, 'utf8').replace(/\bdo not (edit|modify)\b/gi, 'generated'));
      checked += report.fixesChecked;
      fixAll += report.fixAllApplied;
    });
  }
  it('checked fixes one by one and by fix-all over the whole corpus', () => {
    // Guards the loop above: an empty corpus or a checker that applies nothing would pass every file.
    assert.ok(targets.length > 50, `${targets.length} files`);
    assert.ok(checked > 0, `${checked} fixes checked one by one`);
    assert.ok(fixAll > 0, `${fixAll} fixes applied by fix-all`);
  });
});
