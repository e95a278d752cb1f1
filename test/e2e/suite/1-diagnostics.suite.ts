// Diagnostics appear with the rule id as code and the right range, for a Kubernetes YAML and a Dockerfile.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, openDocument, waitForCode, waitForDiagnostics } from './helpers';

describe('diagnostics', () => {
  it('Kubernetes YAML: k8s/run-as-non-root on the container, with a docs link', async () => {
    const document = await openDocument('k8s/deployment.yaml');
    assert.equal(document.languageId, 'yaml');
    await waitForDiagnostics(document.uri);
    await waitForCode(document.uri, 'k8s/run-as-non-root', true);
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'k8s/run-as-non-root')!;
    assert.equal(diagnostic.source, 'harden');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    // The container's `- name: web` entry (line 18, 1-based), `name: web` exactly.
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      [17, 10, 17, 19],
    );
    assert.equal(document.getText(diagnostic.range), 'name: web');
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(typeof code, 'object', 'the code links to the rule documentation');
    // Added by the client (the server leaves links out for it): the page shipped with the extension, which opens offline.
    assert.equal(code.value, 'k8s/run-as-non-root');
    assert.equal(code.target.scheme, 'file');
    assert.match(code.target.path, /\/docs\/rules\/k8s\/run-as-non-root\.md$/);
    for (const expected of ['k8s/allow-privilege-escalation', 'k8s/seccomp-profile', 'k8s/drop-all-capabilities']) {
      assert.ok(
        vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === expected),
        `${expected} missing; got ${describeDiagnostics(document.uri)}`,
      );
    }
  });

  it('Dockerfile: docker/user-missing on the final FROM', async () => {
    const document = await openDocument('docker/Dockerfile');
    assert.equal(document.languageId, 'dockerfile');
    const diagnostics = await waitForDiagnostics(document.uri);
    assert.ok(
      diagnostics.every((d) => codeOf(d).startsWith('docker/') || codeOf(d).startsWith('harden/')),
      `only Dockerfile rules on a Dockerfile; got ${describeDiagnostics(document.uri)}`,
    );
    await waitForCode(document.uri, 'docker/user-missing', true);
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'docker/user-missing')!;
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostic.range.start.line, 0);
    assert.equal(document.getText(diagnostic.range), 'FROM node:20-bookworm-slim');
    const execForm = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'docker/exec-form');
    assert.ok(execForm, `docker/exec-form missing; got ${describeDiagnostics(document.uri)}`);
    assert.equal(document.getText(execForm.range), 'CMD node server.js');
  });
});
