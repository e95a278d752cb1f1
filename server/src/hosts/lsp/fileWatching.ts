// The files whose changes on disk matter to the server: manifests and Dockerfiles (the workspace index),
// `.harden.yaml` (settings) and the files Dockerfiles are linted with (ignore files, Compose files, `.env`).
// Registered dynamically when the client supports it.
import { DidChangeWatchedFilesNotification, type Connection } from 'vscode-languageserver';
import { KUSTOMIZATION_FILE_NAMES } from '../../engine';

export const WATCHED_GLOBS = [
  '**/*.{yaml,yml}',
  '**/Dockerfile*',
  '**/*.{Dockerfile,dockerfile}',
  '**/Containerfile',
  '**/Containerfile.*',
  '**/.harden.{yaml,yml}',
  // docker/dockerignore asks whether the build context has one, or the Dockerfile its own (`app.Dockerfile.dockerignore`).
  '**/.dockerignore',
  '**/*.dockerignore',
  // Compose interpolates `build:` with the project's `.env` (Compose files themselves are YAML, watched above).
  '**/.env',
  // Kustomization files without a YAML extension (`Kustomization`): their overlays are built from them.
  ...KUSTOMIZATION_FILE_NAMES.filter((name) => !/\.ya?ml$/.test(name)).map((name) => `**/${name}`),
];

export async function registerFileWatchers(connection: Connection): Promise<void> {
  await connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
  });
}
