// Where COPY/ADD put files: the destination resolved against the WORKDIRs before it (POSIX paths).
import { chainInstructions, stateOffset, type DInstruction, type Stage } from './model';

export function isCopy(instr: DInstruction): boolean {
  return instr.keyword === 'COPY' || instr.keyword === 'ADD';
}

/** Source and destination words of a COPY/ADD (exec form included). */
export function copyOperands(instr: DInstruction): { sources: string[]; destination: string | undefined } {
  const words = instr.json ?? instr.args.map((a) => a.value);
  if (instr.heredocs.length > 0 || words.length < 2) return { sources: [], destination: words[words.length - 1] };
  return { sources: words.slice(0, -1), destination: words[words.length - 1] };
}

/** The WORKDIR in force at an instruction (default `/`); for an ONBUILD trigger, the one its stage ends with. */
export function workdirAt(stage: Stage, instr: DInstruction): string {
  let dir = '/';
  const at = stateOffset(instr);
  for (const i of chainInstructions(stage)) {
    if (i === instr || i.start >= at) break;
    if (i.keyword === 'WORKDIR' && i.args[0]) dir = joinPath(dir, i.args[0].value);
  }
  return dir;
}

export function joinPath(base: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${base}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Whether `outer` is `inner` or one of its ancestors (segment-wise). */
export function pathContains(outer: string, inner: string): boolean {
  return outer === '/' || inner === outer || inner.startsWith(`${outer}/`);
}
