import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lintCase, ruleTester } from '../../harness/ruleTester';

ruleTester('docker/dockerignore', {
  valid: [
    { code: 'FROM node:20\nCOPY . .\n', files: { '/work/.dockerignore': '.git\n' } },
    {
      name: 'BuildKit <Dockerfile>.dockerignore',
      code: 'FROM node:20\nCOPY . .\n',
      path: '/work/app.Dockerfile',
      files: { '/work/app.Dockerfile.dockerignore': '.git\n' },
    },
    {
      name: 'Compose builds it from the folder above, which has a .dockerignore',
      code: 'FROM node:20\nCOPY . .\n',
      path: '/work/docker/Dockerfile',
      files: {
        '/work/compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
        '/work/.dockerignore': '.git\n',
      },
    },
    {
      name: 'Compose context given as build: <folder>, with its .dockerignore',
      code: 'FROM node:20\nCOPY . .\n',
      path: '/work/app/Dockerfile',
      files: { '/work/docker-compose.yml': 'services:\n  app:\n    build: ./app\n', '/work/app/.dockerignore': '.git\n' },
    },
    {
      name: 'Compose context, with <Dockerfile>.dockerignore beside the Dockerfile',
      code: 'FROM node:20\nCOPY . .\n',
      path: '/work/docker/Dockerfile',
      files: {
        '/work/compose.yaml': 'services:\n  app:\n    build:\n      context: ..\n      dockerfile: work/docker/Dockerfile\n',
        '/work/docker/Dockerfile.dockerignore': '.git\n',
      },
    },
    { name: 'specific sources', code: 'FROM node:20\nCOPY package.json src/ ./\n' },
    { name: 'COPY --from a stage', code: 'FROM node:20 AS b\nFROM node:20\nCOPY --from=b . .\n' },
  ],
  invalid: [
    { code: 'FROM node:20\nCOPY . .\nADD . /x\n', errors: [{ line: 2, column: 6, message: /COPY \. sends the whole build context/ }] },
    { name: './ in a sub-directory', code: 'FROM node:20\nCOPY ./ /app\n', path: '/work/svc/Dockerfile', errors: [{ line: 2 }] },
    {
      name: 'a .dockerignore beside the Dockerfile is not read when Compose builds it from another context',
      code: 'FROM node:20\nCOPY . .\n',
      path: '/work/docker/Dockerfile',
      files: {
        '/work/compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
        '/work/docker/.dockerignore': '.git\n',
      },
      errors: [{ line: 2, message: /there is no \.dockerignore in the build context compose\.yaml gives it;/ }],
    },
    {
      name: 'Windows image, escape directive and Windows paths',
      code: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nCOPY . C:\\app\r\n',
      path: 'C:\\repo\\Dockerfile',
      errors: [{ line: 3, column: 6 }],
    },
  ],
});

it('docker/dockerignore creates the file beside the Dockerfile', () => {
  const [finding] = lintCase('docker/dockerignore', { code: 'FROM node:20\nCOPY . .\n', path: '/repo/svc/Dockerfile' }).filter(
    (f) => f.ruleId === 'docker/dockerignore',
  );
  const fix = finding.fixes[0];
  assert.deepEqual(fix.edits, []);
  assert.equal(fix.createFiles?.[0].path, '/repo/svc/.dockerignore');
  for (const entry of ['.git', '**/node_modules', '.env']) assert.ok(fix.createFiles?.[0].text.split('\n').includes(entry), entry);
});

it('docker/dockerignore keeps Windows path separators and sees an existing file there', () => {
  const code = 'FROM node:20\nCOPY . .\n';
  const only = (files?: Record<string, string>) =>
    lintCase('docker/dockerignore', { code, path: 'C:\\repo\\Dockerfile', files }).filter((f) => f.ruleId === 'docker/dockerignore');
  const [finding] = only();
  assert.equal(finding.fixes[0].createFiles?.[0].path, 'C:\\repo\\.dockerignore');
  assert.deepEqual(only({ 'C:\\repo\\.dockerignore': '.git' }), []);
});

it('docker/dockerignore creates the file in the Compose build context, once per context', () => {
  const compose = [
    'services:',
    '  app:',
    '    build:',
    '      context: .',
    '      dockerfile: docker/Dockerfile',
    '  worker:',
    '    build: {context: ., dockerfile: docker/Dockerfile}',
    '  other:',
    '    build: ./other',
    '',
  ].join('\n');
  const c = { code: 'FROM node:20\nCOPY . .\n', path: '/repo/docker/Dockerfile', files: { '/repo/compose.yaml': compose } };
  const [finding] = lintCase('docker/dockerignore', c).filter((f) => f.ruleId === 'docker/dockerignore');
  const created = finding.fixes[0].createFiles ?? [];
  assert.deepEqual(
    created.map((f) => f.path),
    ['/repo/.dockerignore'],
  );
  // With the file created, the finding is gone.
  const files = { ...c.files, [created[0].path]: created[0].text };
  assert.deepEqual(
    lintCase('docker/dockerignore', { ...c, files }).filter((f) => f.ruleId === 'docker/dockerignore'),
    [],
  );
});

it('docker/dockerignore stays quiet when a Compose context is interpolated (only Compose knows it)', () => {
  const files = {
    '/repo/compose.yaml': 'services:\n  app:\n    build:\n      context: ${CTX}\n      dockerfile: Dockerfile\n',
    '/repo/.env': 'CTX=./svc\n',
  };
  const only = lintCase('docker/dockerignore', { code: 'FROM node:20\nCOPY . .\n', path: '/repo/svc/Dockerfile', files });
  assert.deepEqual(
    only.filter((f) => f.ruleId === 'docker/dockerignore'),
    [],
  );
});
