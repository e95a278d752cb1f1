// Debounced, per-document lint runs. A newer request for the same document cancels the pending one,
// and a run that was superseded while it waited (e.g. for settings) is told so and publishes nothing.
export type LintRun = (uri: string, isCurrent: () => boolean) => void | Promise<void>;

export const DEFAULT_DEBOUNCE_MS = 100;

export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  /** Lint runs started and not finished (a run awaits settings, the schema, the pipe). */
  private running = 0;
  /** When each pending timer falls due (`Date.now()` ms). */
  private readonly dueAt = new Map<string, number>();
  private idleWaiters: Array<() => void> = [];

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
    this.dueAt.set(uri, Date.now() + delay);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.dueAt.delete(uri);
      void this.track(uri, generation);
    }, delay);
    this.timers.set(uri, timer);
  }

  /**
   * Resolves once no lint run is in progress and none falls due within `marginMs`. Background work (the
   * workspace scan) waits for it between its slices: a run's awaits would otherwise let a slice in at each
   * step, and a slice that starts just before a run falls due would hold the run back for its whole length.
   */
  async whenIdle(marginMs = 0): Promise<void> {
    for (;;) {
      if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      else {
        const soonest = Math.min(...this.dueAt.values()) - Date.now();
        if (soonest > marginMs) return;
        // The run starts in its timer's callback, before this later timer fires.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, soonest)));
      }
    }
  }

  private async track(uri: string, generation: number): Promise<void> {
    this.running++;
    try {
      await this.run(uri, () => this.generations.get(uri) === generation);
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Drops a pending or running lint of `uri` (document closed). */
  cancel(uri: string): void {
    this.supersede(uri);
    this.generations.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.dueAt.clear();
    this.generations.clear();
  }

  private supersede(uri: string): number {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.dueAt.delete(uri);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return generation;
  }
}
