// The npm package's tarball, built once per process as `npm run pack:npm` builds it: the minified bundles and their
// third-party notices (scripts/build.ts), then the staged package packed (scripts/pack-npm.ts). Both packaging test
// files use it, and the unit suite runs them in one process (test/harness/unitSuite.ts), so they share one build.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { packNpm } from '../../../scripts/pack-npm';

const REPO = path.resolve(__dirname, '..', '..', '..');
let packed: string | undefined;

export function npmTarball(): string {
  if (packed === undefined) {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--minify'], { cwd: REPO, stdio: 'pipe' });
    packed = packNpm();
  }
  return packed;
}
