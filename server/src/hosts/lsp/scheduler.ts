// Debounced, per-document lint runs. A newer request for the same document cancels the pending one,
// and a run that was superseded while it waited (e.g. for settings) is told so and publishes nothing.
export type LintRun = (uri: string, isCurrent: () => boolean) => void | Promise<void>;

export const DEFAULT_DEBOUNCE_MS = 100;

export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly run: LintRun,
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {}

  /**
   * Lints `uri` after `delayMs`, replacing any run not finished yet. By default a document seen for the
   * first time (just opened) is linted at once and later requests (typing) wait for the debounce delay.
   */
  schedule(uri: string, delayMs?: number): void {
    const delay = delayMs ?? (this.generations.has(uri) ? this.debounceMs : 0);
    const generation = this.supersede(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri, () => this.generations.get(uri) === generation);
    }, delay);
    this.timers.set(uri, timer);
  }

  /** Drops a pending or running lint of `uri` (document closed). */
  cancel(uri: string): void {
    this.supersede(uri);
    this.generations.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.generations.clear();
  }

  private supersede(uri: string): number {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return generation;
  }
}
