// The Kubernetes snippets (snippets/kubernetes.json), offered only in Kubernetes YAML: a completion provider
// instead of a `contributes.snippets` entry for `yaml`, which VS Code would offer in every YAML file.
import { CompletionItem, CompletionItemKind, languages, MarkdownString, SnippetString, Uri, workspace, type Disposable, type ExtensionContext } from 'vscode';
import { isKubernetesYaml } from './kubernetesYaml';

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

export function registerKubernetesSnippets(context: ExtensionContext): Disposable {
  let items: Promise<CompletionItem[]> | undefined;
  const load = async () => {
    const bytes = await workspace.fs.readFile(Uri.joinPath(context.extensionUri, 'snippets', 'kubernetes.json'));
    const snippets = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, SnippetDefinition>;
    return Object.entries(snippets).flatMap(([name, snippet]) =>
      (Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]).map((prefix) => {
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        const item = new CompletionItem({ label: prefix, description: name }, CompletionItemKind.Snippet);
        item.insertText = new SnippetString(body);
        item.documentation = new MarkdownString(snippet.description ?? name).appendCodeblock(
          body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, ''),
          'yaml',
        );
        return item;
      }),
    );
  };
  return languages.registerCompletionItemProvider(
    [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    {
      async provideCompletionItems(document, position) {
        // Only at the start of a line: a manifest begins at column 0.
        if (document.lineAt(position.line).text.slice(0, position.character).trim().includes(' ')) return [];
        if (!isKubernetesYaml(document.uri.path, document.getText(), position.line)) return [];
        items ??= load();
        return items;
      },
    },
  );
}
