// Requests the web language server (hosts/web, in a web worker) sends to the VS Code web client
// (client/src/web), which answers them with `vscode.workspace.fs`: the worker has no file system of its own.
// Shared by both sides (the client imports only *Protocol.ts files of the server).

/** Server → client: the workspace files matching `include` (globs relative to the workspace folders). */
export const WEB_FIND_FILES = 'harden/web/findFiles';
export interface WebFindFilesParams {
  include: string[];
  /** Globs of folders and files to leave out (besides `files.exclude`, which the client applies). */
  exclude: string[];
  maxFiles: number;
}
export interface WebFindFilesResult {
  uris: string[];
}

/** Server → client: the texts of files (UTF-8); null for a file that is missing, unreadable or above `maxFileBytes`. */
export const WEB_READ_FILES = 'harden/web/readFiles';
export interface WebReadFilesParams {
  uris: string[];
  maxFileBytes: number;
}
export interface WebReadFilesResult {
  texts: Array<string | null>;
}

/** Server → client: a file shipped with the extension (e.g. `schemas/kubernetes-1.32.json`); null when missing. */
export const WEB_READ_EXTENSION_FILE = 'harden/web/readExtensionFile';
export interface WebReadExtensionFileParams {
  path: string;
}
export interface WebReadExtensionFileResult {
  text: string | null;
}
