import { ruleTester } from '../../harness/ruleTester';

ruleTester('compose/no-new-privileges', {
  valid: [
    {
      name: 'every spelling Docker accepts',
      code: 'services:\n  a:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n  b:\n    image: b:1\n    security_opt:\n      - no-new-privileges\n  c:\n    image: c:1\n    security_opt: ["no-new-privileges=true"]\n',
    },
    {
      name: 'partial service',
      path: '/work/compose.override.yml',
      files: { '/work/compose.yml': 'services:\n  a:\n    image: a:1\n' },
      code: 'services:\n  a:\n    image: a:2\n',
    },
  ],
  invalid: [
    {
      name: 'missing: added as a new list (a suggestion: setuid tools such as sudo stop working)',
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, message: /does not set security_opt no-new-privileges:true/ }],
      suggestion: {
        title: 'Add security_opt: no-new-privileges:true',
        output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
      },
    },
    {
      name: 'appended to an existing list',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:docker-default\n',
      errors: [{ line: 2 }],
      suggestion: {
        title: 'Add security_opt: no-new-privileges:true',
        output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:docker-default\n      - no-new-privileges:true\n',
      },
    },
    {
      name: 'explicitly false',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:false"]\n',
      errors: [{ line: 4 }],
      suggestion: { title: 'Set no-new-privileges:true', output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n' },
    },
  ],
});
