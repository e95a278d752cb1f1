// `npm run example`: lint the bundled examples with the built CLI and explain the exit code. The examples
// are deliberately unhardened, so exit code 1 (findings reported) is the expected outcome here.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['bin/harden.js', 'lint', 'examples/'], { stdio: 'inherit' });
const code = result.status ?? 2;
const meaning = { 0: 'no error-severity findings', 1: 'findings reported (expected: the examples are unhardened)' }[code];
console.log(`\nharden exited with ${code}: ${meaning ?? 'usage or I/O error'}. Try: node bin/harden.js lint examples/ --fix`);
process.exit(code <= 1 ? 0 : code);
