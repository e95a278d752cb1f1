// Code actions: one quick fix per engine fix of each finding in the requested range, and a
// `source.fixAll.harden` action. Findings are recomputed from the current text (cheap: the engine
// caches unchanged documents), so an action can never apply to an outdated diagnostic's range.
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  TextEdit,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, minimalEdit, type FileCreate, type FileEdits, type Finding, type Fix, type Linter } from '../../engine';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { lintDocument, sourceFileOf, type KustomizeFindings } from './documentLinting';
import { pathToUri } from './paths';
import type { ServerSettings } from './settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.harden`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** What the client can apply; decided once at initialize. */
export interface EditSupport {
  documentChanges: boolean;
  createFiles: boolean;
}

export function editSupportOf(capabilities: ClientCapabilities): EditSupport {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  const documentChanges = workspaceEdit?.documentChanges === true;
  return { documentChanges, createFiles: documentChanges && !!workspaceEdit?.resourceOperations?.includes('create') };
}

export interface CodeActionInput {
  params: CodeActionParams;
  document: TextDocument;
  /** Undefined when a `.harden.yaml` ignores the document. */
  linter: Linter | undefined;
  settings: ServerSettings;
  support: EditSupport;
  kustomize?: KustomizeFindings;
  /** The URI of a file a fix creates; default its file URI (the web server derives it from the document's URI). */
  uriOfPath?: (path: string, document: TextDocument) => string;
  /**
   * The version of an open document other than `document`, which the linter read in place of the disk: a fix's edits of
   * it (a Helm template's suppression comment) were computed on that version, and the client must not apply them to another.
   */
  versionOf?: (uri: string) => number | undefined;
}

export function provideCodeActions(input: CodeActionInput): CodeAction[] {
  const { params, document, linter, settings } = input;
  const lint = lintDocument(linter, document, settings, input.kustomize);
  if (lint.kind !== 'linted') return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (isRequested(CodeActionKind.QuickFix, only)) {
    for (const finding of lint.findings) {
      if (!rangesTouch(finding.range, params.range)) continue;
      const diagnostic = matchingDiagnostic(params.context.diagnostics, finding) ?? toDiagnostic(finding);
      for (const fix of finding.fixes) {
        const action = quickFix(input, fix, diagnostic);
        if (action) actions.push(action);
      }
    }
  }
  // Fix-all re-lints the file several times: compute it only when asked for by kind (on save, or
  // from the Source Action menu), not for every cursor move that asks for quick fixes.
  // Fix-all re-lints the file on its own, which is not what a file of an overlay shows: quick fixes only.
  if (only && isRequested(FIX_ALL_KIND, only) && !lint.throughKustomize && lint.findings.some((f) => f.fixes.length > 0)) {
    const action = fixAllAction(input);
    if (action) actions.push(action);
  }
  return actions;
}

/** `only: ['source']` asks for every source action, so kinds match by dotted prefix. */
function isRequested(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

function quickFix(input: CodeActionInput, fix: Fix, diagnostic: Diagnostic): CodeAction | undefined {
  const creates = fix.createFiles ?? [];
  // A fix whose new file the client cannot create would be half a fix: leave it out.
  if (creates.length > 0 && !input.support.createFiles) return undefined;
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.isPreferred,
    edit: workspaceEdit(input, fix.edits, creates, fix.otherFiles),
  };
}

function fixAllAction(input: CodeActionInput): CodeAction | undefined {
  const { document, linter } = input;
  if (!linter) return undefined;
  const file = sourceFileOf(document);
  const fixed = linter.fixAll(file);
  const edit = minimalEdit(file.text, fixed.text);
  if (!edit || fixed.applied === 0) return undefined;
  return {
    title: 'Fix all auto-fixable Harden problems',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(input, [new LineIndex(file.text).toTextEdit(edit)], []),
  };
}

function workspaceEdit(input: CodeActionInput, edits: TextEdit[], creates: FileCreate[], others: FileEdits[] = []): WorkspaceEdit {
  const { document, support } = input;
  if (!support.documentChanges) {
    const changes: Record<string, TextEdit[]> = edits.length > 0 || others.length === 0 ? { [document.uri]: edits } : {};
    for (const other of others) changes[pathToUri(other.path)] = other.edits;
    return { changes };
  }
  const otherEdits = others.map((other) => {
    const uri = pathToUri(other.path);
    return TextDocumentEdit.create({ uri, version: input.versionOf?.(uri) ?? null }, other.edits);
  });
  const fileOperations = creates.flatMap((file) => {
    const uri = input.uriOfPath ? input.uriOfPath(file.path, document) : pathToUri(file.path);
    return [
      CreateFile.create(uri, { ignoreIfExists: true }),
      TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert({ line: 0, character: 0 }, file.text)]),
    ];
  });
  const ownEdits = edits.length > 0 ? [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] : [];
  return { documentChanges: [...ownEdits, ...otherEdits, ...fileOperations] };
}

/** Prefer echoing the client's own diagnostic object, so that it can link the action to it. */
function matchingDiagnostic(diagnostics: Diagnostic[], finding: Finding): Diagnostic | undefined {
  return diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && d.code === finding.ruleId && sameRange(d.range, finding.range));
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

function rangesTouch(a: Range, b: Range): boolean {
  return comparePositions(a.end, b.start) >= 0 && comparePositions(b.end, a.start) >= 0;
}
