// One place that decides what linting a document means for the server: unsupported, skipped for
// size, or findings. Diagnostics and code actions both go through it, so they never disagree.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectLanguage, isKustomizationFile, type Finding, type Linter, type LinterOptions, type SourceFile } from '../../engine';
import { uriToPath } from './paths';
import type { ServerSettings } from './settings';
import { segmentsOf, textLength } from './yamlDocuments';

/**
 * An editor's Linters: every finding becomes a diagnostic, and a code action asks for the fixes of the few under the
 * cursor, so fixes are worked out when read (on a 1,000-document manifest: ~30 % of the lint's CPU and memory).
 */
export const EDITOR_LINTER: LinterOptions = { fixes: 'lazy' };

export type DocumentLint =
  { kind: 'unsupported' } | { kind: 'skipped'; reason: string } | { kind: 'linted'; findings: Finding[]; indexChanged: boolean; throughKustomize?: boolean };

/** A file's findings through the kustomize overlays that read it, or undefined when none does. */
export type KustomizeFindings = (path: string) => Finding[] | undefined;

/** The document for the engine; its text is read (for YAML: joined) only if the engine needs it whole. */
export function sourceFileOf(document: TextDocument): SourceFile {
  return {
    path: uriToPath(document.uri),
    get text() {
      return document.getText();
    },
    languageId: document.languageId,
  };
}

const SERVED_LANGUAGE_IDS: ReadonlySet<string> = new Set(['yaml', 'dockerfile', 'dockercompose']);

/**
 * YAML (Compose included) and Dockerfile documents (`.harden.yaml` included: its problems are reported on it), plus
 * Dockerfiles recognised by name whatever their language id. Another language on a `.yaml` file (e.g.
 * `helm` templates, which are not YAML) is left alone.
 */
export function isServed(document: TextDocument): boolean {
  const path = uriToPath(document.uri);
  const language = detectLanguage(path, document.languageId);
  // A kustomization named plain `Kustomization` is plain text to the editor; its build errors are reported on it.
  return SERVED_LANGUAGE_IDS.has(document.languageId) ? language !== undefined : language === 'dockerfile' || isKustomizationFile(path);
}

/** Dockerfiles and Compose files: their rules read ignore files, Compose files and `.env` (isDockerBuildInput). */
export function readsDockerBuildInputs(document: TextDocument): boolean {
  const language = detectLanguage(uriToPath(document.uri), document.languageId);
  return language === 'dockerfile' || language === 'compose';
}

/** Why a document is too large to lint, or undefined when it is not. */
export function sizeSkipReason(document: TextDocument, settings: ServerSettings): string | undefined {
  const limitBytes = settings.maxFileSizeKB * 1024;
  // Cheap pre-check: UTF-8 never takes fewer bytes than UTF-16 code units.
  if (textLength(document) <= limitBytes / 3) return undefined;
  const segments = segmentsOf(document);
  const bytes = segments ? segments.reduce((sum, segment) => sum + utf8ByteLength(segment.text), 0) : utf8ByteLength(document.getText());
  if (bytes <= limitBytes) return undefined;
  const sizeKB = Math.ceil(bytes / 1024);
  return `Harden skipped this file: it is ${sizeKB} KB, above the limit of ${settings.maxFileSizeKB} KB (setting harden.maxFileSizeKB).`;
}

/** `linter` is undefined for a document that a `.harden.yaml` ignores: it is treated as unsupported. */
export function lintDocument(linter: Linter | undefined, document: TextDocument, settings: ServerSettings, kustomize?: KustomizeFindings): DocumentLint {
  if (!linter || !settings.enable || !isServed(document)) return { kind: 'unsupported' };
  const file = sourceFileOf(document);
  const reason = sizeSkipReason(document, settings);
  if (reason) return { kind: 'skipped', reason };
  // A base, patch or kustomization shows what the overlays built from it would apply.
  const throughOverlays = kustomize?.(file.path);
  if (throughOverlays) return { kind: 'linted', findings: throughOverlays, indexChanged: false, throughKustomize: true };
  const { findings, indexChanged } = linter.lint(file, segmentsOf(document));
  return { kind: 'linted', findings, indexChanged };
}

/** A file this long is shown a first look at its top while its first lint runs (a 1,000-document file: 1.5 s). */
export const PREVIEW_ABOVE_LINES = 5000;
/** How much of the top the first look covers: a few screens, linted in milliseconds. */
export const PREVIEW_LINES = 2000;

/**
 * The findings to show at once when a large manifest is opened, before its first full lint (which adds the
 * cross-document ones and the rest of the file): undefined when the document gets no such first look.
 */
export function previewDocument(
  linter: Linter | undefined,
  document: TextDocument,
  settings: ServerSettings,
  readByOverlays: (path: string) => boolean,
): Finding[] | undefined {
  if (document.lineCount < PREVIEW_ABOVE_LINES) return undefined;
  return documentLocalFindings(linter, document, settings, readByOverlays, PREVIEW_LINES);
}

/**
 * The findings of the rules that read one document only, in the documents that start before line `lines`: final
 * whatever the rest of the file and the workspace hold (the full lint only adds to them). Undefined for a document
 * that gets none this way: not a plain manifest (Dockerfile, Compose, Helm, config), too large, or read by overlays.
 */
export function documentLocalFindings(
  linter: Linter | undefined,
  document: TextDocument,
  settings: ServerSettings,
  readByOverlays: (path: string) => boolean,
  lines = Number.MAX_SAFE_INTEGER,
): Finding[] | undefined {
  if (!linter || !settings.enable || !isServed(document)) return undefined;
  const file = sourceFileOf(document);
  if (sizeSkipReason(document, settings) || readByOverlays(file.path)) return undefined;
  return linter.previewLint(file, lines);
}

/** Node's native count when there is one (~20 times faster on a 2 MB text); the web server has none. */
const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer;

/** Buffer.byteLength(text, 'utf8'), also without Node (the web server shares this file): a lone surrogate counts 3 (U+FFFD). */
export function utf8ByteLength(text: string): number {
  return nodeBuffer ? nodeBuffer.byteLength(text, 'utf8') : countUtf8Bytes(text);
}

/** The count in plain code (the web server's; exported for its test against Node's). */
export function countUtf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
