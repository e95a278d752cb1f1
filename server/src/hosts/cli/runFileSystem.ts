// The file system a lint run's rules see: the disk (reads cached for the run), plus, only while a fixed
// file is re-linted, the files its fixes are about to create (see `PendingFiles` in lintFile.ts).
import type { FileCreate } from '../../engine';
import { NodeFileSystem } from '../node/nodeFileSystem';

export class RunFileSystem extends NodeFileSystem {
  private assumed = new Map<string, string>();

  constructor(maxFileBytes?: number) {
    super({ cacheReads: true, maxFileBytes });
  }

  override exists(path: string): boolean {
    return this.assumed.has(path) || super.exists(path);
  }

  override readFile(path: string): string | undefined {
    return this.assumed.get(path) ?? super.readFile(path);
  }

  assumeFiles<T>(files: readonly FileCreate[], run: () => T): T {
    const previous = this.assumed;
    this.assumed = new Map([...previous, ...files.map((file): [string, string] => [file.path, file.text])]);
    try {
      return run();
    } finally {
      this.assumed = previous;
    }
  }
}
