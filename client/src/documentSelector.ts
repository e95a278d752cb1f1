// Which editor documents the language server sees: YAML and Dockerfiles on disk or unsaved, plus
// Dockerfiles whose names VS Code does not map to the dockerfile language on every setup.
import type { DocumentSelector } from 'vscode-languageclient/node';

const SCHEMES = ['file', 'untitled'];
// `dockercompose`: the Docker extension's language for Compose files (plain `yaml` without it).
const LANGUAGES = ['yaml', 'dockerfile', 'dockercompose'];
export const DOCKERFILE_NAME_PATTERNS = ['**/Dockerfile.*', '**/*.Dockerfile', '**/Containerfile', '**/Containerfile.*'];

// The kustomization file names kustomize reads. The client shares no code with the server but the protocol, so
// this mirrors the engine's KUSTOMIZATION_FILE_NAMES; test/lsp/manifest.test.ts fails when they differ.
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** The file's name is a kustomization's (exact case, as kustomize reads them). */
export function isKustomizationFile(path: string): boolean {
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(path.replace(/\\/g, '/').split('/').pop() ?? '');
}

// A kustomization named plain `Kustomization` is plain text to VS Code; the server builds overlays from it.
export const KUSTOMIZATION_NAME_PATTERNS = KUSTOMIZATION_FILE_NAMES.filter((name) => !/\.ya?ml$/.test(name)).map((name) => `**/${name}`);

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))),
  ...[...DOCKERFILE_NAME_PATTERNS, ...KUSTOMIZATION_NAME_PATTERNS].map((pattern) => ({ scheme: 'file', pattern })),
];
