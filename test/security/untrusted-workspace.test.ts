// VS Code Restricted Mode: the extension declares limited support for untrusted workspaces, and the
// settings through which a workspace could switch checks off are restricted (VS Code then ignores their
// workspace-level values; the client reads them with configuration.get, see client/src/explicitSettings.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported?: unknown; description?: unknown; restrictedConfigurations?: unknown };
  };
  contributes: { configuration: { properties: Record<string, unknown> } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const untrusted = manifest.capabilities?.untrustedWorkspaces;
const restricted = Array.isArray(untrusted?.restrictedConfigurations) ? (untrusted.restrictedConfigurations as string[]) : [];

it('package.json declares limited support for untrusted workspaces, restricting harden.enable and harden.rules', () => {
  assert.equal(untrusted?.supported, 'limited');
  assert.equal(typeof untrusted?.description, 'string');
  assert.match(String(untrusted?.description), /never runs code from the workspace/i);
  for (const key of ['harden.enable', 'harden.rules']) assert.ok(restricted.includes(key), `${key} is restricted`);
  for (const key of restricted) assert.ok(key in manifest.contributes.configuration.properties, `${key} is a contributed setting`);
});

// FINDING: a workspace's `.vscode/settings.json` can still set `harden.maxFileSizeKB: 1`, which makes the
// server skip every file (one notice each): in effect `harden.enable: false`. Remove `todo` once it is
// restricted too.
it('every setting that can switch linting off is restricted, harden.maxFileSizeKB included', () => {
  for (const key of ['harden.enable', 'harden.rules', 'harden.maxFileSizeKB']) assert.ok(restricted.includes(key), `${key} is restricted`);
});
