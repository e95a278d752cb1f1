// The heap in use after full collections, for tests that measure what a cache keeps (no timing involved).
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export const MB = 1024 * 1024;

/** Bytes in use once everything unreachable is collected (two passes: the first may leave finalised objects). */
export function heapUsedAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
