// What the workspace index records about a file, for both the CLI's first pass and the server's scan.
import { detectLanguage, type Linter, type SourceFile } from '../engine';
import { isConfigFile } from '../engine/config';

/** Files whose content other files' rules may look at: Kubernetes YAML and Dockerfiles, not `.harden.yaml`. */
export function isIndexedFile(path: string): boolean {
  if (isConfigFile(path)) return false;
  const language = detectLanguage(path);
  return language === 'kubernetes' || language === 'dockerfile';
}

/** Records the file in the linter's index without reporting anything. True when the index changed. */
export function indexWorkspaceFile(linter: Linter, file: SourceFile): boolean {
  if (isConfigFile(file.path)) return false;
  switch (detectLanguage(file.path, file.languageId)) {
    case 'kubernetes':
      return linter.indexFile(file);
    case 'dockerfile':
      return indexDockerfile(linter, file);
    default:
      return false;
  }
}

/**
 * HOOK (Dockerfile side of the index, to be wired by the engine): summarize the Dockerfile and record it
 * with `linter.index.setDockerfile(summary)`, returning its result. Until then Dockerfiles are walked,
 * watched and removed on delete like YAML files, but nothing is recorded.
 */
function indexDockerfile(_linter: Linter, _file: SourceFile): boolean {
  return false;
}
