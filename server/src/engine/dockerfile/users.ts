// Who the image runs as: users and groups the RUN commands create (`adduser`, `useradd`, `addgroup`,
// `groupadd` in Debian, BusyBox and shadow-utils dialects), `USER` values resolved to `uid:gid`.
//
// GID assumption: a user created without an explicit group gets a user group whose GID equals its UID
// (what adduser/useradd do when that GID is free). A `--system`/`-S` user without a group option joins
// `nogroup` instead, so its GID is left unknown and the fixes write `USER <uid>` alone.
import { parseShell, type ShellCommand, type ShellWord } from './shell';
import { POSIX_SHELLS, programName } from './shell-instruction';
import { chainInstructions, shellOf, stageChain, type DInstruction, type DockerfileModel, type Stage } from './model';

export interface UserDecl {
  name: string;
  uid: number | undefined;
  gid: number | undefined;
  /** The command has a UID option, even one set from a variable (`-u $APP_UID`). */
  uidGiven: boolean;
  command: ShellCommand;
  instruction: DInstruction;
  /** The option spelling style the command already uses, to match it in fixes. */
  longOptions: boolean;
}

export interface Accounts {
  users: UserDecl[];
  groups: Map<string, number | undefined>;
}

export interface Owner {
  user: string;
  group: string | undefined;
  uid: number | undefined;
  gid: number | undefined;
}

interface OptionSpec {
  /** Short options taking a value. */
  short: string;
  /** Long options taking a value. */
  long: string[];
}

const SPECS: Record<string, OptionSpec> = {
  useradd: {
    short: 'bcdefgGkKpRPsuZ',
    long: [
      'base-dir',
      'comment',
      'home-dir',
      'expiredate',
      'inactive',
      'gid',
      'groups',
      'skel',
      'key',
      'password',
      'root',
      'prefix',
      'shell',
      'uid',
      'selinux-user',
      'btrfs-subvolume',
    ],
  },
  adduser: {
    short: 'hgsGkuk',
    long: [
      'home',
      'shell',
      'gecos',
      'comment',
      'uid',
      'gid',
      'ingroup',
      'firstuid',
      'lastuid',
      'firstgid',
      'lastgid',
      'conf',
      'add_extra_groups',
      'add-extra-groups',
      'extrausers',
    ],
  },
  groupadd: { short: 'gKpRP', long: ['gid', 'key', 'password', 'root', 'prefix', 'users'] },
  addgroup: { short: 'g', long: ['gid', 'conf', 'firstgid', 'lastgid'] },
};

export interface ParsedOptions {
  options: Map<string, { value: string | undefined; word: ShellWord }>;
  positionals: ShellWord[];
}

/**
 * getopt-style parsing of a command's words for the account tools above. `source` (the Dockerfile text) gives the
 * option of a word the shell expands (`--uid=$APP_UID`, `-u$UID`): set, with a value that is not a number.
 */
export function parseOptions(command: ShellCommand, source: string, spec: OptionSpec = SPECS[command.name]): ParsedOptions {
  const options = new Map<string, { value: string | undefined; word: ShellWord }>();
  const positionals: ShellWord[] = [];
  const words = command.args;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const v = word.value ?? optionPrefix(source.slice(word.start, word.end));
    if (v.startsWith('--') && v.length > 2) {
      const [name, inline] = splitOnce(v.slice(2), '=');
      const takes = spec.long.includes(name);
      options.set(name, { value: inline ?? (takes ? words[++i]?.value : undefined), word });
    } else if (v.startsWith('-') && v.length > 1) {
      for (let k = 1; k < v.length; k++) {
        const letter = v[k];
        if (spec.short.includes(letter)) {
          const rest = v.slice(k + 1);
          options.set(letter, { value: rest || words[++i]?.value, word });
          break;
        }
        options.set(letter, { value: undefined, word });
      }
    } else positionals.push(word);
  }
  return { options, positionals };
}

/**
 * The literal option part of a word the shell expands, its expansion kept as `$` (no number): `--uid=$APP_UID` gives
 * `--uid=$`, `-u"$UID"` gives `-u$`; `''` for a word that starts with an expansion (`$OPTS`, a name or anything).
 */
function optionPrefix(written: string): string {
  const match = /^(-{1,2}[A-Za-z][\w-]*=?)/.exec(written.replace(/^["']/, ''));
  return match ? `${match[1]}$` : '';
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function num(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function option(parsed: ParsedOptions, ...names: string[]): string | undefined {
  for (const n of names) if (parsed.options.has(n)) return parsed.options.get(n)!.value;
  return undefined;
}

function has(parsed: ParsedOptions, ...names: string[]): boolean {
  return names.some((n) => parsed.options.has(n));
}

export const USER_TOOLS = ['adduser', 'useradd'];
const GROUP_TOOLS = ['addgroup', 'groupadd'];
const ACCOUNT_TOOLS = [...USER_TOOLS, ...GROUP_TOOLS];

const accountsByStage = new WeakMap<Stage, Accounts>();

/**
 * Every `adduser`/`useradd` call that creates a user, in file order, over the stage and its parents, and
 * the groups created. Shared by the rules that ask (a model never changes): do not modify it.
 */
export function accountsOf(model: DockerfileModel, stage: Stage): Accounts {
  let accounts = accountsByStage.get(stage);
  if (!accounts) {
    accounts = collectAccounts(model, stage);
    accountsByStage.set(stage, accounts);
  }
  return accounts;
}

function collectAccounts(model: DockerfileModel, stage: Stage): Accounts {
  const accounts: Accounts = { users: [], groups: new Map() };
  for (const instr of chainInstructions(stage)) {
    if (instr.keyword !== 'RUN' || !mayCallAccountTool(model, instr)) continue;
    const script = shellOf(model, instr);
    if (!script || !ACCOUNT_TOOLS.some((tool) => script.names.has(tool))) continue;
    for (const command of script.commands) {
      if (GROUP_TOOLS.includes(command.name)) addGroup(accounts, command, model.text);
      else if (USER_TOOLS.includes(command.name)) {
        const user = userDecl(accounts, command, instr, model.text);
        if (user) accounts.users.push(user);
      }
    }
  }
  return accounts;
}

/**
 * Whether a RUN line may call useradd & co. Shell parsing is slow and its parser is most of the server's code
 * (loaded on first use): a line whose text, without quotes, backslashes and line continuations, names no
 * account tool cannot call one, and is not parsed for that.
 */
function mayCallAccountTool(model: DockerfileModel, instr: DInstruction): boolean {
  const end = Math.max(instr.end, ...instr.heredocs.map((heredoc) => heredoc.contentEnd));
  const text = model.text.slice(instr.start, end).replace(/[\\`]\r?\n|['"\\]/g, '');
  return ACCOUNT_TOOLS.some((tool) => text.includes(tool));
}

/** Accounts for a spec that names none (`uid`, `uid:gid`): resolveOwner reads nothing of them then. */
const NO_ACCOUNTS: Accounts = { users: [], groups: new Map() };
const NUMERIC_SPEC = /^\d+(:\d+)?$/;

/** The owner a USER or `--chown` spec names in a stage: its RUN lines are read for accounts only when a name must be resolved. */
export function ownerIn(spec: string, model: DockerfileModel, stage: Stage): Owner {
  return resolveOwner(spec, NUMERIC_SPEC.test(spec.trim()) ? NO_ACCOUNTS : accountsOf(model, stage), baseImageOf(stage));
}

/** The image a stage is ultimately built on (`FROM node:20 AS base` for `FROM base`): the one whose users it has. */
export function baseImageOf(stage: Stage): string | undefined {
  return stageChain(stage)[0].image;
}

function addGroup(accounts: Accounts, command: ShellCommand, source: string): void {
  const parsed = parseOptions(command, source);
  // `addgroup USER GROUP` adds a member to an existing group.
  if (parsed.positionals.length !== 1) return;
  const name = parsed.positionals[0].value;
  if (name) accounts.groups.set(name, num(option(parsed, 'g', 'gid')));
}

/** The user a command creates, or undefined when it only changes memberships. */
export function userDecl(accounts: Accounts, command: ShellCommand, instruction: DInstruction, source: string): UserDecl | undefined {
  const parsed = parseOptions(command, source);
  const isUseradd = command.name === 'useradd';
  const name = isUseradd ? parsed.positionals[parsed.positionals.length - 1]?.value : parsed.positionals[0]?.value;
  // Debian's `adduser USER GROUP` adds an existing user to a group.
  if (!name || (!isUseradd && parsed.positionals.length > 1)) return undefined;
  const uid = num(option(parsed, 'u', 'uid'));
  // BusyBox `adduser -g` is the GECOS field, not a group.
  const groupSpec = isUseradd ? option(parsed, 'g', 'gid') : option(parsed, 'gid', 'ingroup', 'G');
  const system = has(parsed, 'system', 'S', ...(isUseradd ? ['r'] : []));
  const noUserGroup = isUseradd && has(parsed, 'N', 'no-user-group');
  let gid: number | undefined;
  if (groupSpec !== undefined) gid = num(groupSpec) ?? accounts.groups.get(groupSpec);
  else if (has(parsed, 'group') || (!system && !noUserGroup)) gid = uid;
  const longOptions = [...parsed.options.values()].some((o) => o.word.value?.startsWith('--'));
  return { name, uid, gid, uidGiven: has(parsed, 'u', 'uid'), command, instruction, longOptions };
}

interface ImageUser {
  image: RegExp;
  user: string;
  uid: number;
  gid: number;
  /** The non-root user the image is meant to run as: what docker/user-missing offers. */
  runAs?: boolean;
}

/** Users every image of a kind ships with, for `USER nonroot` and friends; the first match wins. */
const IMAGE_USERS: ImageUser[] = [
  { image: /./, user: 'nobody', uid: 65534, gid: 65534 },
  { image: /distroless|chainguard|nonroot/, user: 'nonroot', uid: 65532, gid: 65532 },
  // docker-library/docker-node: `groupadd --gid 1000 node && useradd --uid 1000 --gid node`.
  { image: /(^|\/)node(:|@|$)/, user: 'node', uid: 1000, gid: 1000, runAs: true },
  // docker-library/php: www-data is 82 on Alpine (its Dockerfile creates it), 33 on Debian (base-passwd).
  { image: /(^|\/)php:[^@]*alpine/, user: 'www-data', uid: 82, gid: 82, runAs: true },
  { image: /(^|\/)php(:|@|$)/, user: 'www-data', uid: 33, gid: 33, runAs: true },
  // dotnet-docker: every .NET 8+ image creates app with APP_UID=1654 (`groupadd --gid=$APP_UID app`).
  { image: /^mcr\.microsoft\.com\/dotnet\/[\w-]+:([89]|[1-9]\d)\./, user: 'app', uid: 1654, gid: 1654, runAs: true },
];

/** The non-root user the stage's base image ships to run as (node's `node`, php's `www-data`, .NET's `app`). */
export function imageRunAsUser(stage: Stage): ImageUser | undefined {
  const image = baseImageOf(stage) ?? '';
  return IMAGE_USERS.find((k) => k.runAs && k.image.test(image));
}

/** Resolves `name[:group]` (USER or `--chown`) against the accounts the file creates. */
export function resolveOwner(spec: string, accounts: Accounts, image: string | undefined): Owner {
  const [user, group] = splitOnce(spec.trim(), ':');
  const declared = [...accounts.users].reverse().find((u) => u.name === user);
  const known = declared ? undefined : IMAGE_USERS.find((k) => k.user === user && k.image.test(image ?? ''));
  const uid = num(user) ?? (user === 'root' ? 0 : (declared?.uid ?? known?.uid));
  let gid: number | undefined;
  if (group !== undefined)
    gid = num(group) ?? (group === 'root' ? 0 : (accounts.groups.get(group) ?? (group === user ? (declared?.gid ?? known?.gid) : undefined)));
  else gid = num(user) !== undefined ? undefined : (declared?.gid ?? known?.gid);
  return { user, group, uid, gid };
}

export function isRoot(owner: Owner): boolean {
  return owner.user === 'root' || owner.uid === 0;
}

/** `uid:gid` (or `uid`) when the UID is known. */
export function numericOwner(owner: Owner): string | undefined {
  if (owner.uid === undefined) return undefined;
  return owner.gid === undefined ? `${owner.uid}` : `${owner.uid}:${owner.gid}`;
}

/** The owner to write in a fix: numeric when known, else the spelling the file used. */
export function ownerText(owner: Owner): string {
  return numericOwner(owner) ?? (owner.group === undefined ? owner.user : `${owner.user}:${owner.group}`);
}

/** The last `USER` instruction that applies at `offset` in a stage (inherited from parent stages too). */
export function userAt(stage: Stage, offset = Infinity): DInstruction | undefined {
  return chainInstructions(stage)
    .filter((i) => i.keyword === 'USER' && i.start < offset && i.args.length > 0)
    .pop();
}

/** The raw value of a USER instruction (`name[:group]`). */
export function userValue(instr: DInstruction): string {
  return instr.args.map((a) => a.value).join(' ');
}

/** Account commands that edit existing users and groups. */
const EDITORS = ['usermod', 'groupmod', 'gpasswd', 'adduser', 'addgroup', 'useradd', 'groupadd'];

/** The RUN commands of the chain that edit accounts, and whether a RUN writes /etc/passwd or /etc/group itself. */
export function accountCommands(model: DockerfileModel, stage: Stage) {
  const commands = [];
  let filesEdited = false;
  for (const run of chainInstructions(stage)) {
    if (run.keyword !== 'RUN') continue;
    const script = shellOf(model, run);
    if (!script) continue;
    if (/\/etc\/(passwd|group)\b/.test(script.source) && /\b(sed|echo|printf|tee|cat|cp|mv|ln|awk|perl)\b|>/.test(script.source)) filesEdited = true;
    if (EDITORS.some((name) => script.names.has(name))) commands.push(...script.commands.filter((c) => EDITORS.includes(c.name)));
  }
  return { commands, filesEdited };
}

/**
 * Why the ids the user was created with may not be its ids in the image: `usermod -u/-g` of the user, `groupmod -g`
 * of a group (its primary group may be that one), of the file's users and the image's own (`usermod -u 1001 node`), a RUN that edits /etc/passwd or /etc/group itself; undefined when
 * nothing does.
 */
export function idsChanged(model: DockerfileModel, stage: Stage, owner: Owner): string | undefined {
  if (owner.uid === undefined) return undefined;
  const { commands, filesEdited } = accountCommands(model, stage);
  for (const command of commands) {
    const values = command.args.map((a) => a.value);
    if (command.name === 'usermod') {
      const target = values[values.length - 1];
      const { options } = parseOptions(command, model.text, {
        short: 'cdefgGlLpRPsuZ',
        long: ['comment', 'home', 'expiredate', 'inactive', 'gid', 'groups', 'login', 'password', 'root', 'prefix', 'shell', 'uid', 'selinux-user'],
      });
      if ((target === owner.user || target === undefined) && ['u', 'uid', 'g', 'gid', 'l', 'login', 'o', 'non-unique'].some((o) => options.has(o)))
        return 'usermod';
    } else if (command.name === 'groupmod') {
      const { options } = parseOptions(command, model.text, { short: 'gnR', long: ['gid', 'new-name', 'root', 'prefix'] });
      if (['g', 'gid', 'n', 'new-name', 'o', 'non-unique'].some((o) => options.has(o))) return 'groupmod';
    }
  }
  return filesEdited ? 'a RUN editing /etc/passwd or /etc/group' : undefined;
}

/** Programs that run a command as another user, for an entrypoint that starts as root (`exec gosu redis "$@"`). */
const STEP_DOWN = /^(gosu|su-exec|setpriv)([-=]|$)/;

/**
 * How the image steps down from root at run time, when it shows: gosu, su-exec or setpriv installed, downloaded or
 * copied (`apt-get install gosu`, `wget -O /usr/local/bin/gosu`, `COPY --from=tianon/gosu /gosu …`) or run by
 * CMD/ENTRYPOINT, and `chroot --userspec`. The official redis, postgres, mysql and mongo images do so: their
 * entrypoint script, which the Dockerfile does not show, runs the server as the user it creates.
 */
export function stepDownTool(model: DockerfileModel, stage: Stage): string | undefined {
  for (const instr of chainInstructions(stage)) {
    if (!['RUN', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT'].includes(instr.keyword)) continue;
    // Shell parsing is slow (see mayCallAccountTool): a line that names no such tool is not parsed.
    const end = Math.max(instr.end, ...instr.heredocs.map((heredoc) => heredoc.contentEnd));
    if (!/gosu|su-exec|setpriv|userspec/.test(model.text.slice(instr.start, end))) continue;
    // An exec-form CMD or ENTRYPOINT through `sh -c`: the words of its script (`exec gosu app server`).
    const words =
      (instr.json && ['CMD', 'ENTRYPOINT'].includes(instr.keyword) ? argvsOf(model, instr).flat() : instr.json) ??
      (['COPY', 'ADD'].includes(instr.keyword)
        ? instr.args.map((a) => a.value)
        : (shellOf(model, instr)?.commands.flatMap((c) => c.words.map((w) => w.value)) ?? []));
    const names = words.filter((w) => w !== undefined).map(programName);
    const tool = names.map((n) => STEP_DOWN.exec(n)?.[1]).find((n) => n !== undefined);
    if (tool) return tool;
    if (names.includes('chroot') && names.some((n) => n.startsWith('--userspec'))) return 'chroot --userspec';
  }
  return switchUserTool(model, stage);
}

/**
 * Programs that run a command as the user an option or argument names (`sudo -u app …`, `su app -c …`,
 * `su -c … app`, `runuser -u app -- …`, `runuser app -c …`), as getopt reads their options: the letters and long
 * names that take a value, which of them names the user, whether a word that is no option ends them (sudo's command),
 * and whether the first such word is the user (su, runuser).
 */
const SWITCH_USER: Record<string, { label: string; short: string; long: string[]; user: string[]; stopAtCommand: boolean; userArgument: boolean }> = {
  sudo: {
    label: 'sudo -u',
    short: 'CDghpRrtTUu',
    long: ['close-from', 'chdir', 'group', 'host', 'prompt', 'chroot', 'role', 'type', 'command-timeout', 'other-user', 'user'],
    user: ['u', 'user'],
    stopAtCommand: true,
    userArgument: false,
  },
  su: {
    label: 'su',
    short: 'cgGsw',
    long: ['command', 'session-command', 'group', 'supp-group', 'shell', 'whitelist-environment'],
    user: [],
    stopAtCommand: false,
    userArgument: true,
  },
  runuser: {
    label: 'runuser',
    short: 'cgGsuw',
    long: ['command', 'session-command', 'group', 'supp-group', 'shell', 'whitelist-environment', 'user'],
    user: ['u', 'user'],
    stopAtCommand: false,
    userArgument: true,
  },
};

const ROOT_NAMES = new Set(['root', '0', '#0']);

/**
 * The program the container starts with that runs the rest as a user other than root: sudo with -u, su or runuser
 * with a user (not `su -c …` alone, nor sudo without -u: they run it as root). Only in the last ENTRYPOINT and CMD
 * of the chain, in `sh -c` scripts too: at build time (`RUN sudo -u app make`) they step down for that RUN only.
 */
function switchUserTool(model: DockerfileModel, stage: Stage): string | undefined {
  for (const argv of startCommands(model, stage, /\b(sudo|su|runuser)\b/)) {
    const at = argv.findIndex((w) => Object.prototype.hasOwnProperty.call(SWITCH_USER, programName(w)));
    if (at < 0) continue;
    const spec = SWITCH_USER[programName(argv[at])];
    const { options, positionals } = getopt(argv.slice(at + 1), spec.short, spec.long, spec.stopAtCommand);
    const named = spec.user.find((o) => options.has(o));
    const user = named !== undefined ? options.get(named) : spec.userArgument ? positionals.find((p) => p !== '-') : undefined;
    if (user !== undefined && !ROOT_NAMES.has(user)) return spec.label;
  }
  return undefined;
}

/** getopt over plain words; a word the shell expands (`$APP_USER`) is `$`, no option. */
function getopt(args: readonly string[], short: string, long: readonly string[], stopAtCommand: boolean) {
  const options = new Map<string, string | undefined>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const [name, inline] = splitOnce(word.slice(2), '=');
      options.set(name, inline ?? (long.includes(name) ? args[++i] : undefined));
    } else if (word.startsWith('-') && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        if (short.includes(word[k])) {
          options.set(word[k], word.slice(k + 1) || args[++i]);
          break;
        }
        options.set(word[k], undefined);
      }
    } else if (stopAtCommand) {
      positionals.push(...args.slice(i));
      break;
    } else positionals.push(word);
  }
  return { options, positionals };
}

/**
 * The commands the container starts: those of the last ENTRYPOINT and the last CMD of the chain, as word lists (a
 * word the shell expands is `$`), the script of an exec-form `sh -c` split into its commands. Only instructions whose
 * text matches `hint` are parsed (shell parsing is slow, see mayCallAccountTool).
 */
function startCommands(model: DockerfileModel, stage: Stage, hint: RegExp): string[][] {
  const chain = chainInstructions(stage);
  const argvs: string[][] = [];
  for (const keyword of ['ENTRYPOINT', 'CMD']) {
    const instr = chain.filter((i) => i.keyword === keyword).pop();
    if (!instr || !hint.test(model.text.slice(instr.start, instr.end))) continue;
    argvs.push(...argvsOf(model, instr));
  }
  return argvs;
}

function argvsOf(model: DockerfileModel, instr: DInstruction): string[][] {
  const words = (command: ShellCommand) => command.words.map((w) => w.value ?? '$');
  if (!instr.json) return shellOf(model, instr)?.commands.map(words) ?? [];
  const argv = instr.json;
  const c = argv.findIndex((w, k) => k > 0 && /^-[a-z]*c$/.test(w));
  if (POSIX_SHELLS.has(programName(argv[0] ?? '')) && c > 0 && argv[c + 1] !== undefined) return parseShell(argv[c + 1]).commands.map(words);
  return [argv];
}

/** systemd or SysV init run as PID 1: `/lib/systemd/systemd`, `/usr/sbin/init`, `init` (not s6-overlay's `/init`). */
const INIT = /^(?:(?:\/usr)?\/(?:s?bin|lib\/systemd)\/)?(?:systemd|init)$/;

/**
 * The init system the container runs as PID 1, which starts as root by design (it mounts, starts each service as
 * the user its unit or inittab names): the first program of the ENTRYPOINT, else of the CMD, `exec` skipped.
 */
export function initProgram(model: DockerfileModel, stage: Stage): string | undefined {
  const chain = chainInstructions(stage);
  const start = chain.filter((i) => i.keyword === 'ENTRYPOINT').pop() ?? chain.filter((i) => i.keyword === 'CMD').pop();
  if (!start || !/init|systemd/.test(model.text.slice(start.start, start.end))) return undefined;
  const argv = argvsOf(model, start)[0] ?? [];
  const program = argv[0] === 'exec' ? argv[1] : argv[0];
  return program !== undefined && INIT.test(program) ? program : undefined;
}

/** A variable the file uses for a user, and where. */
export interface UserVariable {
  /** As written: `${NB_UID}`. */
  spec: string;
  /** `COPY --chown`, `RUN`… */
  where: string;
  /** In the user part of a `--chown`, which Docker itself expands: the variable is set when the build gets there. */
  chown: boolean;
}

/** Names of user variables: jupyter's NB_USER and NB_UID, APP_UID… (not sudo's own SUDO_USER, SUDO_UID). */
const USER_VARIABLE = /^(?!SUDO_)[A-Za-z][A-Za-z0-9]*_(?:USER|UID|USERNAME)$/i;
const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * A variable naming a user that the file uses without defining it (no ARG or ENV in the chain, no global ARG): an
 * ENV of the base image, which then defines a user of its own and is meant to run as it (the Jupyter images' NB_UID,
 * NB_USER). The user part of a COPY/ADD `--chown` first (`--chown=${NB_UID}:${NB_GID}` gives `${NB_UID}`), else a
 * `…_USER`, `…_UID` or `…_USERNAME` variable anywhere (`/home/${NB_USER}`).
 */
export function baseImageUserVariable(model: DockerfileModel, stage: Stage): UserVariable | undefined {
  const chain = chainInstructions(stage);
  const defined = new Set(model.globalArgs.keys());
  for (const instr of chain) {
    if (!['ARG', 'ENV'].includes(instr.keyword)) continue;
    for (const p of instr.properties) defined.add(p.name);
    if (instr.args[0]) defined.add(instr.args[0].value.split('=')[0]);
  }
  const undefinedIn = (text: string) => [...text.matchAll(VARIABLE)].map((m) => m[1]).find((name) => !defined.has(name));
  for (const instr of chain) {
    const chown = instr.flags.find((f) => f.name === 'chown');
    if (!chown || !['COPY', 'ADD'].includes(instr.keyword)) continue;
    const user = model.text.slice(chown.valueStart, chown.valueEnd).split(':')[0];
    if (undefinedIn(user) !== undefined) return { spec: user, where: `${instr.keyword} --chown`, chown: true };
  }
  for (const instr of chain) {
    if (['ARG', 'ENV', 'FROM'].includes(instr.keyword)) continue;
    const end = Math.max(instr.end, ...instr.heredocs.map((h) => h.contentEnd));
    const name = [...model.text.slice(instr.start, end).matchAll(VARIABLE)].map((m) => m[1]).find((n) => USER_VARIABLE.test(n) && !defined.has(n));
    if (name !== undefined) return { spec: `\${${name}}`, where: instr.keyword, chown: false };
  }
  return undefined;
}
