// The Compose rules on the real samples of docker/awesome-compose (vendored with the Dockerfiles they build):
// every file parses and lints, every suggestion yields valid YAML that clears its finding, and the Dockerfile
// link decides the user check.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { Linter, applyTextEdits, detectLanguage, type HostFileSystem } from '../../server/src/engine';
import { fixtureDir } from '../harness/fixtures';
import { ruleFixes } from '../harness/ruleTester';

const root = fixtureDir('test', 'fixtures', 'compose', 'awesome-compose');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const diskFs: HostFileSystem = {
  exists: (p) => {
    try {
      statSync(p);
      return true;
    } catch {
      return false;
    }
  },
  readFile: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

const composeFiles = filesUnder(root).filter((p) => detectLanguage(p) === 'compose');
const lint = (path: string, text = readFileSync(path, 'utf8')) => new Linter({}, diskFs).lint({ path, text }).findings;

describe('Compose corpus (docker/awesome-compose)', () => {
  it('holds the samples', () => assert.ok(composeFiles.length >= 35, `${composeFiles.length} compose files`));

  it('detects Compose files by name, never as Kubernetes', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'docker-compose.prod.yml', 'compose.override.yaml']) {
      assert.equal(detectLanguage(`/w/${name}`, 'yaml'), 'compose', name);
    }
    for (const name of ['deployment.yaml', 'composer.yaml', 'my-compose.yml', 'compose.json'])
      assert.notEqual(detectLanguage(`/w/${name}`, 'yaml'), 'compose', name);
    assert.equal(detectLanguage('/w/stack.yml', 'dockercompose'), 'compose');
  });

  for (const path of composeFiles) {
    const name = path.slice(root.length + 1);
    it(`${name}: lints; each suggestion parses and clears its finding`, () => {
      const text = readFileSync(path, 'utf8');
      const findings = lint(path, text);
      assert.equal(findings.filter((f) => f.ruleId === 'harden/parse-error').length, 0, 'a real Compose file parses');
      assert.ok(
        findings.every((f) => f.ruleId.startsWith('compose/')),
        'only Compose rules report on a Compose file',
      );
      for (const finding of findings) {
        for (const fix of ruleFixes(finding)) {
          assert.equal(fix.isPreferred, false, `${finding.ruleId}: Compose fixes are suggestions`);
          const fixed = applyTextEdits(text, fix.edits);
          assert.deepEqual(
            parseDocument(fixed).errors.map((e) => e.message),
            [],
            `${fix.title} keeps valid YAML`,
          );
          const again = lint(path, fixed).filter(
            (f) => f.ruleId === finding.ruleId && f.range.start.line === finding.range.start.line && f.message === finding.message,
          );
          assert.equal(again.length, 0, `${fix.title} clears its finding`);
        }
      }
    });
  }

  it('reads the Dockerfile a service builds: non-root USER is silent, a missing one is reported', () => {
    const silent = lint(join(root, 'nginx-wsgi-flask', 'compose.yaml')).filter((f) => f.ruleId === 'compose/user');
    assert.deepEqual(
      silent.map((f) => f.message),
      [],
      'flask/Dockerfile ends with USER nonroot, nginx/Dockerfile with USER nginx',
    );
    const root_ = lint(join(root, 'vuejs', 'compose.yaml')).filter((f) => f.ruleId === 'compose/user');
    assert.deepEqual(
      root_.map((f) => f.message),
      [
        // compose.yaml builds `target: development`, which is not the file's last stage.
        'Service web runs as root: it sets no user and its target stage development (vuejs/Dockerfile) ends without USER. Set a non-root USER in that stage or user: here.',
      ],
    );
  });

  it('reports the capabilities of the VPN sample', () => {
    const caps = lint(join(root, 'wireguard', 'compose.yaml')).filter((f) => f.ruleId === 'compose/cap-add');
    assert.deepEqual(
      caps.map((f) => f.message),
      ['Service wireguard adds the capability NET_ADMIN.', 'Service wireguard adds the capability SYS_MODULE.'],
    );
  });
});
