// Keeps the server's settings in step with the client: pulled through `workspace/configuration` at
// start and whenever the client says they changed. Lint runs wait for the first pull, so the first
// diagnostics already honour the user's rule overrides.
import type { Connection } from 'vscode-languageserver';
import { describeError } from './guard';
import { DEFAULT_SERVER_SETTINGS, readSettings, SETTINGS_SECTION, type ServerSettings } from './settings';

const PULL_TIMEOUT_MS = 5000;

export class SettingsStore {
  private settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  private pulls = 0;
  private loaded = false;
  private markReady!: () => void;
  /** Settles once the first settings are known (pulled, pushed, or given up on). */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    /** Called with every settings read, before `ready` settles, so that no lint runs with half-applied settings. */
    private readonly apply: (settings: ServerSettings) => void,
  ) {}

  get current(): ServerSettings {
    return this.settings;
  }

  /** True once the first settings were read: lint runs no longer wait. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /**
   * Re-reads the settings: pulls them when the client supports it, else uses what it pushed (the
   * `settings` of didChangeConfiguration, or initializationOptions). Returns the settings now in force.
   */
  async refresh(pushed?: unknown): Promise<ServerSettings> {
    const pull = ++this.pulls;
    try {
      const raw = this.canPull ? await this.pull() : pushed;
      // Two quick changes: only the newest pull may win.
      if (pull === this.pulls && (this.canPull || raw !== undefined)) this.settings = readSettings(raw);
      this.apply(this.settings);
    } catch (error) {
      this.connection.console.error(`[harden] reading settings failed, keeping the previous ones: ${describeError(error)}`);
    } finally {
      this.loaded = true;
      this.markReady();
    }
    return this.settings;
  }

  /** Asks the client; a client that never answers must not hold diagnostics back forever. */
  private pull(): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to workspace/configuration within ${PULL_TIMEOUT_MS} ms`)), PULL_TIMEOUT_MS);
    });
    return Promise.race([this.connection.workspace.getConfiguration(SETTINGS_SECTION), timeout]).finally(() => clearTimeout(timer));
  }
}
