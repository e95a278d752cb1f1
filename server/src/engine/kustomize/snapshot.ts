// The files as one call sees them: twenty overlays of one base read the same files again and again while
// building, checking cached builds and placing findings (on disk, each read is a stat and a read). A
// snapshot reads each file once; it is valid for one call only, as editor buffers change between calls.
import type { HostFileSystem } from '../types';

export class CallSnapshot implements HostFileSystem {
  private readonly texts = new Map<string, string | undefined>();
  private readonly present = new Map<string, boolean>();
  /** Whether a build's recorded texts still hold, by the recording (decided once per call). */
  private readonly current = new WeakMap<ReadonlyMap<string, string | undefined>, boolean>();
  private closed = false;

  constructor(readonly fs: HostFileSystem) {}

  /** Runs `call` on a snapshot of `fs` (or on `fs` itself when it is one: a call made within a call). */
  static within<T>(fs: HostFileSystem, call: (snapshot: CallSnapshot) => T): T {
    if (fs instanceof CallSnapshot && !fs.closed) return call(fs);
    const snapshot = new CallSnapshot(fs instanceof CallSnapshot ? fs.fs : fs);
    try {
      return call(snapshot);
    } finally {
      snapshot.close();
    }
  }

  readFile(path: string): string | undefined {
    if (this.closed) return this.fs.readFile(path);
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.fs.readFile(path);
    this.texts.set(path, text);
    return text;
  }

  exists(path: string): boolean {
    if (this.closed) return this.fs.exists(path);
    let present = this.present.get(path);
    if (present === undefined) this.present.set(path, (present = this.fs.exists(path)));
    return present;
  }

  listDirectory(path: string): string[] | undefined {
    return this.fs.listDirectory?.(path);
  }

  /** Every file still reads as recorded (undefined: missing). */
  unchanged(texts: ReadonlyMap<string, string | undefined>): boolean {
    if (this.closed) return sameTexts(this.fs, texts);
    let same = this.current.get(texts);
    if (same === undefined) this.current.set(texts, (same = sameTexts(this, texts)));
    return same;
  }

  /** After the call: what is kept of it (lazy fixes) reads the files as they are then. */
  close(): void {
    this.closed = true;
    this.texts.clear();
    this.present.clear();
  }
}

function sameTexts(fs: HostFileSystem, texts: ReadonlyMap<string, string | undefined>): boolean {
  for (const [file, text] of texts) if (fs.readFile(file) !== text) return false;
  return true;
}

/** Every file still reads as it did (undefined: missing); within a call, decided once per recording. */
export function unchanged(fs: HostFileSystem, texts: ReadonlyMap<string, string | undefined>): boolean {
  return fs instanceof CallSnapshot ? fs.unchanged(texts) : sameTexts(fs, texts);
}
