// Regenerates test/fixtures/kustomize/<case>/expected.yaml with the real `kubectl kustomize` (kubectl 1.32,
// kustomize 5.5). Each case holds its input under src/ and, in `entry`, the folder to build (relative to
// src/). Run: npx tsx scripts/kustomize-goldens.ts [case…]. Tests never run kubectl: goldens are committed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const corpus = join(__dirname, '..', 'test', 'fixtures', 'kustomize');
const only = process.argv.slice(2);
const version = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).match(/Kustomize Version: (\S+)/)?.[1] ?? 'unknown';

for (const name of readdirSync(corpus).sort()) {
  const dir = join(corpus, name);
  if (!existsSync(join(dir, 'entry')) || (only.length > 0 && !only.includes(name))) continue;
  const entry = readFileSync(join(dir, 'entry'), 'utf8').trim();
  try {
    const output = execFileSync('kubectl', ['kustomize', join(dir, 'src', entry)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(join(dir, 'expected.yaml'), output);
    console.log(`${name}: ok`);
  } catch (error) {
    const message = String((error as { stderr?: string }).stderr ?? error).trim();
    writeFileSync(join(dir, 'expected-error.txt'), `${message}\n`);
    console.log(`${name}: kustomize fails: ${message.split('\n')[0]}`);
  }
}
console.log(`goldens made with kustomize ${version}`);
