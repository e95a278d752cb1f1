// The shell a RUN runs in: the last SHELL instruction of its stage chain before it, else `/bin/sh -c`, and which
// options its arguments (or a `set` in the script) leave on. Shared by the rules that reason about pipefail and errexit.
import { chainInstructions, type Stage } from './model';

/** Shells with a pipefail option (dash only from Debian's 0.5.12-7; see docker/pipefail). */
export const PIPEFAIL_SHELLS: ReadonlySet<string> = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox']);
export const POSIX_SHELLS: ReadonlySet<string> = new Set([...PIPEFAIL_SHELLS, 'sh', 'dash']);

export interface ShellInstruction {
  /** Basename of the shell program (`sh` by default). */
  program: string;
  /** A POSIX shell (sh, dash, bash, zsh, ash, ksh…): RUN scripts read as shell. */
  posix: boolean;
  /** The arguments after the program (`-eo`, `pipefail`, `-c`). */
  options: readonly string[];
}

const DEFAULT_SHELL: ShellInstruction = { program: 'sh', posix: true, options: [] };

/** The shell RUNs use at `offset` in `stage`. */
export function shellAt(stage: Stage, offset: number): ShellInstruction {
  const shell = chainInstructions(stage)
    .filter((i) => i.keyword === 'SHELL' && i.start < offset)
    .pop();
  if (!shell) return DEFAULT_SHELL;
  const argv = shell.json ?? [];
  // `SHELL ["/usr/bin/env", "bash", "-c"]` runs bash.
  const at = /(^|\/)env$/.test(argv[0] ?? '') ? 1 : 0;
  const program = programName(argv[at] ?? '');
  return { program, posix: POSIX_SHELLS.has(program), options: argv.slice(at + 1) };
}

/**
 * Whether `set`-style arguments leave an option on: `-o name`/`+o name`, and its one-letter form when it has one
 * (`-e`, `-eux`, `-euxo pipefail`; `+e` turns it off). The last one wins.
 */
export function optionOn(args: readonly string[], name: string, letter?: string): boolean {
  let on = false;
  for (let i = 0; i < args.length; i++) {
    const flags = /^([-+])([a-zA-Z]*)$/.exec(args[i]);
    if (!flags) continue;
    if (letter && flags[2].replace(/o$/, '').includes(letter)) on = flags[1] === '-';
    if (flags[2].endsWith('o') && args[i + 1] === name) on = flags[1] === '-';
  }
  return on;
}

/** A shell program's name from its path: `/bin/bash` → bash, a trailing `.exe` dropped. */
export function programName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
}
