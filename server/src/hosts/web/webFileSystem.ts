// The web server's view of the workspace files that are not open: the texts the client read for it with
// `vscode.workspace.fs` (webProtocol.ts), kept in memory and replaced when the client reports a change.
import type { StampedFileSystem } from '../node/stampedFileSystem';

export class WebFileSystem implements StampedFileSystem {
  private readonly texts = new Map<string, { text: string; version: number }>();
  private version = 0;

  exists(path: string): boolean {
    return this.texts.has(path) || this.isDirectory(path);
  }

  readFile(path: string): string | undefined {
    return this.texts.get(path)?.text;
  }

  stamp(path: string): string | undefined {
    const file = this.texts.get(path);
    return file && `web:${file.version}`;
  }

  /** The known files and folders directly in `path` (folders with a trailing `/`). */
  listDirectory(path: string): string[] | undefined {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = new Set<string>();
    for (const file of this.texts.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : `${rest.slice(0, slash)}/`);
    }
    return names.size > 0 ? [...names].sort() : undefined;
  }

  /** A file's text (undefined: deleted). True when it changed. */
  set(path: string, text: string | undefined): boolean {
    const before = this.texts.get(path)?.text;
    if (text === undefined) return this.texts.delete(path);
    if (before === text) return false;
    this.texts.set(path, { text, version: ++this.version });
    return true;
  }

  paths(): string[] {
    return [...this.texts.keys()];
  }

  get size(): number {
    return this.texts.size;
  }

  private isDirectory(path: string): boolean {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const file of this.texts.keys()) if (file.startsWith(prefix)) return true;
    return false;
  }
}
