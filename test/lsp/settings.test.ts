// Settings come from workspace/configuration and apply live to every open document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALLOW_PRIVILEGE_ESCALATION, RUN_AS_NON_ROOT, UNHARDENED_DEPLOYMENT } from './helpers/fixtures';
import { FULL_CAPABILITIES, TestClient, fileUri } from './helpers/testClient';

describe('language server: settings', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: { rules: { [ALLOW_PRIVILEGE_ESCALATION]: 'off', [RUN_AS_NON_ROOT]: 'error' } } });
  });
  after(() => client.stop());

  it('honours the pulled settings in the very first diagnostics', async () => {
    const { diagnostics } = await client.open(fileUri('settings/first.yaml'), UNHARDENED_DEPLOYMENT);
    assert.ok(client.configurationRequests >= 1, 'settings were pulled');
    const codes = diagnostics.map((d) => d.code);
    assert.ok(!codes.includes(ALLOW_PRIVILEGE_ESCALATION), 'a rule turned off is not reported');
    assert.equal(diagnostics.find((d) => d.code === RUN_AS_NON_ROOT)?.severity, 1, 'severity override: error');
  });

  it('re-pulls on didChangeConfiguration and republishes every open document', async () => {
    const first = fileUri('settings/live-a.yaml');
    const second = fileUri('settings/live-b.yaml');
    await client.open(first, UNHARDENED_DEPLOYMENT);
    await client.open(second, UNHARDENED_DEPLOYMENT);
    const pulls = client.configurationRequests;
    const mark = client.mark();
    client.settings = { rules: { [RUN_AS_NON_ROOT]: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    for (const uri of [first, second]) {
      const republished = await client.waitForDiagnostics(uri, { after: mark });
      const codes = republished.diagnostics.map((d) => d.code);
      assert.ok(!codes.includes(RUN_AS_NON_ROOT), `${uri}: ${codes.join(', ')}`);
      assert.ok(codes.includes(ALLOW_PRIVILEGE_ESCALATION), 'the rule turned back on is reported again');
      assert.equal(republished.version, 1);
    }
    assert.ok(client.configurationRequests > pulls);
  });

  it('harden.enable: false clears every diagnostic, and true brings them back', async () => {
    const uri = fileUri('settings/enable.yaml');
    await client.open(uri, UNHARDENED_DEPLOYMENT);
    let mark = client.mark();
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.waitForDiagnostics(uri, { after: mark })).diagnostics, []);
    const range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
    assert.deepEqual(await client.codeActions(uri, range, []), [], 'no code actions while disabled');

    mark = client.mark();
    client.settings = { enable: true };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const back = await client.waitForDiagnostics(uri, { after: mark });
    assert.ok(back.diagnostics.some((d) => d.code === RUN_AS_NON_ROOT));
  });

  it('ignores invalid values instead of failing', async () => {
    const uri = fileUri('settings/invalid.yaml');
    await client.open(uri, UNHARDENED_DEPLOYMENT);
    const mark = client.mark();
    client.settings = { enable: 'yes', rules: { [RUN_AS_NON_ROOT]: 'loud', [ALLOW_PRIVILEGE_ESCALATION]: 'off' }, kubernetesVersion: 7, maxFileSizeKB: -1 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const { diagnostics } = await client.waitForDiagnostics(uri, { after: mark });
    const codes = diagnostics.map((d) => d.code);
    assert.ok(codes.includes(RUN_AS_NON_ROOT), 'an unknown severity falls back to the default');
    assert.ok(!codes.includes(ALLOW_PRIVILEGE_ESCALATION), 'the valid part still applies');
  });
});

describe('language server: clients without workspace/configuration', () => {
  let client: TestClient;
  before(async () => {
    const { configuration: _, ...workspace } = FULL_CAPABILITIES.workspace!;
    client = await TestClient.start({ capabilities: { ...FULL_CAPABILITIES, workspace } });
  });
  after(() => client.stop());

  it('uses the settings pushed with didChangeConfiguration', async () => {
    const uri = fileUri('settings/pushed.yaml');
    const opened = await client.open(uri, UNHARDENED_DEPLOYMENT);
    assert.ok(
      opened.diagnostics.some((d) => d.code === RUN_AS_NON_ROOT),
      'defaults apply before anything is pushed',
    );
    const mark = client.mark();
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { harden: { rules: { [RUN_AS_NON_ROOT]: 'off' } } },
    });
    const { diagnostics } = await client.waitForDiagnostics(uri, { after: mark });
    assert.ok(!diagnostics.some((d) => d.code === RUN_AS_NON_ROOT));
    assert.equal(client.configurationRequests, 0);
  });
});
