// Generated files (rule index, README table, settings schema) must match the rules' metadata.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generated } from '../scripts/generate';

describe('generated files', () => {
  for (const file of generated()) {
    it(`${file.path} is up to date (run npm run generate)`, () => {
      assert.equal(file.actual, file.expected);
    });
  }
});
