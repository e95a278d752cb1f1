// The names kustomize accepts for a kustomization file, in the order it looks for them. No imports: the
// editor client, the CLI's file discovery, the server's file watching and the build all read this one list.

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** The file's name is one of KUSTOMIZATION_FILE_NAMES (exact case, as kustomize reads them). */
export function isKustomizationFile(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(base);
}

/** "kustomization.yaml, kustomization.yml or Kustomization", for messages. */
export const KUSTOMIZATION_FILE_LIST = `${KUSTOMIZATION_FILE_NAMES.slice(0, -1).join(', ')} or ${KUSTOMIZATION_FILE_NAMES[KUSTOMIZATION_FILE_NAMES.length - 1]}`;
