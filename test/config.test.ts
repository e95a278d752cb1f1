import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, findConfigFile, parseConfig, schemaTurnedOff } from '../server/src/engine';
import { memoryFs } from './harness/ruleTester';

describe('.harden.yaml', () => {
  it('reads every setting', () => {
    const { config, problems } = parseConfig(`kubernetesVersion: "1.29"
rules:
  k8s/readiness-probe: off
  k8s/cpu-limit: warning
ignore: ["vendor/**"]
workloadKinds:
  Rollout: spec.template
images:
  shop/web: services/web/Dockerfile
dockerTarget: runtime
defaultNamespace: apps
crds: [vendor/crds, crds/cert-manager.yaml]
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      settings: {
        kubernetesVersion: '1.29',
        rules: { 'k8s/readiness-probe': 'off', 'k8s/cpu-limit': 'warning' },
        workloadKinds: { Rollout: 'spec.template' },
        images: { 'shop/web': 'services/web/Dockerfile' },
        dockerTarget: 'runtime',
        defaultNamespace: 'apps',
      },
      ignore: ['vendor/**'],
      crds: ['vendor/crds', 'crds/cert-manager.yaml'],
    });
  });

  it('crds: paths outside the folder of the config are ignored, each with a warning on its line', () => {
    const { config, problems } = parseConfig('crds:\n  - vendor/crds\n  - /etc\n  - ../../elsewhere\n');
    assert.deepEqual(config.crds, ['vendor/crds']);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.message.split(' is ')[0]]),
      [
        ['warning', 'crds: /etc'],
        ['warning', 'crds: ../../elsewhere'],
      ],
    );
  });

  it('harden-schema: off, as findings name schema validation, turns it off (schemaTurnedOff)', () => {
    const { config, problems } = parseConfig('rules:\n  harden-schema: off\n  k8s/privileged: warning\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.settings.rules, { 'harden-schema': 'off', 'k8s/privileged': 'warning' });
    assert.equal(schemaTurnedOff(config.settings), true);
    assert.equal(schemaTurnedOff(parseConfig('rules:\n  k8s/privileged: warning\n').config.settings), false);
  });

  it('an empty file is a valid, empty configuration', () => {
    assert.deepEqual(parseConfig('# nothing yet\n'), { config: { settings: {}, ignore: [], crds: [] }, problems: [] });
  });

  for (const [name, text, message] of [
    ['unknown rule', 'rules:\n  k8s/no-such-rule: off\n', /Unknown rule "k8s\/no-such-rule"/],
    ['bad severity', 'rules:\n  k8s/privileged: loud\n', /must be off, info, warning or error/],
    ['harden-schema other than off', 'rules:\n  harden-schema: warning\n', /harden-schema \(schema validation\) can only be turned off/],
    ['unquoted version', 'kubernetesVersion: 1.30\n', /must be a quoted version/],
    ['unknown key', 'rulez: {}\n', /Unknown setting "rulez"/],
    ['not YAML', 'rules: [\n', /does not parse/],
    ['crds not a list', 'crds: vendor/crds\n', /crds must be a list of paths/],
    ['crds with a non-string', 'crds: [vendor/crds, 3]\n', /crds must be a list of paths/],
  ] as const) {
    it(`rejects: ${name}, with one clear problem, and falls back to defaults`, () => {
      const { config, problems } = parseConfig(text);
      assert.ok(problems.length >= 1);
      assert.match(problems[0].message, message);
      assert.deepEqual(config, { settings: {}, ignore: [], crds: [] });
    });
  }

  it('the linter reports one harden/invalid-config diagnostic on an invalid config file', () => {
    const { findings } = new Linter().lint({ path: '/w/.harden.yaml', text: 'rules:\n  k8s/nope: off\n  k8s/privileged: loud\n' });
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'harden/invalid-config');
    assert.equal(findings[0].range.start.line, 1);
  });

  it('is found from the file upwards, stopping at the root', () => {
    const fs = memoryFs({ '/repo/.harden.yaml': '', '/repo/apps/.harden.yml': '', '/other/x': '' });
    assert.equal(findConfigFile('/repo/apps/web', '/repo', fs), '/repo/apps/.harden.yml');
    assert.equal(findConfigFile('/repo/k8s', '/repo', fs), '/repo/.harden.yaml');
    assert.equal(findConfigFile('/other', '/other', fs), undefined);
  });

  it('config settings turn a rule off in the engine', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext: {privileged: true}\n';
    const { config } = parseConfig('rules:\n  k8s/privileged: off\n');
    const ids = new Linter(config.settings).lint({ path: '/w/p.yaml', text }).findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('k8s/privileged'));
  });
});
