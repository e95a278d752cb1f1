// The server must never go down because one request or one rule failed: every handler runs through
// a guard that logs the error to the client's output and answers with a harmless fallback.
import type { RemoteConsole } from 'vscode-languageserver';

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export type Guard = <T>(what: string, fallback: T, work: () => T | Promise<T>) => Promise<T>;

export function createGuard(console: RemoteConsole): Guard {
  return async (what, fallback, work) => {
    try {
      return await work();
    } catch (error) {
      console.error(`[harden] ${what} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}
