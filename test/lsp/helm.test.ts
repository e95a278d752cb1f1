// The language server on a Helm chart: opening any file of the chart shows the chart's findings that land in
// it (values.yaml gets the values it sets, the template what it writes literally), and an unsaved values
// edit re-renders the chart and re-publishes the open template.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from './helpers/testClient';

const fixture = path.join(__dirname, '..', 'fixtures', 'helm', 'lint', 'webapp');
const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code));

describe('language server: Helm charts', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it("values.yaml and templates show the rendered chart's findings; a values edit updates the open template", async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'harden-lsp-helm-')));
    dirs.push(dir);
    fs.cpSync(fixture, path.join(dir, 'webapp'), { recursive: true });
    client = await TestClient.start({ workspaceFolders: [dir], startupDelayMs: 0 });
    await client.waitForLog(/workspace index ready/);
    const valuesPath = path.join(dir, 'webapp', 'values.yaml');
    const templatePath = path.join(dir, 'webapp', 'templates', 'deployment.yaml');
    const valuesUri = pathToFileURL(valuesPath).toString();
    const templateUri = pathToFileURL(templatePath).toString();
    const valuesText = fs.readFileSync(valuesPath, 'utf8');

    const values = await client.open(valuesUri, valuesText);
    assert.deepEqual(codes(values), ['k8s/privileged']);
    assert.equal(
      values.diagnostics[0].range.start.line,
      valuesText.split('\n').findIndex((l) => l.includes('privileged: true')),
    );

    const template = await client.open(templateUri, fs.readFileSync(templatePath, 'utf8'));
    assert.ok(codes(template).includes('k8s/host-namespaces'), codes(template).join(', '));
    assert.ok(!codes(template).includes('k8s/privileged'), JSON.stringify(template.diagnostics.map((d) => [d.code, d.range.start.line, d.message])));

    // Raise replicas to 1 in the unsaved values: the template's k8s/pdb-missing goes away.
    assert.ok(codes(template).includes('k8s/pdb-missing'), codes(template).join(', '));
    const mark = client.mark();
    const line = valuesText.split('\n').findIndex((l) => l.startsWith('replicaCount:'));
    await client.change(valuesUri, [
      { range: { start: { line, character: 0 }, end: { line, character: 'replicaCount: 2'.length } }, newText: 'replicaCount: 1' },
    ]);
    await client.waitForDiagnostics(templateUri, { after: mark, where: (p) => !codes(p).includes('k8s/pdb-missing') });
  });
});
