import type { DockerContext } from '../../dockerfile/context';
import { shellOf, withTriggers } from '../../dockerfile/model';
import { joinPath, pathContains, workdirAt } from '../../dockerfile/paths';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import type { RuleModule } from '../../rule';

/** `..`, `../..`: up from the folder of an earlier cd. */
const UP = /^\.\.(\/\.\.)*\/?$/;

/**
 * A folder as the RUN's shell sees it: `path` under `/`, or under `base`, the expansion a word starts with
 * (`$tempDir`), a folder only the shell knows.
 */
interface Folder {
  base?: string;
  path: string;
}

/** Where a cd or rm operand leads from `cwd`; undefined when that cannot be told. */
function resolve(text: string, word: ShellWord, cwd: Folder | undefined): Folder | undefined {
  // Quotes only group an expansion's word: `"$tempDir"` and `$tempDir` name the same folder.
  const raw = word.value ?? text.slice(word.start, word.end).replace(/["']/g, '');
  if (raw.startsWith('/')) return { path: joinPath('/', raw) };
  if (/^[$`~]/.test(raw)) {
    const slash = raw.includes('/') ? raw.indexOf('/') : raw.length;
    return { base: raw.slice(0, slash), path: joinPath('/', raw.slice(slash)) };
  }
  // Relative: from the folder the RUN is in there; `..` above a folder only the shell knows is unknown.
  if (!cwd || (cwd.base !== undefined && /(^|\/)\.\.(\/|$)/.test(raw))) return undefined;
  return { base: cwd.base, path: joinPath(cwd.path, raw) };
}

/** The folder operand of a cd (options skipped; `-` is the previous folder). */
function targetOf(cd: ShellCommand): ShellWord | undefined {
  return cd.args.find((a) => a.value === undefined || !/^-[LPe@]*$|^--$/.test(a.value) || a.value === '-');
}

/** Whether an `rm` after `from` removes `folder` or a folder above it (never `/` itself). */
function removedLater(text: string, commands: ShellCommand[], cwds: Map<ShellCommand, Folder | undefined>, from: number, folder: Folder): boolean {
  return commands.some(
    (c) =>
      c.name === 'rm' &&
      c.start >= from &&
      c.args.some((a) => {
        if (a.value?.startsWith('-')) return false;
        const removed = resolve(text, a, cwds.get(c));
        if (!removed || removed.base !== folder.base) return false;
        return !(removed.base === undefined && removed.path === '/') && pathContains(removed.path, folder.path);
      }),
  );
}

/** Whether a variable the path uses is assigned in the RUN's script (`X=…`, `export X=…`, `for X in`, `read X`). */
function setInRun(source: string, written: string): boolean {
  return [...written.matchAll(/\$\{?([A-Za-z_]\w*)/g)].some(([, name]) =>
    new RegExp(`(^|[\\s;&|(\`])(${name}=|for\\s+${name}\\s|read\\s+(-\\w+\\s+)*${name}\\b)`).test(source),
  );
}

export const cdInRun: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/cd-in-run',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'A RUN changes directory with cd where WORKDIR belongs.',
    rationale:
      'A `cd` lasts for one RUN only, so later instructions silently run elsewhere, and a failed `cd` in a chain ' +
      'without `set -e` runs the rest in the wrong folder. WORKDIR states the folder once, for every following ' +
      'instruction (hadolint DL3003). Info: a `cd` into a temporary build folder is often deliberate.',
    seeds: ['004'],
    fixable: false,
    category: 'hygiene',
    aliases: { hadolint: ['DL3003'], trivy: ['DS013'] },
  },
  check({ model }, report) {
    // ONBUILD RUN triggers too, from the WORKDIR the stage ends with (where a child's build starts).
    for (const run of withTriggers(model.instructions)) {
      if (run.keyword !== 'RUN') continue;
      const script = shellOf(model, run);
      const commands = script?.commands ?? [];
      const lastEnd = Math.max(...commands.map((c) => c.end));
      // The folder the shell is in at each command, from the WORKDIR and the cds before it (`cd -` and a bare
      // `cd` go where this cannot tell; a WORKDIR with variables is not known either).
      const workdir = run.stage ? workdirAt(run.stage, run) : '/';
      const cwds = new Map<ShellCommand, Folder | undefined>();
      const into = new Map<ShellCommand, Folder | undefined>();
      let cwd: Folder | undefined = workdir.includes('$') ? undefined : { path: workdir };
      for (const command of commands) {
        cwds.set(command, cwd);
        if (command.name !== 'cd') continue;
        const target = targetOf(command);
        cwd = target && target.value !== '-' ? resolve(model.text, target, cwd) : undefined;
        into.set(command, cwd);
      }
      let changed = false;
      for (const command of commands) {
        if (command.name !== 'cd') continue;
        const target = targetOf(command);
        // `cd /` or `cd ..` after another cd of the RUN, or `cd /` as its last command, returns from a temporary
        // build folder: no later instruction is meant to run there, and WORKDIR / would say nothing.
        const back = target?.value === '/' || (target?.value !== undefined && UP.test(target.value));
        if (back && (changed || (target?.value === '/' && command.end >= lastEnd && commands.length > 1))) continue;
        changed = true;
        // The argument as written: `cd "$tempDir"` names a folder only the shell knows.
        const written = target ? model.text.slice(target.start, target.end) : '';
        // A folder the same RUN removes afterwards (`cd /usr/src/python; …; rm -rf /usr/src/python`) is a
        // temporary build folder, entered on purpose: no later instruction can run there.
        const folder = into.get(command);
        if (folder && removedLater(model.text, commands, cwds, command.end, folder)) continue;
        // `OPENSSL_PATH=…; cd "$OPENSSL_PATH"`: WORKDIR expands only ENV and ARG, never a variable of the RUN.
        if (script && setInRun(script.source, written)) continue;
        // `cd ..` names a folder relative to where the RUN is: WORKDIR .. would say nothing about it.
        const dir = target?.value && !/(^|\/)\.\.(\/|$)/.test(target.value) ? target.value : '<dir>';
        report({
          start: command.start,
          end: command.end,
          message: `cd${written ? ` ${written}` : ''} lasts only for this RUN: use ${run.onbuild ? 'ONBUILD WORKDIR' : 'WORKDIR'} ${dir} for the folder later instructions need.`,
        });
      }
    }
  },
};
