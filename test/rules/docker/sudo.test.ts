import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/sudo', {
  valid: [
    { name: 'root steps before USER', code: 'FROM debian:12\nRUN apt-get update\nUSER 10001\n' },
    { name: 'installing the sudo package is not running it', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends sudo\n' },
    // repro-2 (discourse_docker): as root, `sudo -u app` drops privileges so that the files belong to app.
    {
      name: 'sudo -u drops to another user where the step runs as root (no USER yet)',
      code: 'FROM debian:12\nRUN useradd -m app\nRUN sudo -u app git clone https://example.com/app.git /srv/app\nUSER 1000\n',
    },
    {
      name: 'sudo --user / -u<user> / -H -u after USER root',
      code: 'FROM debian:12\nUSER app\nUSER root\nRUN sudo --user=app make && sudo --user app make && sudo -uapp make && sudo -H -g users -u app bundle install && sudo -Egusers -u app true\nUSER app\n',
    },
    {
      name: "sudo -u as the unknown base image's user: a drop from root, most likely",
      code: 'FROM example.com/base:1\nRUN sudo -E -u "$APP_USER" make install\n',
    },
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
    {
      name: 'sudo to root where the step already runs as root: sudo is only in the way',
      code: 'FROM debian:12\nRUN sudo apt-get update && sudo -u root -E make install\nUSER root\nRUN sudo -u app sudo make\n',
      errors: [
        { line: 2, column: 5, message: 'RUN uses sudo to run apt-get, but the step already runs as root: drop sudo.' },
        { line: 2, message: 'RUN uses sudo to run make, but the step already runs as root: drop sudo.' },
        { line: 4, message: /sudo to run make, but the step already runs as root/ },
      ],
    },
    {
      name: 'sudo -u from a non-root USER, or from the non-root user of the base image',
      code: 'FROM debian:12\nUSER app\nRUN sudo -u postgres psql -c "select 1"\nFROM cgr.dev/chainguard/python:latest\nRUN sudo -u app pip install x && sudo -u "$OWNER" make\n',
      errors: [
        { line: 3, message: 'RUN uses sudo to run psql as postgres: set USER postgres before the step (and USER back after it) instead.' },
        { line: 5, message: /sudo to run pip as app: set USER app/ },
        { line: 5, message: 'RUN uses sudo to run make as another user: set that USER before the step (and USER back after it) instead.' },
      ],
    },
    {
      name: 'an ONBUILD RUN runs as the USER its image ends with',
      code: 'FROM debian:12 AS base\nONBUILD RUN sudo make install\nUSER 1000\nFROM debian:12\nONBUILD RUN sudo make install\nRUN true\n',
      errors: [
        { line: 2, message: 'ONBUILD RUN uses sudo to run make: run the step as root before USER (or after USER root) instead.' },
        { line: 5, message: 'ONBUILD RUN uses sudo to run make, but the step already runs as root: drop sudo.' },
      ],
    },
    {
      name: 'sudo to root from an unknown base image or a USER from a variable: maybe gaining root',
      code: 'FROM example.com/base:1\nRUN sudo make install\nUSER $APP_USER\nRUN sudo -u 0 make install\n',
      errors: [
        { line: 2, message: /run the step as root before USER/ },
        { line: 4, message: /run the step as root before USER/ },
      ],
    },
  ],
});
