// The workspace folders the client opened, as file-system paths: where the index scan looks, and where
// the upward search for `.harden.yaml` stops.
import * as path from 'node:path';
import type { InitializeParams } from 'vscode-languageserver';
import { uriToPath } from './paths';

export function workspaceRootsOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const fromUris = uris.filter((uri) => uri.startsWith('file:')).map(uriToPath);
  if (fromUris.length > 0 || uris.length > 0) return fromUris;
  return params.rootPath ? [path.resolve(params.rootPath)] : [];
}

/** The innermost workspace folder containing `file`, or undefined. */
export function folderContaining(roots: readonly string[], file: string): string | undefined {
  let best: string | undefined;
  for (const root of roots) {
    const relative = path.relative(root, file);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    if (inside && (best === undefined || root.length > best.length)) best = root;
  }
  return best;
}
