// What the workspace index records about a file, for both the CLI's first pass and the server's scan.
import { detectLanguage, type Linter, type SourceFile, isConfigFile } from '../../engine';

/** Files whose content other files' rules may look at: Kubernetes YAML and Dockerfiles, not `.harden.yaml`. */
export function isIndexedFile(path: string): boolean {
  if (isConfigFile(path)) return false;
  const language = detectLanguage(path);
  return language === 'kubernetes' || language === 'dockerfile';
}

/** Records the file in the linter's index without reporting anything. True when the index changed. */
export function indexWorkspaceFile(linter: Linter, file: SourceFile, options?: { transient?: boolean }): boolean {
  if (isConfigFile(file.path)) return false;
  switch (detectLanguage(file.path, file.languageId)) {
    case 'kubernetes':
    case 'dockerfile': // its final USER and UID/GID, for the manifests' cross-file user checks
      return linter.indexFile(file, options);
    default:
      return false;
  }
}
