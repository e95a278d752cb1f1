// Cross-file: a Deployment with 3 replicas in a.yaml is covered by the PodDisruptionBudget in b.yaml; editing
// b.yaml's selector (unsaved) makes k8s/pdb-missing appear on a.yaml, undoing it makes it go away again.
// The ServiceAccount in b.yaml likewise keeps k8s/automount-service-account-token off a.yaml.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, countOf, describeDiagnostics, openDocument, setText, waitForCode, waitForDiagnostics } from './helpers';

describe('cross-file diagnostics', () => {
  after(closeAll);

  it('k8s/pdb-missing on a.yaml follows the PDB selector in b.yaml', async () => {
    const a = await openDocument('cross/a.yaml');
    await waitForDiagnostics(a.uri);
    const b = await openDocument('cross/b.yaml');
    const original = b.getText();
    await waitForCode(a.uri, 'k8s/pdb-missing', false, 15_000, () => `b.yaml (dirty: ${b.isDirty}): ${describeDiagnostics(b.uri)}`);
    assert.equal(countOf(a.uri, 'k8s/automount-service-account-token'), 0, describeDiagnostics(a.uri));

    // Evidence for failures: how often a.yaml's diagnostics were republished after b.yaml changed.
    let republished = 0;
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === a.uri.toString())) republished++;
    });
    try {
      await setText(b, original.replace(/matchLabels:\n(\s+)app: api/, 'matchLabels:\n$1app: other'));
      const dirtyAfterEdit = b.isDirty;
      await waitForCode(
        a.uri,
        'k8s/pdb-missing',
        true,
        15_000,
        () =>
          `b.yaml (dirty after the edit: ${dirtyAfterEdit}, now: ${b.isDirty}): ${describeDiagnostics(b.uri)}; a.yaml republished ${republished} time(s) since`,
      );
      await waitForCode(b.uri, 'k8s/pdb-selector', true); // the PDB now selects nothing

      // Selector back: the PDB covers the Deployment again.
      await setText(b, original);
      await waitForCode(a.uri, 'k8s/pdb-missing', false, 15_000, () => `b.yaml (dirty: ${b.isDirty}): ${describeDiagnostics(b.uri)}`);

      await setText(b, original.replace('automountServiceAccountToken: false', 'automountServiceAccountToken: true'));
      await waitForCode(a.uri, 'k8s/automount-service-account-token', true);
      assert.equal(countOf(a.uri, 'k8s/pdb-missing'), 0, describeDiagnostics(a.uri));

      await setText(b, original);
      await b.save();
      await waitForCode(a.uri, 'k8s/automount-service-account-token', false);
      assert.equal(countOf(a.uri, 'k8s/pdb-missing'), 0, describeDiagnostics(a.uri));
    } finally {
      listener.dispose();
      if (b.getText() !== original) await setText(b, original);
      if (b.isDirty) await b.save();
    }
  });

  it('one edit of b.yaml that restores the PDB selector and changes the ServiceAccount updates both results', async () => {
    const a = await openDocument('cross/a.yaml');
    await waitForDiagnostics(a.uri);
    const b = await openDocument('cross/b.yaml');
    const original = b.getText();
    await waitForCode(a.uri, 'k8s/pdb-missing', false, 15_000, () => `b.yaml (dirty: ${b.isDirty}): ${describeDiagnostics(b.uri)}`);
    await setText(b, original.replace(/matchLabels:\n(\s+)app: api/, 'matchLabels:\n$1app: other'));
    await waitForCode(a.uri, 'k8s/pdb-missing', true, 15_000, () => `b.yaml (dirty: ${b.isDirty}): ${describeDiagnostics(b.uri)}`);
    // Both objects of b.yaml change in one edit: the PDB selects the Deployment again, the SA stops opting out.
    await setText(b, original.replace('automountServiceAccountToken: false', 'automountServiceAccountToken: true'));
    try {
      await waitForCode(a.uri, 'k8s/automount-service-account-token', true);
      await waitForCode(a.uri, 'k8s/pdb-missing', false, 15_000, () => `b.yaml (dirty: ${b.isDirty}): ${describeDiagnostics(b.uri)}`);
    } finally {
      await setText(b, original);
      await b.save();
    }
  });
});
