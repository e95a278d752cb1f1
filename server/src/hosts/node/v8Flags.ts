// V8 flags the language server sets for itself when it starts, whatever starts it: VS Code passes
// SERVER_NODE_FLAGS on the command line (client/src/languageClient.ts), other editors run
// bin/harden-language-server.js with none. Only flags read after start-up work here (heap sizes do not).
import v8 from 'node:v8';

/**
 * No inlining in V8's optimising compiler (TurboFan). Its compile threads were most of the CPU of the first
 * keystrokes after an open: editing a Kustomize base under 20 overlays compiled 219 functions in 32 edits
 * (2.1 s of compile time, some functions 50-100 ms each because everything they call was inlined). Without
 * inlining: that edit 55-61 -> 42-45 ms CPU, a Helm values edit 31-39 -> 25-36 ms, peak RSS on the
 * 1,000-document file 152 -> 147 MB (less compiled code); steady-state edit CPU unchanged (docs/performance.md).
 */
export const SERVER_RUNTIME_V8_FLAGS = ['--no-turbo-inlining'];

/** Sets SERVER_RUNTIME_V8_FLAGS: before the server's work starts, so that every optimisation sees them. */
export function applyServerV8Flags(): void {
  for (const flag of SERVER_RUNTIME_V8_FLAGS) v8.setFlagsFromString(flag);
}
