import { ruleTester } from '../../harness/ruleTester';

ruleTester('compose/host-namespaces', {
  valid: [
    {
      name: "bridge network, another service's namespace",
      code: 'services:\n  a:\n    image: a:1\n    network_mode: bridge\n  b:\n    image: b:1\n    network_mode: "service:a"\n    pid: "service:a"\n',
    },
  ],
  invalid: [
    {
      name: 'network_mode: host has no fix (the service would need port mappings nobody can guess)',
      code: 'services:\n  exporter:\n    image: node-exporter:1\n    network_mode: host\n',
      errors: [{ line: 4, message: /shares the host's network stack/ }],
      fixTitles: [],
    },
    {
      name: 'pid: host and ipc: host',
      code: 'services:\n  debug:\n    image: debug:1\n    pid: host\n    ipc: host\n',
      errors: [
        { line: 4, message: /pid: host/ },
        { line: 5, message: /ipc: host/ },
      ],
      suggestion: { title: 'Remove pid: host', output: 'services:\n  debug:\n    image: debug:1\n    ipc: host\n' },
    },
  ],
});
