// The files whose changes on disk matter to the server: manifests and Dockerfiles (the workspace index)
// and `.harden.yaml` (settings). Registered dynamically when the client supports it.
import { DidChangeWatchedFilesNotification, type Connection } from 'vscode-languageserver';
import { KUSTOMIZATION_FILE_NAMES } from '../../engine';

export const WATCHED_GLOBS = [
  '**/*.{yaml,yml}',
  '**/Dockerfile*',
  '**/*.{Dockerfile,dockerfile}',
  '**/Containerfile',
  '**/Containerfile.*',
  '**/.harden.{yaml,yml}',
  // docker/dockerignore asks whether one exists beside a Dockerfile.
  '**/.dockerignore',
  // Kustomization files without a YAML extension (`Kustomization`): their overlays are built from them.
  ...KUSTOMIZATION_FILE_NAMES.filter((name) => !/\.ya?ml$/.test(name)).map((name) => `**/${name}`),
];

export async function registerFileWatchers(connection: Connection): Promise<void> {
  await connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
  });
}
