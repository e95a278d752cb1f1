// Half 1 of the unit suite (test/harness/unitSuite.ts decides which files): `npm run test:unit` runs both halves
// side by side with `node --test --test-concurrency=2`; `node --import tsx --test-reporter=spec test/unit.shard1.ts`
// runs this half alone.
import { loadUnitShard } from './harness/unitSuite';

loadUnitShard(0, 2);
