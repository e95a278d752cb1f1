// The contributed JSON schema of .harden.yaml agrees with what the engine accepts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules, parseConfig, SCHEMA_RULE_ID } from '../server/src/engine';

const root = join(__dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'harden-config.schema.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('.harden.yaml JSON schema', () => {
  it('is contributed for .harden.yaml and .harden.yml', () => {
    assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: ['.harden.yaml', '.harden.yml'], url: './schemas/harden-config.schema.json' }]);
  });
  it('lists every rule id with the four severities, harden-schema with off alone, and the version pattern the engine checks', () => {
    const rules = schema.properties.rules.properties;
    assert.deepEqual(Object.keys(rules).sort(), [...allRules.map((r) => r.meta.id), SCHEMA_RULE_ID].sort());
    assert.deepEqual(rules[SCHEMA_RULE_ID].enum, ['off']);
    for (const rule of allRules) assert.deepEqual(rules[rule.meta.id].enum, ['off', 'info', 'warning', 'error'], rule.meta.id);
    // What the schema offers, the engine accepts.
    assert.deepEqual(parseConfig(`rules:\n  ${SCHEMA_RULE_ID}: off\n`).problems, []);
    const pattern = new RegExp(schema.properties.kubernetesVersion.pattern);
    assert.ok(pattern.test('1.32') && !pattern.test('1.3.2') && !pattern.test('v1.32'));
  });
});
