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
    { name: 'specific sources', code: 'FROM node:20\nCOPY package.json src/ ./\n' },
    { name: 'COPY --from a stage', code: 'FROM node:20 AS b\nFROM node:20\nCOPY --from=b . .\n' },
  ],
  invalid: [
    { code: 'FROM node:20\nCOPY . .\nADD . /x\n', errors: [{ line: 2, column: 6, message: /COPY \. sends the whole build context/ }] },
    { name: './ in a sub-directory', code: 'FROM node:20\nCOPY ./ /app\n', path: '/work/svc/Dockerfile', errors: [{ line: 2 }] },
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
