// Which YAML documents are Kubernetes manifests, for the Kubernetes snippets (kept out of Compose files, CI
// workflows, `.harden.yaml` and every other YAML file). Free of `vscode` imports, so that tests can call it.
import { isKustomizationFile } from './documentSelector';

/** YAML files that are known not to be Kubernetes manifests, by path. */
const NOT_KUBERNETES = [
  /(?:^|\/)(?:docker-)?compose(?:\.[^/]+)?\.ya?ml$/i, // Docker Compose
  /(?:^|\/)\.harden\.ya?ml$/i,
  /(?:^|\/)\.github\//, // workflows, dependabot, issue templates
  /(?:^|\/)\.gitlab-ci\.ya?ml$/i,
  /(?:^|\/)\.pre-commit-config\.ya?ml$/i,
  /(?:^|\/)(?:Chart|values[^/]*|kustomization|mkdocs|pubspec|environment|action)\.ya?ml$/i,
];

const TOP_LEVEL_KEY = /^[A-Za-z_][\w.-]*\s*:/gm;
const KUBERNETES_KEY = /^(?:apiVersion|kind)\s*:/m;

/**
 * True for a file a person writes manifests in: a path not known to be something else, and a text that either
 * has a top-level `apiVersion`/`kind` or no top-level key yet (a new file: where a snippet starts a manifest).
 * `currentLine` (0-based) is ignored, since it holds what is being typed.
 */
export function isKubernetesYaml(path: string, text: string, currentLine = -1): boolean {
  const normalized = path.replace(/\\/g, '/');
  if (isKustomizationFile(normalized) || NOT_KUBERNETES.some((pattern) => pattern.test(normalized))) return false;
  const lines = text.split(/\r?\n/);
  if (currentLine >= 0 && currentLine < lines.length) lines[currentLine] = '';
  const rest = lines.join('\n');
  if (KUBERNETES_KEY.test(rest)) return true;
  // `---` separated documents each start a manifest: only the document holding the cursor matters.
  const document = currentLine >= 0 ? documentAround(lines, currentLine) : rest;
  return (document.match(TOP_LEVEL_KEY) ?? []).length === 0;
}

function documentAround(lines: string[], line: number): string {
  let start = line;
  while (start > 0 && !/^---/.test(lines[start - 1])) start--;
  let end = line;
  while (end < lines.length - 1 && !/^---/.test(lines[end + 1])) end++;
  return lines.slice(start, end + 1).join('\n');
}
