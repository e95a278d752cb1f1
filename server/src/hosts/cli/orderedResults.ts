// Puts results that finish in any order (worker threads) back into the order of the files, releasing each
// as soon as every earlier one is in: text reports stream, and every report is the same whatever --jobs is.
export class OrderedResults<T> {
  private readonly waiting = new Map<number, T>();
  private next = 0;
  private finished = false;

  /**
   * @param count how many results there will be, with ids 0..count-1
   * @param release called once per result, in id order
   * @param isHeld results that must wait for `finish` (with every result after them), e.g. because
   *   releasing them creates files that the files still being linted must not see
   */
  constructor(
    private readonly count: number,
    private readonly release: (value: T) => void,
    private readonly isHeld: (value: T) => boolean = () => false,
  ) {}

  put(id: number, value: T): void {
    if (id < this.next || this.waiting.has(id)) throw new Error(`result ${id} delivered twice`);
    this.waiting.set(id, value);
    this.drain();
  }

  /** Every result is in: release the held ones. */
  finish(): void {
    this.finished = true;
    this.drain();
    if (this.next !== this.count) throw new Error(`the result of file ${this.next} of ${this.count} never arrived`);
  }

  private drain(): void {
    while (this.waiting.has(this.next)) {
      const value = this.waiting.get(this.next) as T;
      if (!this.finished && this.isHeld(value)) return;
      this.waiting.delete(this.next);
      this.next++;
      this.release(value);
    }
  }
}
