// The extension manifest and the code must agree: settings the server reads, their defaults and
// values, the command the client registers, and the Dockerfile names both sides serve.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DOCKERFILE_NAME_PATTERNS,
  DOCUMENT_SELECTOR,
  KUSTOMIZATION_FILE_NAMES as CLIENT_KUSTOMIZATION_FILE_NAMES,
  KUSTOMIZATION_NAME_PATTERNS,
} from '../../client/src/documentSelector';
import { CLIENT_ID, COMMANDS, MENU_COMMAND, RESTART_COMMAND } from '../../client/src/identifiers';
import { allRules, DEFAULT_SETTINGS, detectLanguage, KUSTOMIZATION_FILE_NAMES } from '../../server/src/engine';
import { DEFAULT_SERVER_SETTINGS, readSettings, SETTINGS_SECTION } from '../../server/src/hosts/lsp/settings';
import { WATCHED_GLOBS } from '../../server/src/hosts/lsp/fileWatching';
import { isServed } from '../../server/src/hosts/lsp/documentLinting';
import { TextDocument } from 'vscode-languageserver-textdocument';

interface SettingSchema {
  default?: unknown;
  enum?: string[];
  pattern?: string;
  propertyNames?: { pattern: string };
  additionalProperties?: { enum: string[] } | false;
  properties?: Record<string, { enum: string[]; default: string }>;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, SettingSchema> = manifest.contributes.configuration.properties;
const setting = (name: string): SettingSchema => {
  const schema = properties[`${SETTINGS_SECTION}.${name}`];
  assert.ok(schema, `harden.${name} is not contributed`);
  return schema;
};

describe('extension manifest', () => {
  it('contributes every server setting with the server default', () => {
    for (const [name, value] of Object.entries(DEFAULT_SERVER_SETTINGS)) assert.deepEqual(setting(name).default, value, name);
    // Unset in the server (so that .harden.yaml can set it); the manifest shows the engine's default.
    assert.equal(DEFAULT_SERVER_SETTINGS.kubernetesVersion, undefined);
    assert.equal(setting('kubernetesVersion').default, DEFAULT_SETTINGS.kubernetesVersion);
    assert.deepEqual(setting('trace.server').enum, ['off', 'messages', 'verbose']);
    assert.equal(CLIENT_ID, SETTINGS_SECTION, 'the client reads harden.trace.server through its id');
  });

  it('harden.rules accepts exactly the severities the server understands, for every registered rule id', () => {
    const rules = setting('rules');
    // Generated from the registry (npm run generate): one property per rule, nothing else accepted.
    assert.equal(rules.additionalProperties, false);
    assert.deepEqual(Object.keys(rules.properties!).sort(), allRules.map((r) => r.meta.id).sort());
    for (const rule of allRules) {
      const schema = rules.properties![rule.meta.id];
      assert.equal(schema.default, rule.meta.defaultSeverity);
      for (const severity of schema.enum) assert.equal(readSettings({ rules: { [rule.meta.id]: severity } }).rules[rule.meta.id], severity);
    }
    assert.deepEqual(readSettings({ rules: { [allRules[0].meta.id]: 'loud' } }).rules, {});
    const idPattern = new RegExp(rules.propertyNames!.pattern);
    for (const rule of allRules) assert.match(rule.meta.id, idPattern);
  });

  it('harden.kubernetesVersion uses the pattern the server validates with', () => {
    const pattern = new RegExp(setting('kubernetesVersion').pattern!);
    for (const version of ['1.28', '1.32', '1.100']) {
      assert.match(version, pattern);
      assert.equal(readSettings({ kubernetesVersion: version }).kubernetesVersion, version);
    }
    for (const version of ['2.0', '1', '1.32.1', 'latest']) {
      assert.doesNotMatch(version, pattern);
      assert.equal(readSettings({ kubernetesVersion: version }).kubernetesVersion, undefined, 'an invalid value counts as not set');
    }
  });

  it('activates on YAML, Dockerfiles and Compose files and contributes every command the client registers', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:yaml', 'onLanguage:dockerfile', 'onLanguage:dockercompose']);
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
    for (const command of [RESTART_COMMAND, MENU_COMMAND, ...Object.values(COMMANDS)]) assert.ok(contributed.includes(command), command);
    // Every command a walkthrough step links to exists.
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      for (const [, command] of String(step.description).matchAll(/\(command:([\w.]+)\)/g)) assert.ok(contributed.includes(command), `${step.id}: ${command}`);
      assert.ok(existsSync(join(__dirname, '..', '..', step.media.markdown)), step.media.markdown);
    }
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    // VS Code for the web (docs/web.md): open documents plus the files read through VS Code, not everything.
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description, /Left out/);
    assert.equal(manifest.browser, './dist/web/client.js');
  });

  it('maps the same Dockerfile names to the dockerfile language as the client selector and the engine', () => {
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
    assert.deepEqual(
      DOCKERFILE_NAME_PATTERNS,
      language.filenamePatterns.map((p: string) => `**/${p}`),
    );
    for (const name of ['Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'Containerfile.dev']) {
      assert.equal(detectLanguage(`/repo/${name}`, 'plaintext'), 'dockerfile', name);
    }
    const languages = DOCUMENT_SELECTOR.flatMap((f) => (typeof f === 'object' && 'language' in f ? [f.language] : []));
    assert.deepEqual([...new Set(languages)], ['yaml', 'dockerfile', 'dockercompose']);
  });

  it('serves, watches and maps to YAML every kustomization file name kustomize reads, `Kustomization` included', () => {
    assert.deepEqual(CLIENT_KUSTOMIZATION_FILE_NAMES, KUSTOMIZATION_FILE_NAMES, "the client's copy of the engine's list");
    const plain = KUSTOMIZATION_FILE_NAMES.filter((name) => !/\.ya?ml$/.test(name));
    assert.deepEqual(plain, ['Kustomization']);
    const yaml = manifest.contributes.languages.find((l: { id: string }) => l.id === 'yaml');
    assert.deepEqual(yaml.filenames, plain);
    assert.deepEqual(KUSTOMIZATION_NAME_PATTERNS, ['**/Kustomization']);
    for (const pattern of KUSTOMIZATION_NAME_PATTERNS) assert.ok(WATCHED_GLOBS.includes(pattern), pattern);
    for (const name of KUSTOMIZATION_FILE_NAMES) {
      assert.equal(detectLanguage(`/repo/overlays/prod/${name}`), 'kubernetes', name);
      for (const languageId of ['yaml', 'plaintext']) {
        assert.ok(isServed(TextDocument.create(`file:///repo/overlays/prod/${name}`, languageId, 1, 'resources: []\n')), `${name} as ${languageId}`);
      }
    }
    assert.equal(detectLanguage('/repo/kustomization'), undefined, 'exact names only, as kustomize');
  });
});
