// The function map a chart's templates run with: text/template's builtins, Sprig, Helm's additions.
import type { TemplateFunc } from '../exec';
import { addBuiltins } from './builtins';
import { addCrypto } from './crypto';
import { addHelm } from './helm';
import { addSprig } from './sprig';

let shared: Map<string, TemplateFunc> | undefined;

/** Built once: the functions hold no state of their own. */
export function createFuncs(): Map<string, TemplateFunc> {
  if (!shared) {
    shared = new Map();
    addBuiltins(shared);
    addSprig(shared);
    addCrypto(shared);
    addHelm(shared);
  }
  return shared;
}
