// The unit suite in one process: every test/**/*.test.ts (end-to-end suites are *.e2e.mjs and run apart).
// Starting Node and tsx once instead of once per file is most of the suite's speed on a small machine; test files
// must therefore not leak global state (they clean their temp folders in `after`, and restore what they patch).
// Run: node --import tsx --test-reporter=spec test/unit.ts   (npm run test:unit)
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const TEST_ROOT = __dirname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'e2e' ? [] : testFiles(path);
      return entry.name.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

const files = testFiles(TEST_ROOT);
if (files.length < 100) throw new Error(`test/unit.ts found only ${files.length} test files under ${relative(process.cwd(), TEST_ROOT)}`);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- test files register their tests when loaded
for (const file of files) require(file);
