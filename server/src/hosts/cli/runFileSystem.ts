// The file system a lint run's rules see: the disk (reads cached for the run), the text piped to
// `harden lint -` under its --stdin-filename, and, only while a fixed file is re-linted, the files its
// fixes are about to create (see `PendingFiles` in lintFile.ts).
import type { FileCreate } from '../../engine';
import { NodeFileSystem } from '../node/nodeFileSystem';

export class RunFileSystem extends NodeFileSystem {
  private assumed = new Map<string, string>();
  /** Texts that are not (or not as read) on disk: stdin. */
  private readonly given = new Map<string, string>();

  constructor(maxFileBytes?: number) {
    super({ cacheReads: true, maxFileBytes });
  }

  override exists(path: string): boolean {
    return this.assumed.has(path) || this.given.has(path) || super.exists(path);
  }

  override readFile(path: string): string | undefined {
    return this.assumed.get(path) ?? this.given.get(path) ?? super.readFile(path);
  }

  /** The file at `path` has this text for the whole run, whatever the disk holds. */
  provide(path: string, text: string): void {
    this.given.set(path, text);
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
