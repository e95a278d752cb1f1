// V8 flags the language server and the CLI set for themselves when they start, whatever starts them: VS Code passes
// SERVER_NODE_FLAGS on the command line (client/src/languageClient.ts), other editors run
// bin/harden-language-server.js with none, and `harden` is a plain bin. Only flags read after start-up work here
// (heap sizes do not); they hold for the whole process, the CLI's lint worker threads included.
import v8 from 'node:v8';

/**
 * No inlining in V8's optimising compiler (TurboFan). Its compile threads were most of the CPU of the first
 * keystrokes after an open: editing a Kustomize base under 20 overlays compiled 219 functions in 32 edits
 * (2.1 s of compile time, some functions 50-100 ms each because everything they call was inlined). Without
 * inlining: that edit 55-61 -> 42-45 ms CPU, a Helm values edit 31-39 -> 25-36 ms, peak RSS on the
 * 1,000-document file 152 -> 147 MB (less compiled code); steady-state edit CPU unchanged. The CLI's worker threads
 * each compile the same functions again: `harden lint` of 5,000 files on 2 CPUs, with its run's other change
 * (findChartRoot), 9.5-11.4 -> 8.1-8.4 s of CPU, 5.3-6.5 -> 4.7-4.8 s (docs/performance.md).
 */
export const RUNTIME_V8_FLAGS = ['--no-turbo-inlining'];

/** Sets RUNTIME_V8_FLAGS: before any work starts, so that every optimisation sees them. */
export function applyRuntimeV8Flags(): void {
  for (const flag of RUNTIME_V8_FLAGS) v8.setFlagsFromString(flag);
}
