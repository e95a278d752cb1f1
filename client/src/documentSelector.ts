// Which editor documents the language server sees: YAML and Dockerfiles on disk or unsaved, plus
// Dockerfiles whose names VS Code does not map to the dockerfile language on every setup.
import type { DocumentSelector } from 'vscode-languageclient/node';

const SCHEMES = ['file', 'untitled'];
// `dockercompose`: the Docker extension's language for Compose files (plain `yaml` without it).
const LANGUAGES = ['yaml', 'dockerfile', 'dockercompose'];
export const DOCKERFILE_NAME_PATTERNS = ['**/Dockerfile.*', '**/*.Dockerfile', '**/Containerfile', '**/Containerfile.*'];

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))),
  ...DOCKERFILE_NAME_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];
