import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/version-pinning', {
  valid: [
    {
      name: 'apt, apk: package=version, files',
      code:
        'FROM debian:12\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends -t bookworm-backports curl=7.88.1-10+deb12u5 ./tool.deb /tmp/x.deb\n' +
        'FROM alpine:3.20\n' +
        'RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 ./local.apk\n',
    },
    {
      name: 'pip: specifiers, requirement files, paths, archives, direct references, constraints',
      code:
        'FROM python:3.12\n' +
        'RUN pip install --no-cache-dir -r requirements.txt\n' +
        'RUN pip install flask==3.0.3 "django>=4.2" requests~=2.31 . ./lib -e ./src dist/app-1.0-py3-none-any.whl app.tar.gz\n' +
        'RUN pip install "pkg @ https://example.com/pkg-1.0.tar.gz" git+https://github.com/org/repo@v1.2\n' +
        'RUN pip install git+ssh://git@github.com/org/repo.git@3f2a1c9#egg=repo\n' +
        'RUN pip install --index-url https://pypi.example.com/simple -c constraints.txt flask\n',
    },
    {
      name: 'npm: ci, install without packages, versions, paths, tarballs, git with a ref',
      code:
        'FROM node:20\n' +
        'RUN npm ci && npm install && npm install --omit dev\n' +
        'RUN npm install -g typescript@5.4.5 @angular/cli@17 ./local pkg.tgz git+https://github.com/org/repo.git#v1 org/repo#abc123\n',
    },
    { name: 'words the file cannot tell', code: 'FROM debian:12\nRUN apt-get install -y $PACKAGES $(cat /tmp/list)\n' },
  ],
  invalid: [
    {
      name: 'apt-get: one finding per command, from the first to the last unpinned package',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    curl=7.88.1-10+deb12u5 \\\n    git \\\n    ca-certificates/bookworm-backports\n',
      errors: [
        {
          line: 4,
          endLine: 5,
          message: 'apt-get install without a version for git, ca-certificates/bookworm-backports: pin each as <package>=<version>.',
        },
      ],
    },
    {
      name: 'apk add: the --virtual name is no package',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc\n',
      errors: [{ line: 2, column: 46, message: 'apk add without a version for gcc: pin it as <package>=<version>.' }],
    },
    {
      name: 'pip and python -m pip; extras are no version',
      code: 'FROM python:3.12\nRUN pip3 install --no-cache-dir flask requests[socks]\nRUN python3 -m pip install --upgrade pip\n',
      errors: [
        { line: 2, message: 'pip3 install without a version for flask, requests[socks]: pin each as <package>==<version>.' },
        { line: 3, message: 'python3 -m pip install without a version for pip: pin it as <package>==<version>.' },
      ],
    },
    {
      name: 'pip: a VCS URL without @ref follows a branch; the #egg= fragment and the ssh user are no version (hadolint DL3013)',
      code: 'FROM python:3.12\nRUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext git+ssh://git@github.com/rtfd/other.git\n',
      errors: [
        {
          line: 2,
          message:
            'pip install without a version for git+https://github.com/rtfd/read-ext.git#egg=read-ext, git+ssh://git@github.com/rtfd/other.git: pin each as <package>==<version>.',
        },
      ],
    },
    {
      name: 'pipx install without a version (hadolint DL3013); --spec and pinned specs pass',
      code: 'FROM python:3.12\nRUN pipx install black && pipx install --python python3.12 ruff==0.4.1 && pipx install --spec ./tools mytool\n',
      errors: [{ line: 2, message: 'pipx install without a version for black: pin it as <package>==<version>.' }],
    },
    {
      name: 'npm: @latest names no version; a builder stage counts too',
      code: 'FROM node:20 AS build\nRUN npm install -g npm@latest @angular/cli lodash@4.17.21\nFROM nginx:1.27\nCOPY --from=build /app /usr/share/nginx/html\n',
      errors: [{ line: 2, message: 'npm install without a version for npm@latest, @angular/cli: pin each as <package>@<version>.' }],
    },
  ],
});

it('docker/version-pinning is off by default: no finding without a setting', () => {
  const text = 'FROM debian:12\nRUN apt-get install -y curl\n';
  const findings = new Linter({}).lint({ path: '/work/Dockerfile', text }).findings;
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'docker/version-pinning'),
    [],
  );
  const enabled = new Linter({ rules: { 'docker/version-pinning': 'info' } }).lint({ path: '/work/Dockerfile', text }).findings;
  assert.deepEqual(
    enabled.filter((f) => f.ruleId === 'docker/version-pinning').map((f) => f.severity),
    ['info'],
  );
});
