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
    await waitForCode(a.uri, 'k8s/pdb-missing', false);
    assert.equal(countOf(a.uri, 'k8s/automount-service-account-token'), 0, describeDiagnostics(a.uri));

    await setText(b, original.replace(/matchLabels:\n(\s+)app: api/, 'matchLabels:\n$1app: other'));
    await waitForCode(a.uri, 'k8s/pdb-missing', true);
    await waitForCode(b.uri, 'k8s/pdb-selector', true); // the PDB now selects nothing

    await setText(b, original.replace('automountServiceAccountToken: false', 'automountServiceAccountToken: true'));
    await waitForCode(a.uri, 'k8s/pdb-missing', false);
    await waitForCode(a.uri, 'k8s/automount-service-account-token', true);

    await setText(b, original);
    await b.save();
    await waitForCode(a.uri, 'k8s/automount-service-account-token', false);
    assert.equal(countOf(a.uri, 'k8s/pdb-missing'), 0, describeDiagnostics(a.uri));
  });
});
