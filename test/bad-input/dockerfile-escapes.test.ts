// A Dockerfile line continued onto a line that starts with an escaped `#` (`RUN echo a \` then `\# b`).
//
// Found by the LSP fuzzer (seed 1): dockerfile-ast's Instruction.getHeredocs throws "TypeError: Cannot
// read properties of undefined (reading 'getRange')" on it, and the engine (dockerfile/model.ts
// toInstruction) let the exception out of Linter.lint: the language server showed "internal error".
// Fixed in 9db71a7; this is the regression test.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { assertFindingsInside } from '../fuzz/findingChecks';

it('a continuation line starting with an escaped # lints without throwing', () => {
  for (const text of ['FROM alpine\nRUN echo a \\\n\\# b\n', 'FROM alpine\nENV a=b \\\n\\# c\n']) {
    const { findings } = new Linter().lint({ path: '/w/Dockerfile', text });
    assertFindingsInside(text, findings);
    assert.ok(
      findings.some((f) => f.ruleId === 'docker/user-missing'),
      'the other rules still run',
    );
  }
});
