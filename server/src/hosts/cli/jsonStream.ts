// Writes a JSON document whose one big array (the results) is streamed: the opening part, then each
// element as it comes, then the closing part. A report of any size is never held as one object, and
// never goes through one JSON.stringify call.
import type { Output } from './output';

export class JsonArrayStream {
  private count = 0;
  private started = false;

  /**
   * `head` ends where the array's elements go, e.g. `{"version":1,"results":[`. It is written with the
   * first element (or at the end), so a run that fails before any file is reported writes nothing.
   */
  constructor(
    private readonly output: Output,
    private readonly head: string,
  ) {}

  private start(): void {
    if (!this.started) this.output.write(this.head);
    this.started = true;
  }

  /** Appends elements (written in one go, one per line). */
  push(elements: readonly unknown[]): void {
    if (elements.length === 0) return;
    this.start();
    const parts: string[] = [];
    for (const element of elements) parts.push(`${this.count++ === 0 ? '\n' : ',\n'}${JSON.stringify(element)}`);
    this.output.write(parts.join(''));
  }

  /** `tail` closes the array and the document, e.g. `],"suppressed":0}`. */
  end(tail: string): void {
    this.start();
    this.output.write(`${this.count > 0 ? '\n' : ''}${tail}\n`);
  }
}
