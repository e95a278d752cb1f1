// Code action building in isolation, with a stub engine: what a client that can or cannot create
// files, or cannot take versioned edits, gets offered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeActionParams, CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Linter } from '../../server/src/engine';
import { editSupportOf, provideCodeActions, type EditSupport } from '../../server/src/hosts/lsp/codeActions';
import { DEFAULT_SERVER_SETTINGS } from '../../server/src/hosts/lsp/settings';

const URI = 'file:///repo/Dockerfile';
const document = TextDocument.create(URI, 'dockerfile', 7, 'FROM node:20\nCOPY . .\n');
const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 4 } });

const FINDINGS: Finding[] = [
  {
    ruleId: 'docker/dockerignore',
    severity: 'warning',
    message: 'COPY . . without a .dockerignore',
    range: at(1),
    fixes: [
      {
        title: 'Create a .dockerignore',
        kind: 'safe',
        isPreferred: true,
        edits: [],
        createFiles: [{ path: '/repo/.dockerignore', text: '.git\nnode_modules\n' }],
      },
      { title: 'Copy only what the image needs', kind: 'suggestion', isPreferred: false, edits: [{ range: at(1), newText: 'COPY package.json' }] },
    ],
  },
  { ruleId: 'docker/image-digest', severity: 'info', message: 'pin the digest', range: at(0), fixes: [] },
];

const stubLinter = { lint: () => ({ language: 'dockerfile', findings: FINDINGS }) } as unknown as Linter;

function actionsFor(support: EditSupport, line = 1) {
  const params: CodeActionParams = { textDocument: { uri: URI }, range: at(line), context: { diagnostics: [] } };
  return provideCodeActions({ params, document, linter: stubLinter, settings: DEFAULT_SERVER_SETTINGS, support });
}

describe('code actions', () => {
  it('derives edit support from the client capabilities', () => {
    assert.deepEqual(editSupportOf({}), { documentChanges: false, createFiles: false });
    assert.deepEqual(editSupportOf({ workspace: { workspaceEdit: { documentChanges: true } } }), { documentChanges: true, createFiles: false });
    assert.deepEqual(editSupportOf({ workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename'] } } }), {
      documentChanges: true,
      createFiles: true,
    });
  });

  it('creates the new file, then fills it, when the client supports it', () => {
    const actions = actionsFor({ documentChanges: true, createFiles: true });
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Create a .dockerignore', true],
        ['Copy only what the image needs', false],
      ],
    );
    const [create, fill, ...rest] = actions[0].edit!.documentChanges!;
    assert.deepEqual(rest, [], 'the fix does not touch the Dockerfile itself');
    assert.deepEqual(create, { kind: 'create', uri: 'file:///repo/.dockerignore', options: { ignoreIfExists: true } } satisfies CreateFile);
    assert.deepEqual(fill, {
      textDocument: { uri: 'file:///repo/.dockerignore', version: null },
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '.git\nnode_modules\n' }],
    });
  });

  it('leaves out fixes that need a new file when the client cannot create one', () => {
    const actions = actionsFor({ documentChanges: true, createFiles: false });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Copy only what the image needs'],
    );
  });

  it('edits the document at the version the fix was computed for', () => {
    const [, action] = actionsFor({ documentChanges: true, createFiles: true });
    assert.deepEqual(action.edit!.documentChanges, [
      { textDocument: { uri: URI, version: 7 }, edits: [{ range: at(1), newText: 'COPY package.json' }] } satisfies TextDocumentEdit,
    ]);
  });

  it('falls back to plain `changes` for clients without versioned document edits', () => {
    const [action] = actionsFor({ documentChanges: false, createFiles: false });
    assert.deepEqual(action.edit, { changes: { [URI]: [{ range: at(1), newText: 'COPY package.json' }] } });
  });

  it("edits another open file (a Helm template's suppression comment) at the version the fix was computed on", () => {
    const template = 'file:///repo/chart/templates/deployment.yaml';
    const finding: Finding = {
      ruleId: 'k8s/privileged',
      severity: 'error',
      message: 'privileged',
      range: at(0),
      fixes: [
        {
          title: 'Disable k8s/privileged in templates/deployment.yaml:3',
          kind: 'suggestion',
          isPreferred: false,
          suppression: true,
          edits: [],
          otherFiles: [{ path: '/repo/chart/templates/deployment.yaml', edits: [{ range: at(2), newText: '# harden-ignore k8s/privileged\n' }] }],
        },
      ],
    };
    const linter = { lint: () => ({ language: 'kubernetes', findings: [finding] }) } as unknown as Linter;
    const params: CodeActionParams = { textDocument: { uri: URI }, range: at(0), context: { diagnostics: [] } };
    const support = { documentChanges: true, createFiles: true };
    const versionOf = (uri: string) => (uri === template ? 12 : undefined);
    const [pinned] = provideCodeActions({ params, document, linter, settings: DEFAULT_SERVER_SETTINGS, support, versionOf });
    assert.deepEqual(
      pinned.edit!.documentChanges!.map((change) => (change as TextDocumentEdit).textDocument),
      [{ uri: template, version: 12 }],
    );
    const [closed] = provideCodeActions({ params, document, linter, settings: DEFAULT_SERVER_SETTINGS, support, versionOf: () => undefined });
    assert.deepEqual(
      closed.edit!.documentChanges!.map((change) => (change as TextDocumentEdit).textDocument),
      [{ uri: template, version: null }],
      'a file that is not open: as it is on disk',
    );
  });

  it('offers nothing for findings outside the range or without fixes', () => {
    assert.deepEqual(actionsFor({ documentChanges: true, createFiles: true }, 0), []);
  });
});
