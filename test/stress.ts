// The stress suite in one process (test/harness/unitSuite.ts lists its files): `npm run test:stress`.
import { STRESS_FILES, allTestFiles, loadTestFiles } from './harness/unitSuite';

const missing = STRESS_FILES.filter((file) => !allTestFiles().includes(file));
if (missing.length > 0) throw new Error(`stress test files missing: ${missing.join(', ')}`);
loadTestFiles(STRESS_FILES);
