// Dockerfile rules (issue 3). Each module: metadata + check; see ../../rule.ts.
import type { RuleModule } from '../../rule';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const dockerRules: ReadonlyArray<RuleModule<any>> = [];
