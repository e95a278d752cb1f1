import { ruleTester } from '../../harness/ruleTester';

ruleTester('compose/privileged', {
  valid: [
    { name: 'not set, or false', code: 'services:\n  web:\n    image: nginx:1.27\n  agent:\n    image: agent:1\n    privileged: false\n' },
    {
      name: 'a Kubernetes manifest is not a Compose file',
      path: '/work/deploy.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    },
  ],
  invalid: [
    {
      name: 'privileged: true: removing it is a suggestion (the service may need host devices); comment kept',
      code: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true # docker in docker\n    restart: always\n',
      errors: [{ line: 4, column: 17, severity: 'error', message: 'Service dind is privileged: it has full access to the host.' }],
      suggestion: { title: 'Remove privileged: true', output: 'services:\n  dind:\n    image: docker:27-dind\n    # docker in docker\n    restart: always\n' },
    },
    {
      name: 'YAML 1.1 spelling, in docker-compose.yml',
      path: '/work/docker-compose.yml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: yes\n',
      errors: [{ line: 4 }],
    },
    {
      name: 'merged from an anchor: reported on the anchor, where it is written; no fix (it would change every user of it)',
      code: 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ line: 2 }],
      fixTitles: [],
    },
  ],
});
