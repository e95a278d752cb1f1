// The main editor loop through the real server process: open -> diagnostics -> quick fix -> edit ->
// updated diagnostics, plus fix-all and close.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter, applyTextEdits } from '../../server/src/engine';
import { ALLOW_PRIVILEGE_ESCALATION, RUN_AS_NON_ROOT, UNHARDENED_DEPLOYMENT } from './helpers/fixtures';
import { TestClient, fileUri } from './helpers/testClient';
import { CLIENT_RULE_LINKS_OPTION } from '../../server/src/hosts/lsp/workspaceProtocol';

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

describe('language server: diagnostics and fixes', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('advertises incremental sync and the quick-fix and fix-all code action kinds', () => {
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(capabilities.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.fixAll.harden'],
      resolveProvider: false,
    });
  });

  it('publishes one diagnostic per finding, exactly as the engine reports them', async () => {
    const uri = fileUri('main/deployment.yaml');
    const expected = new Linter().lint({ path: '/tmp/harden-lsp-test/main/deployment.yaml', text: UNHARDENED_DEPLOYMENT, languageId: 'yaml' });
    await client.open(uri, UNHARDENED_DEPLOYMENT);
    // Before the workspace scan, the document-local findings only; then all of them.
    const published = await client.waitForDiagnostics(uri, { version: 1, where: (p) => p.diagnostics.length === expected.findings.length });
    assert.equal(published.version, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range, d.severity, d.message]),
      expected.findings.map((f) => [f.ruleId, f.range, SEVERITY[f.severity], f.message]),
    );
    for (const diagnostic of published.diagnostics) {
      assert.equal(diagnostic.source, 'harden');
      // The page shipped beside the bundle, which opens offline (dist/server.js -> docs/rules/<id>.md).
      const page = path.join(__dirname, '..', '..', 'docs', 'rules', `${String(diagnostic.code)}.md`);
      assert.equal(diagnostic.codeDescription?.href, pathToFileURL(page).href);
      assert.equal(diagnostic.data, undefined, 'nothing in the payload that the client does not show');
    }
    const nonRoot = byRule(published.diagnostics, RUN_AS_NON_ROOT);
    // The container's `- name: web` item is what the rule points at (line 17, 1-based).
    assert.equal(nonRoot.range.start.line, 16);
    assert.equal(nonRoot.severity, SEVERITY.warning);
    assert.ok(byRule(published.diagnostics, ALLOW_PRIVILEGE_ESCALATION));
  });

  it('offers a preferred quick fix that, once applied, makes the finding go away', async () => {
    const uri = fileUri('quickfix/deployment.yaml');
    const { diagnostics } = await client.open(uri, UNHARDENED_DEPLOYMENT);
    const escalation = byRule(diagnostics, ALLOW_PRIVILEGE_ESCALATION);
    const actions = await client.codeActions(uri, escalation.range, [escalation]);
    const forEscalation = actions.filter((a) => a.diagnostics?.[0]?.code === ALLOW_PRIVILEGE_ESCALATION);
    const preferred = forEscalation.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, 'exactly one preferred fix per finding');
    const fix = preferred[0];
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [escalation], 'the action carries the diagnostic the client sent');
    const edit = singleDocumentEdit(fix, uri);
    assert.equal(edit.textDocument.version, 1);
    // Every finding on the container's range gets its fixes offered, one action per fix; fix-all is
    // only computed when asked for by kind.
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    // runAsNonRoot: true may stop an image that runs as root: offered as a quick fix, never the preferred one.
    const forNonRoot = actions.filter((a) => a.diagnostics?.[0]?.code === RUN_AS_NON_ROOT);
    assert.ok(forNonRoot.length > 0);
    assert.ok(forNonRoot.every((a) => !a.isPreferred));
    const onContainer = diagnostics.filter((d) => d.range.start.line === escalation.range.start.line);
    const engineFixes = new Linter()
      .lint({ path: '/tmp/harden-lsp-test/quickfix/deployment.yaml', text: UNHARDENED_DEPLOYMENT, languageId: 'yaml' })
      .findings.filter((f) => f.range.start.line === escalation.range.start.line)
      .flatMap((f) => f.fixes);
    assert.ok(onContainer.length > 1);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      engineFixes.map((f) => [f.title, f.isPreferred]),
    );

    const version = await client.applyWorkspaceEdit(uri, fix.edit!);
    assert.match(client.text(uri), /allowPrivilegeEscalation: false/);
    assert.match(client.text(uri), /# the only container/, 'comments survive');
    const updated = await client.waitForDiagnostics(uri, { version });
    const codes = updated.diagnostics.map((d) => d.code);
    assert.ok(!codes.includes(ALLOW_PRIVILEGE_ESCALATION), `still reported: ${codes.join(', ')}`);
    assert.ok(codes.includes(RUN_AS_NON_ROOT), 'other findings stay');
  });

  it('only answers for findings in the requested range', async () => {
    const uri = fileUri('range/deployment.yaml');
    await client.open(uri, UNHARDENED_DEPLOYMENT);
    const header = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    assert.deepEqual(await client.codeActions(uri, header, [], ['quickfix']), []);
  });

  it('fix-all is one minimal edit equal to the engine fixAll result', async () => {
    const uri = fileUri('fixall/deployment.yaml');
    const { diagnostics } = await client.open(uri, UNHARDENED_DEPLOYMENT);
    const everything = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
    const actions = await client.codeActions(uri, everything, diagnostics, ['source.fixAll.harden']);
    assert.equal(actions.length, 1);
    const [fixAll] = actions;
    assert.equal(fixAll.kind, 'source.fixAll.harden');
    const edit = singleDocumentEdit(fixAll, uri);
    assert.equal(edit.edits.length, 1);
    assert.ok(edit.edits[0].range.start.line > 0, 'minimal: the unchanged head of the document is not rewritten');
    const expected = new Linter().fixAll({ path: '/tmp/harden-lsp-test/fixall/deployment.yaml', text: UNHARDENED_DEPLOYMENT, languageId: 'yaml' });
    assert.equal(applyTextEdits(UNHARDENED_DEPLOYMENT, edit.edits as TextEdit[]), expected.text);

    const version = await client.applyWorkspaceEdit(uri, fixAll.edit!);
    const updated = await client.waitForDiagnostics(uri, { version });
    const codes = updated.diagnostics.map((d) => d.code);
    // Fix-all applies safe fixes only: allowPrivilegeEscalation is fixed, runAsNonRoot (a suggestion) is left.
    assert.ok(!codes.includes(ALLOW_PRIVILEGE_ESCALATION) && codes.includes(RUN_AS_NON_ROOT), codes.join(', '));
    // Nothing fixable is left, so `source` requests now come back empty.
    assert.deepEqual(await client.codeActions(uri, everything, updated.diagnostics, ['source']), []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = fileUri('close/deployment.yaml');
    await client.open(uri, UNHARDENED_DEPLOYMENT);
    const mark = client.mark();
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('language server: a client that adds rule links itself (Harden for VS Code)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { [CLIENT_RULE_LINKS_OPTION]: true, redHatYamlKubernetes: false } });
  });
  after(() => client.stop());

  it('publishes every finding without the link and source the client adds (the same rest)', async () => {
    const uri = fileUri('links/deployment.yaml');
    const expected = new Linter().lint({ path: '/tmp/harden-lsp-test/links/deployment.yaml', text: UNHARDENED_DEPLOYMENT, languageId: 'yaml' });
    await client.open(uri, UNHARDENED_DEPLOYMENT);
    const published = await client.waitForDiagnostics(uri, { version: 1, where: (p) => p.diagnostics.length === expected.findings.length });
    assert.deepEqual(
      published.diagnostics,
      expected.findings.map((f) => ({ range: f.range, severity: SEVERITY[f.severity], code: f.ruleId, message: f.message })),
    );
  });

  it('matches the diagnostics the client sends back (with the source it added) to their fixes', async () => {
    const uri = fileUri('links/quickfix.yaml');
    const { diagnostics } = await client.open(uri, UNHARDENED_DEPLOYMENT);
    const escalation = { ...byRule(diagnostics, ALLOW_PRIVILEGE_ESCALATION), source: 'harden' };
    const actions = await client.codeActions(uri, escalation.range, [escalation]);
    const preferred = actions.filter((a) => a.isPreferred && a.diagnostics?.[0]?.code === ALLOW_PRIVILEGE_ESCALATION);
    assert.equal(preferred.length, 1);
    assert.deepEqual(preferred[0].diagnostics, [escalation], 'the action carries the diagnostic the client sent');
  });
});

function byRule(diagnostics: Diagnostic[], ruleId: string): Diagnostic {
  const diagnostic = diagnostics.find((d) => d.code === ruleId);
  assert.ok(diagnostic, `no ${ruleId} diagnostic among ${diagnostics.map((d) => d.code).join(', ')}`);
  return diagnostic;
}

function singleDocumentEdit(action: CodeAction, uri: string): TextDocumentEdit {
  const changes = action.edit?.documentChanges ?? [];
  assert.equal(changes.length, 1);
  const [change] = changes;
  assert.ok('textDocument' in change && change.textDocument.uri === uri);
  return change;
}
