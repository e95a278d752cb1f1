// Root hook: the extension activates and its language server publishes diagnostics within 30 s. If not,
// mocha fails this hook and skips every test instead of letting each one time out on its own.
import * as assert from 'node:assert/strict';
import { before } from 'mocha';
import * as vscode from 'vscode';
import { hardenDiagnostics, openDocument, waitFor } from './helpers';

before('the Harden extension activates and its server publishes diagnostics', async function () {
  this.timeout(60_000);
  const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'harden' && e.packageJSON?.publisher === 'harden');
  assert.ok(extension, 'the Harden extension is not loaded');
  const document = await openDocument('k8s/deployment.yaml', false);
  await waitFor(
    () => extension.isActive,
    () => 'the extension did not activate on a YAML file',
    20_000,
  );
  await waitFor(
    () => hardenDiagnostics(document.uri).length > 0,
    () => 'the language server published no diagnostics',
    30_000,
  );
});
