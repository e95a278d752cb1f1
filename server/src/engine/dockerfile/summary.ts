// What the Kubernetes side needs to know about a Dockerfile of the workspace (k8s/non-numeric-image-user,
// k8s/run-as-user-mismatch): the final stage's USER and the UID/GID the file assigns to it; its VOLUME paths, where
// the image expects to write (k8s/read-only-root-filesystem).
import type { DockerfileSummary } from '../k8s/workspace-index';
import { chainInstructions, escapeCharOf, parseDockerfile, substituteArgs, targetStage, type DInstruction, type Stage } from './model';
import { withoutCaching } from './transient';
import { stageCuts } from './chunks';
import { baseImageUser } from './family';
import { ownerIn, userAt, userValue } from './users';

/** `wholeFile`: from a parse of every stage (a lint has just made it: it is cached), not of the stages read. */
export function summarizeDockerfile(text: string, path: string, target?: string, { wholeFile = false } = {}): DockerfileSummary {
  const model = parseDockerfile((!wholeFile && summarySource(text, target)) || text);
  const stage = targetStage(model, target);
  if (!stage) return { path };
  const volumes = volumesOf(stage);
  const withVolumes = volumes.length > 0 ? { volumes } : {};
  const user = userAt(stage);
  if (!user) {
    const base = baseImageUser(stage);
    return { path, ...withVolumes, ...(base === 'root' ? {} : { baseUser: base }) };
  }
  const value = userValue(user);
  const owner = ownerIn(value, model, stage);
  return {
    path,
    ...withVolumes,
    user: value,
    ...(owner.uid !== undefined ? { uid: owner.uid } : {}),
    ...(owner.gid !== undefined ? { gid: owner.gid } : {}),
  };
}

/** Fewer stages than this: parsing the whole file costs no more than finding the ones the summary reads. */
const SUMMARY_STAGES_ABOVE = 8;
/** A `FROM` on one line, its base and its name; quotes and continuations are not read here. */
const FROM_LINE = /^[ \t]*from[ \t]+(?:--\S+[ \t]+)*([^\s\\"']+)(?:[ \t]+as[ \t]+([^\s\\"']+))?[ \t]*\r?$/i;

/**
 * What the summary reads of a file of many stages: what comes before the first FROM, then the target stage and
 * the stages it is built on, in file order. A 576-stage file's index entry then parses a few stages instead of
 * all (the workspace scan of a large Dockerfile next to the open file was most of the editor's peak memory).
 * Undefined when the whole file must be parsed: few stages, another escape character or a BOM, a
 * FROM this cannot read exactly (ARGs, continuations).
 */
export function summarySource(text: string, target: string | undefined): string | undefined {
  if (text.charCodeAt(0) === 0xfeff || escapeCharOf(text) !== '\\') return undefined;
  const cuts = stageCuts(text, '\\');
  if (!cuts || cuts.length <= SUMMARY_STAGES_ABOVE) return undefined;
  const chunks = cuts.map((start, i) => text.slice(start, cuts[i + 1] ?? text.length));
  const firstLine = (chunk: string) => chunk.split('\n', 1)[0];
  const prelude = FROM_LINE.test(firstLine(chunks[0])) ? '' : chunks.shift()!;
  // A base is matched to stage names after the global ARGs' defaults are put in, as the model does.
  const globalArgs = prelude ? withoutCaching(() => parseDockerfile(prelude)).globalArgs : new Map<string, string | undefined>();
  const stages: Array<{ chunk: string; base: string | undefined; name?: string }> = [];
  for (const chunk of chunks) {
    const from = FROM_LINE.exec(firstLine(chunk));
    if (!from) return undefined;
    stages.push({ chunk, base: substituteArgs(from[1], globalArgs)?.toLowerCase(), name: from[2]?.toLowerCase() });
  }
  // As targetStage and the model's parent links: the first stage of that name, only an earlier one as a parent.
  const named = target ? stages.findIndex((s) => s.name === target.toLowerCase()) : -1;
  const kept = new Set<number>();
  for (let i = named >= 0 ? named : stages.length - 1; i >= 0;) {
    kept.add(i);
    const base = stages[i].base;
    const parent = base === undefined ? -1 : stages.findIndex((s) => s.name === base);
    i = parent >= 0 && parent < i ? parent : -1;
  }
  return (
    prelude +
    stages
      .filter((_, i) => kept.has(i))
      .map((s) => s.chunk)
      .join('')
  );
}

/**
 * The absolute paths the stage's VOLUME instructions declare (JSON or plain form), its base stages' included.
 * Kubernetes creates no volume for them: unless the pod mounts one there, the image writes into its root file system.
 */
function volumesOf(stage: Stage): string[] {
  const paths = chainInstructions(stage)
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap(volumePaths);
  return [...new Set(paths.map((p) => p.replace(/(.)\/+$/, '$1')))].filter((p) => p.startsWith('/') && !p.includes('$'));
}

function volumePaths(instruction: DInstruction): string[] {
  const raw = instruction.args
    .map((a) => a.value)
    .join(' ')
    .trim();
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }
  return raw.split(/\s+/).filter(Boolean);
}
