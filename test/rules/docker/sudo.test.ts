import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/sudo', {
  valid: [
    { name: 'root steps before USER', code: 'FROM debian:12\nRUN apt-get update\nUSER 10001\n' },
    { name: 'installing the sudo package is not running it', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends sudo\n' },
  ],
  invalid: [
    {
      name: 'sudo before a command, also later in a chain',
      code: 'FROM debian:12\nUSER app\nRUN sudo apt-get update && echo ok && sudo -E make install\n',
      errors: [
        { line: 3, column: 5, message: 'RUN uses sudo to run apt-get: run the step as root before USER (or after USER root) instead.' },
        { line: 3, message: /sudo to run make/ },
      ],
    },
  ],
});
