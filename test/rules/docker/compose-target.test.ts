// The Compose files beside a Dockerfile that build it with `build.target`: the Dockerfile rules take that stage as the
// final image (as the `dockerTarget` setting does) when every service that builds the file names the same target.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineSettings } from '../../../server/src/engine';
import { lintCase } from '../../harness/ruleTester';

// awesome-compose's shape: the image Compose runs, then a Docker Dev Environments stage that goes back to root.
const DOCKERFILE = [
  'FROM python:3.12-slim AS app',
  'RUN useradd --uid 10001 --no-create-home app',
  'COPY . /app',
  'USER 10001',
  'CMD ["python3", "/app/main.py"]',
  '',
  'FROM app AS dev-envs',
  'USER root',
  'RUN apt-get update && apt-get install -y --no-install-recommends git',
  '',
].join('\n');

const service = (name: string, build: string) => `  ${name}:\n    build:\n${build.replace(/^/gm, '      ')}\n`;
const compose = (...services: string[]) => `services:\n${services.join('')}`;

function ruleLines(ruleId: string, files: Record<string, string>, settings?: Partial<EngineSettings>, path = '/work/app/Dockerfile'): number[] {
  return lintCase(ruleId, { code: DOCKERFILE, path, files, settings })
    .filter((f) => f.ruleId === ruleId)
    .map((f) => f.range.start.line + 1);
}

describe('Compose build.target chooses the final stage of the Dockerfile rules', () => {
  it('without Compose, the last stage is the final image', () => {
    assert.deepEqual(ruleLines('docker/user-root', {}), [8]);
    assert.deepEqual(ruleLines('docker/package-cache', {}), [9]);
  });

  it('the target every service names is the final image: nothing on the dev-only stage', () => {
    const files = { '/work/compose.yaml': compose(service('web', 'context: app\ntarget: app'), service('worker', 'context: ./app\ntarget: APP')) };
    assert.deepEqual(ruleLines('docker/user-root', files), []);
    assert.deepEqual(ruleLines('docker/package-cache', files), []);
  });

  it('a Compose file in the same folder, and a target .env gives', () => {
    assert.deepEqual(ruleLines('docker/user-root', { '/work/app/docker-compose.yml': compose(service('web', 'context: .\ntarget: app')) }), []);
    const files = { '/work/compose.yaml': compose(service('web', 'context: app\ntarget: ${TARGET}')), '/work/.env': 'TARGET=app\n' };
    assert.deepEqual(ruleLines('docker/user-root', files), []);
  });

  it('the target stage is checked: user-missing reports the stage Compose builds', () => {
    const code = 'FROM python:3.12-slim AS builder\nCOPY . /app\nCMD ["python3"]\n\nFROM builder AS prod\nRUN useradd -u 10001 app\nUSER 10001\n';
    const files = { '/work/compose.yaml': compose(service('web', 'context: app\ntarget: builder')) };
    const lines = (f: Record<string, string>) =>
      lintCase('docker/user-missing', { code, path: '/work/app/Dockerfile', files: f })
        .filter((x) => x.ruleId === 'docker/user-missing')
        .map((x) => x.range.start.line + 1);
    assert.deepEqual(lines({}), []);
    assert.deepEqual(lines(files), [1]);
  });

  it('services that build different targets, or one the last stage: the last stage, as before', () => {
    for (const files of [
      { '/work/compose.yaml': compose(service('web', 'context: app\ntarget: app'), service('dev', 'context: app')) },
      // Compose files in the Dockerfile's folder and above it count alike.
      {
        '/work/compose.yaml': compose(service('web', 'context: app\ntarget: app')),
        '/work/app/compose.yaml': compose(service('web', 'context: .\ntarget: dev-envs')),
      },
      // A variable neither .env nor a default sets: the shell chooses the stage.
      { '/work/compose.yaml': compose(service('web', 'context: app\ntarget: ${TARGET}')) },
    ] as Array<Record<string, string>>) {
      assert.deepEqual(ruleLines('docker/user-root', files), [8], JSON.stringify(files));
    }
  });

  it('a target of a service that builds another Dockerfile does not count', () => {
    const files = { '/work/compose.yaml': compose(service('web', 'context: app\ndockerfile: prod.Dockerfile\ntarget: app')) };
    assert.deepEqual(ruleLines('docker/user-root', files), [8]);
  });

  it('the dockerTarget setting (--target) wins over Compose', () => {
    const files = { '/work/compose.yaml': compose(service('web', 'context: app\ntarget: app')) };
    assert.deepEqual(ruleLines('docker/user-root', files, { dockerTarget: 'dev-envs' }), [8]);
  });
});
