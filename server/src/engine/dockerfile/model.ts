// The Dockerfile model every docker rule works on: instructions in offsets of the file text, stages
// (`FROM … AS name`, stages built on stages), ARG-resolved base images, and the shell inside RUN/CMD/
// ENTRYPOINT parsed by a real shell parser, with offsets mapped back through `\` continuations.
import { DockerfileParser, Instruction, JSONInstruction, ModifiableInstruction, Onbuild, PropertyInstruction } from 'dockerfile-ast';
type Range = ReturnType<Instruction['getRange']>;
import { LineIndex, detached, detectEol } from '../text';
import { stageCuts } from './chunks';
import { isCaching } from './transient';
import { parseShell, shiftScript, type ShellScript } from './shell';

export interface Span {
  start: number;
  end: number;
}

export interface DArg extends Span {
  value: string;
}

/**
 * A shell-form argument as BuildKit reads it (its shell lexer): quotes removed, `\` escapes resolved outside single
 * quotes. `ADD "app.tgz" /srv/` adds `app.tgz`. Variables are left as written.
 */
export function wordValue(written: string): string {
  if (!/["'\\]/.test(written)) return written;
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < written.length; i++) {
    const c = written[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (c === '\\' && i + 1 < written.length && (quote === undefined || '"\\$`'.includes(written[i + 1]))) {
      out += written[++i];
    } else if (c === quote) quote = undefined;
    else if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else out += c;
  }
  return out;
}

export interface DFlag extends Span {
  name: string;
  value: string | null;
  valueStart: number;
  valueEnd: number;
}

export interface DProperty extends Span {
  name: string;
  value: string | null;
}

export interface DHeredoc {
  name: string;
  contentStart: number;
  contentEnd: number;
}

export interface DInstruction extends Span {
  keyword: string;
  keywordEnd: number;
  /** Arguments after the flags. */
  args: DArg[];
  argsStart: number;
  flags: DFlag[];
  /** `ENV`/`ARG` name=value pairs. */
  properties: DProperty[];
  /** Exec-form strings (`["a", "b"]`), undefined for shell form. */
  json: string[] | undefined;
  heredocs: DHeredoc[];
  stage: Stage | undefined;
  /**
   * On `ONBUILD <instruction>`: the trigger, parsed as an instruction of its own, in offsets of the file (its keyword
   * is where the trigger's text starts). Undefined without one, and for the triggers Docker refuses (FROM, ONBUILD,
   * MAINTAINER). Triggers are in no instruction list: see `withTriggers`.
   */
  trigger?: DInstruction;
  /** On a trigger: the ONBUILD instruction it belongs to. */
  onbuild?: DInstruction;
}

export interface Stage {
  index: number;
  /** Lower-cased `AS` name. */
  name: string | undefined;
  from: DInstruction;
  /** The image token as written. */
  imageArg: DArg | undefined;
  /** Image reference with global ARG defaults substituted; undefined if a variable stays unresolved. */
  image: string | undefined;
  /** The earlier stage this one is built `FROM`, if any. */
  parent: Stage | undefined;
  instructions: DInstruction[];
}

/** A script whose offsets are offsets of the Dockerfile text. */
export interface MappedScript extends ShellScript {
  /** The script as the shell sees it (continuations and comment lines removed). */
  source: string;
}

export interface DockerfileModel {
  text: string;
  lines: LineIndex;
  eol: '\n' | '\r\n';
  escapeChar: string;
  instructions: DInstruction[];
  stages: Stage[];
  /** Stages by lower-cased `AS` name, the first of each name. */
  stagesByName: Map<string, Stage>;
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, string | undefined>;
}

// Linting and the index summary parse the same text right after each other: keep the last model.
let lastParsed: { text: string; model: DockerfileModel } | undefined;

export function parseDockerfile(text: string): DockerfileModel {
  if (lastParsed?.text === text) return lastParsed.model;
  const model = parseDockerfileText(text);
  if (isCaching()) lastParsed = { text, model };
  return model;
}

/**
 * Instructions of one chunk (see chunks.ts), in offsets of the chunk, by escape character and chunk text. Each
 * entry keeps its own copy of the text as its key (see `detached`): a chunk edited away is then no longer
 * holding the file version it was cut from.
 */
const chunkCache = new Map<string, Map<string, { key: string; instructions: DInstruction[] }>>();
/** Enough for several open 10,000-line files (~600 stages each); least recently used chunks go first. */
const CHUNK_CACHE_LIMIT = 5000;
/** On a placed instruction: the chunk instruction it is a copy of, and by how much it was shifted. */
const ORIGIN = Symbol('origin');
type Placed = DInstruction & { [ORIGIN]?: { chunk: DInstruction; shift: number } };

/** The whole file in one dockerfile-ast parse, without cuts: what the cut parse must equal (tests compare). */
export function parseDockerfileUncut(text: string): DockerfileModel {
  return parseDockerfileText(text, false);
}

function parseDockerfileText(text: string, cut = true): DockerfileModel {
  const lines = new LineIndex(text);
  const escapeChar = escapeCharOf(text);
  const model: DockerfileModel = {
    text,
    lines,
    eol: detectEol(text),
    escapeChar,
    instructions: [],
    stages: [],
    stagesByName: new Map(),
    globalArgs: new Map(),
  };
  // Each stage is parsed alone and cached by its text: an edit re-parses one stage, not the file.
  const cuts = (cut && stageCuts(text, escapeChar)) || [0];
  let stage: Stage | undefined;
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i];
    const chunk = chunkInstructions(text.slice(start, cuts[i + 1] ?? text.length), escapeChar, i === 0);
    const reused = reusablePlacement(model, chunk, start, stage);
    const placement: Placement = reused ?? { shift: start, firstStageIndex: model.stages.length, entryStage: stage, instructions: [], stages: [] };
    for (let k = 0; k < chunk.length; k++) {
      const instr = reused ? reused.instructions[k] : place(chunk[k], start, stage);
      if (instr.keyword === 'FROM') {
        stage = reused ? instr.stage! : newStage(model, instr);
        instr.stage = stage;
        model.stages.push(stage);
        if (stage.name && !model.stagesByName.has(stage.name)) model.stagesByName.set(stage.name, stage);
        if (!reused) placement.stages.push(stage);
      } else if (stage) {
        if (!reused) stage.instructions.push(instr);
      } else if (instr.keyword === 'ARG') for (const p of instr.properties) model.globalArgs.set(p.name, p.value ?? undefined);
      if (!reused) placement.instructions.push(instr);
      model.instructions.push(instr);
    }
    if (!reused) placements.set(chunk, placement);
  }
  return model;
}

/**
 * How a chunk was last placed in a file. Stages before an edit keep their offsets: when such a chunk's
 * stage would come out the same (same position, same base image and parent stage), the stage and its
 * instructions are reused as they are, and what rules memoise per stage or instruction (scripts, users,
 * inherited instructions) is reused with them. Models never change after parsing, so sharing is safe.
 */
interface Placement {
  shift: number;
  firstStageIndex: number;
  entryStage: Stage | undefined;
  instructions: Placed[];
  stages: Stage[];
}
const placements = new WeakMap<DInstruction[], Placement>();

function reusablePlacement(model: DockerfileModel, chunk: DInstruction[], shift: number, entryStage: Stage | undefined): Placement | undefined {
  const last = placements.get(chunk);
  if (!last || last.shift !== shift || last.firstStageIndex !== model.stages.length || last.stages.length > 1) return undefined;
  // Instructions before the chunk's FROM belong to the stage the chunk continues.
  if (last.instructions[0]?.keyword !== 'FROM' && last.entryStage !== entryStage) return undefined;
  const stage = last.stages[0];
  if (stage) {
    const { image, parent } = stageBase(model, stage.imageArg);
    if (stage.image !== image || stage.parent !== parent) return undefined;
  }
  return last;
}

/** Parser directives are the comment lines at the top: parsing those alone gives the escape character. */
export function escapeCharOf(text: string): string {
  const header = /^\uFEFF?(?:[ \t]*#[^\r\n]*(?:\r?\n|$))*/.exec(text)![0];
  return header ? DockerfileParser.parse(header).getEscapeCharacter() : '\\';
}

function chunkInstructions(chunk: string, escapeChar: string, first: boolean): DInstruction[] {
  let cache = chunkCache.get(escapeChar);
  if (!cache) chunkCache.set(escapeChar, (cache = new Map()));
  let entry = cache.get(chunk);
  if (entry) {
    cache.delete(chunk); // re-inserted below: most recently used last
  } else {
    // Later chunks need the file's escape directive; the first one has it (and any BOM) itself.
    const prefix = first || escapeChar === '\\' ? '' : `# escape=${escapeChar}\n`;
    if (!isCaching()) return parseChunk(prefix + chunk, prefix.length);
    const key = detached(chunk);
    entry = { key, instructions: parseChunk(prefix + key, prefix.length) };
    if (cache.size >= CHUNK_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  cache.set(entry.key, entry);
  return entry.instructions;
}

function parseChunk(text: string, skip: number): DInstruction[] {
  const lines = new LineIndex(text);
  const ast = DockerfileParser.parse(text);
  const offset = (r: Range) => lines.offsetAt(r.start) - skip;
  const endOffset = (r: Range) => lines.offsetAt(r.end) - skip;
  const source = { slice: (start: number, end: number) => text.slice(start + skip, end + skip), escapeChar: ast.getEscapeCharacter() };
  return ast.getInstructions().map((node) => toInstruction(node, offset, endOffset, undefined, source));
}

/** A copy of a chunk's instruction in offsets of the file, in `stage`. */
function place(instr: DInstruction, shift: number, stage: Stage | undefined): Placed {
  const span = <T extends Span>(s: T): T => ({ ...s, start: s.start + shift, end: s.end + shift });
  const placed: Placed = {
    [ORIGIN]: { chunk: instr, shift },
    ...instr,
    start: instr.start + shift,
    end: instr.end + shift,
    keywordEnd: instr.keywordEnd + shift,
    argsStart: instr.argsStart + shift,
    args: instr.args.map(span),
    flags: instr.flags.map((f) => ({ ...span(f), valueStart: f.valueStart + shift, valueEnd: f.valueEnd + shift })),
    properties: instr.properties.map(span),
    heredocs: instr.heredocs.map((h) => ({ ...h, contentStart: h.contentStart + shift, contentEnd: h.contentEnd + shift })),
    stage,
  };
  if (instr.trigger) placed.trigger = { ...place(instr.trigger, shift, stage), onbuild: placed };
  return placed;
}

/** V8 copies shorter concatenations into a flat string at once. */
const SHORTEST_CONCATENATION = 13;

/**
 * dockerfile-ast builds values a character at a time: a 100-character word is a chain of 100 concatenations
 * (~3 KB), kept as long as the parse is cached. One flat copy instead.
 */
function ownValue<T extends string | null>(value: T): T {
  return (value === null || value.length < SHORTEST_CONCATENATION ? value : detached(value)) as T;
}

/**
 * The strings of an exec-form instruction as Docker reads them (moby/buildkit's parser): its lines joined, an escape
 * character ending a line continuing it and the comment and blank lines inside dropped, then the array decoded as
 * JSON. dockerfile-ast's own strings lose their blanks and mangle escapes (`"echo hello world"` gives
 * `echohelloworld`, `"\u0041"` gives `\0041`). Undefined when the text is no JSON array of strings.
 * `text` runs from the opening bracket to the closing one.
 */
function execFormStrings(text: string, escapeChar: string): string[] | undefined {
  const continued = new RegExp(`${escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*$`);
  let joined = '';
  for (const [k, raw] of text.split('\n').entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (k > 0 && /^\s*(?:#|$)/.test(line)) continue;
    if (!continued.test(line)) {
      joined += line;
      break;
    }
    joined += line.replace(continued, '');
  }
  try {
    const parsed: unknown = JSON.parse(joined);
    return Array.isArray(parsed) && parsed.every((w) => typeof w === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function toInstruction(
  node: Instruction,
  offset: (r: Range) => number,
  endOffset: (r: Range) => number,
  stage: Stage | undefined,
  source: { slice: (start: number, end: number) => string; escapeChar: string },
): DInstruction {
  const range = node.getRange();
  const flags =
    node instanceof ModifiableInstruction
      ? node.getFlags().map((f) => {
          const valueRange = f.getValueRange();
          return {
            name: f.getName().toLowerCase(),
            value: ownValue(f.getValue()),
            start: offset(f.getRange()),
            end: endOffset(f.getRange()),
            valueStart: valueRange ? offset(valueRange) : endOffset(f.getRange()),
            valueEnd: valueRange ? endOffset(valueRange) : endOffset(f.getRange()),
          };
        })
      : [];
  const args = node.getArguments().map((a) => ({ value: ownValue(a.getValue()), start: offset(a.getRange()), end: endOffset(a.getRange()) }));
  const opening = node instanceof JSONInstruction ? node.getOpeningBracket() : null;
  const closing = node instanceof JSONInstruction ? node.getClosingBracket() : null;
  // From the opening bracket to the closing one, else to the end (dockerfile-ast finds no closing bracket after a
  // comment line inside the array, which Docker drops).
  const jsonText = opening ? source.slice(offset(opening.getRange()), endOffset(closing ? closing.getRange() : range)) : undefined;
  const strings = jsonText === undefined ? undefined : execFormStrings(jsonText, source.escapeChar);
  const heredocs = heredocsOf(node);
  const argsRange = node.getArgumentsRange();
  const instr: DInstruction = {
    keyword: node.getKeyword().toUpperCase(),
    start: offset(range),
    end: endOffset(range),
    keywordEnd: endOffset(node.getInstructionRange()),
    args,
    argsStart: args[0]?.start ?? (argsRange ? endOffset(argsRange) : endOffset(node.getInstructionRange())),
    flags,
    properties:
      node instanceof PropertyInstruction
        ? node
            .getProperties()
            .map((p) => ({ name: ownValue(p.getName()), value: ownValue(p.getValue()), start: offset(p.getNameRange()), end: endOffset(p.getNameRange()) }))
        : [],
    // Docker runs a bracketed text that is no JSON array in shell form, and refuses an array of other than strings
    // (`[1]`): the parser's strings then, when it sees both brackets.
    json: strings ?? (opening && closing ? (node as JSONInstruction).getJSONStrings().map((s) => ownValue(s.getJSONValue())) : undefined),
    heredocs: heredocs.flatMap((h) => {
      const content = h.getContentRange();
      return content ? [{ name: h.getName(), contentStart: offset(content), contentEnd: endOffset(content) }] : [];
    }),
    stage,
  };
  // dockerfile-ast parses the trigger as an instruction over the ONBUILD's own text: its offsets are the file's.
  const trigger = node instanceof Onbuild ? node.getTriggerInstruction() : null;
  if (trigger && !REFUSED_TRIGGERS.has(trigger.getKeyword().toUpperCase()))
    instr.trigger = { ...toInstruction(trigger, offset, endOffset, stage, source), onbuild: instr };
  return instr;
}

/** Triggers Docker refuses to build (`ONBUILD ONBUILD`, `ONBUILD FROM`, `ONBUILD MAINTAINER`). */
const REFUSED_TRIGGERS = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/**
 * Rules that judge an instruction by its own text (a RUN's commands, an ADD's sources, an ENV's values) judge ONBUILD
 * triggers too: the list with each ONBUILD's trigger right after it. Stage-level rules (USER, consecutive RUNs, what
 * ships in this image) keep to the instructions themselves: a trigger runs in the build of a child image, not here.
 *
 * Judge triggers: sudo, cd-in-run, pipefail (no SHELL-line fix), add-instead-of-copy, version-pinning, package-cache
 * (triggers of the final image's stages), secret-in-env-arg (the trigger text is in the image config),
 * relative-workdir (from the WORKDIR the stage ends with). Do not: user-missing, user-root, user-numeric,
 * user-fixed-uid, copy-chown, chown-mismatch, chown-layer (they reason about this stage's USER and accounts, and a
 * trigger's files and users belong to the child), combine-run and update-alone (consecutive RUNs of this stage; a
 * trigger's neighbours are the child's), multi-stage (this file's stages), exec-form (a trigger CMD runs only if the
 * child sets none, under the child's ENTRYPOINT), image-tag and image-digest (FROM is no trigger), dockerignore (a
 * trigger COPY reads the child's build context).
 */
export function withTriggers(instructions: readonly DInstruction[]): readonly DInstruction[] {
  let list = triggerLists.get(instructions);
  if (!list) {
    list = instructions.some((i) => i.trigger) ? instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i])) : instructions;
    triggerLists.set(instructions, list);
  }
  return list;
}
const triggerLists = new WeakMap<readonly DInstruction[], readonly DInstruction[]>();

/**
 * The offset whose SHELL, WORKDIR and USER an instruction runs with: its own start; for an ONBUILD trigger, the end of
 * its stage (it runs first thing in the child's build, on the configuration this image ends with).
 */
export function stateOffset(instr: DInstruction): number {
  return instr.onbuild ? Number.POSITIVE_INFINITY : instr.start;
}

/** `RUN`, or `ONBUILD RUN` for a trigger: how messages name the instruction. */
export function keywordLabel(instr: DInstruction): string {
  return instr.onbuild ? `ONBUILD ${instr.keyword}` : instr.keyword;
}

/** A new stage for a FROM; the caller registers it (a later stage of the same name does not replace the first). */
function newStage(model: DockerfileModel, from: DInstruction): Stage {
  const [imageArg, as, nameArg] = from.args;
  const name = as && /^as$/i.test(as.value) && nameArg ? nameArg.value.toLowerCase() : undefined;
  return { index: model.stages.length, name, from, imageArg, ...stageBase(model, imageArg), instructions: [] };
}

/** The image a FROM names (global ARG defaults substituted) and the earlier stage of that name, if any. */
function stageBase(model: DockerfileModel, imageArg: DArg | undefined): { image: string | undefined; parent: Stage | undefined } {
  const image = imageArg ? substituteArgs(imageArg.value, model.globalArgs) : undefined;
  return { image, parent: image ? model.stagesByName.get(image.toLowerCase()) : undefined };
}

/** Replaces `$VAR`, `${VAR}`, `${VAR:-default}` by ARG defaults; undefined when one stays unknown. */
export function substituteArgs(value: string, vars: Map<string, string | undefined>): string | undefined {
  let unresolved = false;
  const out = value.replace(/\$(?:\{(\w+)(?::?([-+])([^}]*))?\}|(\w+))/g, (_m, braced, op, word, bare) => {
    const v = vars.get(braced ?? bare);
    if (op === '-' && !v) return word;
    if (op === '+') return v ? word : '';
    if (v === undefined) unresolved = true;
    return v ?? '';
  });
  return unresolved ? undefined : out;
}

/** The stage whose image runs: `settings.dockerTarget` when it names a stage, else the last one. */
export function targetStage(model: DockerfileModel, target: string | undefined): Stage | undefined {
  const named = target ? model.stages.find((s) => s.name === target.toLowerCase()) : undefined;
  return named ?? model.stages[model.stages.length - 1];
}

/** The stage and the stages it is built on, root first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.parent) chain.unshift(s);
  return chain;
}

// Rules ask for the same stage's chain many times; a model is never changed after parsing.
const chains = new WeakMap<Stage, readonly DInstruction[]>();

/** Instructions of a stage including those inherited from the stages it is built on. */
export function chainInstructions(stage: Stage): readonly DInstruction[] {
  let instructions = chains.get(stage);
  if (!instructions) {
    instructions = stageChain(stage).flatMap((s) => s.instructions);
    chains.set(stage, instructions);
  }
  return instructions;
}

/**
 * Windows base images, by repository (`mcr.microsoft.com/windows/nanoserver`) or by tag: Microsoft's multi-OS images
 * name the Windows variant in the tag (`dotnet/aspnet:8.0-nanoserver-ltsc2022`, `golang:1.22-windowsservercore`).
 */
export const WINDOWS_IMAGE =
  /(^|\/)(windows|servercore|nanoserver|windowsservercore)(\/|:|@|$)|mcr\.microsoft\.com\/windows|:([\w.]+[-_.])?(nanoserver|windowsservercore|servercore|windows|ltsc20\d\d)([-_.][\w.-]*)?(@|$)/i;

/** `cmd` and Windows PowerShell exist only on Windows (PowerShell on Linux is `pwsh`). */
const WINDOWS_SHELL = /(^|[\\/])(cmd|powershell)(\.exe)?$/i;

/**
 * Whether a stage builds a Windows image: its base image (through the stages it is built on), or a SHELL of cmd or
 * Windows PowerShell, or `pwsh` under the backtick escape directive the Docker docs recommend for Windows paths.
 */
export function runsOnWindows(model: DockerfileModel, stage: Stage): boolean {
  return shellsOf(model, stage).windows;
}

function posixShell(model: DockerfileModel, stage: Stage, before: number): boolean {
  const { windows, shells } = shellsOf(model, stage);
  if (windows) return false;
  const shell = shells.filter((i) => i.start < before).pop();
  return !shell?.json?.[0] || !/powershell|pwsh|cmd(\.exe)?$/i.test(shell.json[0]);
}

const stageShells = new WeakMap<Stage, { windows: boolean; shells: DInstruction[] }>();

/** Whether a stage runs on a Windows image, and the SHELL instructions of its chain (asked for every RUN). */
function shellsOf(model: DockerfileModel, stage: Stage): { windows: boolean; shells: DInstruction[] } {
  let found = stageShells.get(stage);
  if (!found) {
    const root = stageChain(stage)[0];
    const shells = chainInstructions(stage).filter((i) => i.keyword === 'SHELL');
    // Under `# escape=\`` (Docker's advice for Windows paths) a SHELL of `pwsh` says Windows too.
    const backtickPwsh = model.escapeChar === '`' && shells.some((s) => /^(pwsh|powershell)(\.exe)?$/i.test(s.json?.[0] ?? ''));
    const windowsShell = shells.some((s) => WINDOWS_SHELL.test(s.json?.[0] ?? ''));
    found = { windows: WINDOWS_IMAGE.test(root.image ?? '') || backtickPwsh || windowsShell, shells };
    stageShells.set(stage, found);
  }
  return found;
}

/** Scripts by chunk instruction, with the shift they were built at: unchanged stages keep theirs across edits. */
const scriptCache = new WeakMap<DInstruction, { script: MappedScript | null; shift: number }>();
const placedScripts = new WeakMap<DInstruction, MappedScript | null>();

/** The shell script of a shell-form RUN/CMD/ENTRYPOINT (heredoc bodies for `RUN <<EOF`). */
export function shellOf(model: DockerfileModel, instr: DInstruction): MappedScript | undefined {
  if (instr.json || instr.args.length === 0 || (instr.stage && !posixShell(model, instr.stage, stateOffset(instr)))) return undefined;
  let placed = placedScripts.get(instr);
  if (placed === undefined) {
    const origin = (instr as Placed)[ORIGIN];
    const key = origin?.chunk ?? instr;
    const shift = origin?.shift ?? 0;
    let cached = scriptCache.get(key);
    if (!cached) {
      cached = { script: buildScript(model, instr), shift };
      scriptCache.set(key, cached);
    }
    const { script } = cached;
    // (Object.assign, not a spread: a spread would map every offset of the script now.)
    placed = script && cached.shift !== shift ? Object.assign(shiftScript(script, shift - cached.shift), { source: script.source }) : script;
    placedScripts.set(instr, placed);
  }
  return placed ?? undefined;
}

function buildScript(model: DockerfileModel, instr: DInstruction): MappedScript | null {
  if (instr.heredocs.length > 0) {
    // `RUN <<EOF` runs the body; `RUN python3 <<EOF` feeds it to a program we do not look into.
    if (!instr.args[0].value.startsWith('<<')) return null;
    const scripts = instr.heredocs.map((h) => heredocScript(model.text, h.contentStart, h.contentEnd));
    return {
      parsed: scripts.every((s) => s.parsed),
      names: new Set(scripts.flatMap((s) => [...s.names])),
      commands: scripts.flatMap((s) => s.commands),
      chain: scripts.flatMap((s) => s.chain),
      pipes: scripts.flatMap((s) => s.pipes),
      source: scripts.map((s) => s.source).join('\n'),
    };
  }
  const { source, map } = logicalText(model, instr.argsStart, instr.end);
  return scriptThrough(source, map);
}

// The offset mappings below are closures cached with their scripts across edits: they are made in functions of
// their own, so that they do not hold `buildScript`'s context (its `model`, and with it a whole old version of the
// file and its parse).
function heredocScript(text: string, start: number, end: number): MappedScript {
  return mapScript(detached(text.slice(start, end)), (i) => start + i);
}

function scriptThrough(source: string, map: number[]): MappedScript {
  return mapScript(source, (i) => map[i]);
}

function mapScript(source: string, toOriginal: (i: number) => number): MappedScript {
  // An end maps to just after the original of the last character, not to what follows a continuation.
  const offsets = { start: toOriginal, end: (i: number) => (i === 0 ? toOriginal(0) : toOriginal(i - 1) + 1) };
  return Object.assign(parseShell(source, offsets), { source });
}

/**
 * The text the shell receives: escape-char line continuations joined and the comment or blank lines
 * inside them dropped, as the Docker frontend does. `map[i]` is the file offset of logical char `i`.
 */
export function logicalText(model: DockerfileModel, start: number, end: number): { source: string; map: number[] } {
  const { text, escapeChar } = model;
  const continuation = new RegExp(`\\${escapeChar}[ \\t]*\\r?\\n`, 'y');
  const skippable = /[ \t]*(#[^\n]*)?\r?\n/y;
  // Runs between continuations, joined once: adding a character at a time made a chain of thousands of
  // concatenations per script, kept with the cached script.
  const runs: string[] = [];
  const map: number[] = [];
  let runStart = start;
  for (let i = start; i < end;) {
    continuation.lastIndex = i;
    if (text[i] === escapeChar && continuation.test(text)) {
      runs.push(text.slice(runStart, i));
      i = continuation.lastIndex;
      for (skippable.lastIndex = i; i < end && skippable.test(text); skippable.lastIndex = i) i = skippable.lastIndex;
      runStart = i;
      continue;
    }
    map.push(i);
    i++;
  }
  runs.push(text.slice(runStart, end));
  map.push(end);
  // One run is a slice of the file: copied, or the cached script would hold this version of the file.
  return { source: runs.length === 1 ? detached(runs[0]) : runs.join(''), map };
}

export type { ShellCommand } from './shell';

/** dockerfile-ast throws on some continuation lines (`\` then a line starting `\#`): treat them as no heredoc. */
function heredocsOf(node: object): import('dockerfile-ast').Heredoc[] {
  if (!('getHeredocs' in node)) return [];
  try {
    return (node as { getHeredocs(): import('dockerfile-ast').Heredoc[] }).getHeredocs();
  } catch {
    return [];
  }
}
