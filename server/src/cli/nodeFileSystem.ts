// The engine's HostFileSystem over node:fs. Rules read files beside the linted one (e.g. a Dockerfile's USER
// for a Deployment), often the same file for many manifests, so reads are cached; --fix invalidates.
import * as fs from 'node:fs';
import type { HostFileSystem } from '../engine';

export class NodeFileSystem implements HostFileSystem {
  private readonly texts = new Map<string, string | undefined>();

  exists(path: string): boolean {
    return fs.existsSync(path);
  }

  readFile(path: string): string | undefined {
    if (!this.texts.has(path)) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(path, 'utf8');
      } catch {
        text = undefined;
      }
      this.texts.set(path, text);
    }
    return this.texts.get(path);
  }

  /** Call after writing a file so that rules see the new content. */
  invalidate(path: string): void {
    this.texts.delete(path);
  }
}
