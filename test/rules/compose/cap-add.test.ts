import { ruleTester } from '../../harness/ruleTester';

ruleTester('compose/cap-add', {
  valid: [
    { name: 'only NET_BIND_SERVICE', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n' },
    { name: 'no cap_add', code: 'services:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN is an error; removing one of several entries',
      code: 'services:\n  vpn:\n    image: vpn:1\n    cap_add:\n      - NET_BIND_SERVICE\n      - SYS_ADMIN\n',
      errors: [{ line: 6, severity: 'error', message: 'Service vpn adds the capability SYS_ADMIN, which amounts to privileged mode.' }],
      suggestion: { title: 'Remove SYS_ADMIN from cap_add', output: 'services:\n  vpn:\n    image: vpn:1\n    cap_add:\n      - NET_BIND_SERVICE\n' },
    },
    {
      name: 'cap_net_admin spelled as Docker accepts it; the only entry takes cap_add along',
      code: 'services:\n  vpn:\n    image: vpn:1\n    cap_add: [cap_net_admin]\n    restart: always\n',
      errors: [{ line: 4, severity: 'warning', message: /NET_ADMIN\.$/ }],
      suggestion: { title: 'Remove NET_ADMIN from cap_add', output: 'services:\n  vpn:\n    image: vpn:1\n    restart: always\n' },
    },
    {
      name: 'ALL',
      code: 'services:\n  a:\n    image: a:1\n    cap_add: [ALL, SYS_PTRACE]\n',
      errors: [
        { line: 4, severity: 'error' },
        { line: 4, severity: 'warning' },
      ],
    },
  ],
});
