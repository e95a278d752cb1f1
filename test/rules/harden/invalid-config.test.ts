import { ruleTester } from '../../harness/ruleTester';

const path = '/work/.harden.yaml';

ruleTester('harden/invalid-config', {
  valid: [
    { path, code: 'kubernetesVersion: "1.30"\nrules:\n  k8s/readiness-probe: off\nignore: ["vendor/**"]\n' },
    { path, code: '# nothing configured yet\n' },
    { name: 'crds: paths inside the folder of the config', path, code: 'crds:\n  - vendor/crds\n  - crds/widget.yaml\n' },
    { name: 'an ordinary manifest named otherwise is not a config file', path: '/work/other.yaml', code: 'rules: 3\n' },
  ],
  invalid: [
    {
      name: 'unknown rule',
      path,
      code: 'rules:\n  k8s/no-such-rule: off\n',
      errors: [{ line: 2, message: /Unknown rule "k8s\/no-such-rule"/, severity: 'error' }],
    },
    { name: 'unquoted version', path, code: 'kubernetesVersion: 1.30\n', errors: [{ line: 1, message: /quoted version/ }] },
    {
      name: 'only the first problem, once',
      path,
      code: 'rulez: {}\nrules:\n  k8s/privileged: loud\n',
      errors: [{ line: 1, message: /Unknown setting "rulez"/ }],
    },
    {
      name: 'crds: a single path instead of a list',
      path,
      code: 'crds: vendor/crds\n',
      errors: [{ line: 1, message: /crds must be a list of paths/ }],
    },
    { name: 'does not parse', path, code: 'rules: [\n', errors: [{ line: 2, message: /does not parse/ }] },
  ],
});
