import { ruleTester } from '../../harness/ruleTester';

ruleTester('compose/docker-socket', {
  valid: [
    {
      name: 'ordinary volumes',
      code: 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - data:/var/lib/postgresql/data\n      - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro\nvolumes:\n  data: {}\n',
    },
  ],
  invalid: [
    {
      name: 'short syntax, read-only does not help; no fix',
      code: 'services:\n  proxy:\n    image: traefik:3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
      errors: [{ line: 5, column: 9, message: /runtime socket \/var\/run\/docker\.sock/ }],
      fixTitles: [],
    },
    {
      name: 'long syntax and a podman socket',
      code: 'services:\n  ui:\n    image: ui:1\n    volumes:\n      - type: bind\n        source: /run/podman/podman.sock\n        target: /var/run/docker.sock\n',
      errors: [{ line: 5 }],
    },
  ],
});
