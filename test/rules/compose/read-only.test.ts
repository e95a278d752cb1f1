import { ruleTester } from '../../harness/ruleTester';

ruleTester('compose/read-only', {
  valid: [
    { name: 'read_only: true', code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/tmp]\n' },
    {
      name: 'an override file beside compose.yaml holds partial services',
      path: '/work/compose.override.yaml',
      files: { '/work/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n' },
      code: 'services:\n  web:\n    image: nginx:1.27-debug\n',
    },
    {
      name: 'a base file that includes others may define any service',
      path: '/work/compose.override.yaml',
      files: { '/work/compose.yaml': 'include:\n  - db/compose.yaml\nservices: {}\n' },
      code: 'services:\n  db:\n    image: postgres:17\n',
    },
    { name: 'a service without image or build is partial', code: 'services:\n  web:\n    environment:\n      DEBUG: "1"\n' },
    {
      name: 'extends completes the service elsewhere',
      code: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: web\n    image: web:1\n',
    },
  ],
  invalid: [
    {
      name: "a service only the variant file adds is whole there (opentelemetry-demo's compose.observability.yaml)",
      path: '/work/compose.observability.yaml',
      files: { '/work/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' },
      code: 'services:\n  web:\n    environment: {DEBUG: "1"}\n  jaeger:\n    image: jaegertracing/all-in-one:1.60\n',
      errors: [{ line: 4, column: 3, message: 'Service jaeger does not set read_only: true: its root file system is writable.' }],
    },
    {
      name: 'missing: a suggestion (the service may write to its file system)',
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, severity: 'info', message: 'Service web does not set read_only: true: its root file system is writable.' }],
      suggestion: {
        title: 'Set read_only: true (add tmpfs or volumes for the paths it writes)',
        output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n',
      },
    },
    {
      name: 'explicit false',
      code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: false\n',
      errors: [{ line: 4 }],
      suggestion: { title: 'Set read_only: true', output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n' },
    },
    {
      name: 'a variant file without a base file beside it is complete',
      path: '/work/docker-compose.prod.yml',
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2 }],
    },
  ],
});
