// Bad `.harden.yaml` files say what is wrong (issue 20): an alias bomb is named as such instead of
// "got undefined", and `images:` entries pointing outside the config's folder (`../../etc/passwd`, absolute
// paths, devices) are left out with one warning each, on their line in the editor and once per run in the CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { parseConfig } from '../../server/src/engine';
import { ensureCliBundle } from '../cli/helpers/cliBundle';

const BIN = path.resolve(__dirname, '../../bin/harden.js');

const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(['b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`))
  .concat(['rules:', '  k8s/privileged: *g'])
  .join('\n');

const OUTSIDE_IMAGES = `images:
  web: services/web/Dockerfile
  passwd: ../../etc/passwd
  abs: /srv/app/Dockerfile
  zero: /dev/zero
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: web:1.0.0
`;

const dirs: string[] = [];
before(ensureCliBundle);
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-config-msg-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

function harden(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('.harden.yaml messages', () => {
  it('an alias bomb is named, not expanded: the config is invalid with a message that says why', () => {
    const { config, problems } = parseConfig(ALIAS_BOMB);
    assert.deepEqual(config.settings, {});
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /uses the YAML alias \*a; 55 aliases here, which could expand into a huge value \(an alias bomb\)/);
    assert.doesNotMatch(problems[0].message, /undefined/);
    // A single alias used as a value: the same cause, not "got undefined".
    const single = parseConfig('level: &l error\nrules:\n  k8s/privileged: *l\n').problems;
    assert.match(single[0].message, /uses the YAML alias \*l\. Anchors and aliases are not supported/);
  });

  it('images entries outside the folder are left out, each with a warning on its line; the rest applies', () => {
    const { config, problems } = parseConfig(OUTSIDE_IMAGES);
    assert.deepEqual(config.settings.images, { web: 'services/web/Dockerfile' });
    assert.deepEqual(
      problems.map((p) => [p.severity, OUTSIDE_IMAGES.slice(p.start, p.end)]),
      [
        ['warning', '../../etc/passwd'],
        ['warning', '/srv/app/Dockerfile'],
        ['warning', '/dev/zero'],
      ],
    );
    const findings = new Linter().lint({ path: '/w/.harden.yaml', text: OUTSIDE_IMAGES }).findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.range.start.line]),
      [
        ['harden/invalid-config', 'warning', 2],
        ['harden/invalid-config', 'warning', 3],
        ['harden/invalid-config', 'warning', 4],
      ],
    );
  });

  it('the CLI says each once per run, however many files use the config', () => {
    const bomb = harden(tempDir({ '.harden.yaml': ALIAS_BOMB, 'a.yaml': POD, 'b.yaml': POD }), 'a.yaml', 'b.yaml');
    const bombLines = bomb.stderr.split('\n').filter((line) => line.includes('alias bomb'));
    assert.equal(bombLines.length, 1, bomb.stderr);
    assert.match(bombLines[0], /\.harden\.yaml: invalid configuration, linting with defaults: \.harden\.yaml uses the YAML alias/);

    const images = harden(tempDir({ '.harden.yaml': OUTSIDE_IMAGES, 'a.yaml': POD, 'b.yaml': POD }), 'a.yaml', 'b.yaml');
    const imageLines = images.stderr.split('\n').filter((line) => line.includes('is outside the folder'));
    assert.deepEqual(
      imageLines.map((line) => /images: (\w+) ->/.exec(line)?.[1]),
      ['passwd', 'abs', 'zero'],
      images.stderr,
    );
    assert.ok(images.status === 0 || images.status === 1, images.stderr);
  });
});
