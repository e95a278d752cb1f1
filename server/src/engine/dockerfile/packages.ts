// Package manager commands in RUN scripts (apt, apk, pip, npm): which command installs, and the operands it
// installs. Shared by docker/package-cache (caches), docker/version-pinning (versions) and docker/update-alone (indexes).
import type { DInstruction } from './model';
import type { ShellCommand, ShellWord } from './shell';

export function wordValues(c: ShellCommand): string[] {
  return c.args.map((a) => a.value ?? '');
}

/** Debian's package managers; aptitude spells the no-recommends flag `--without-recommends` (`-R`). */
export const APT_TOOLS: Record<string, { flag: string; also: string[] }> = {
  'apt-get': { flag: '--no-install-recommends', also: [] },
  apt: { flag: '--no-install-recommends', also: [] },
  aptitude: { flag: '--without-recommends', also: ['-R'] },
};

export function isAptInstall(c: ShellCommand): boolean {
  return c.name in APT_TOOLS && wordValues(c).includes('install');
}

export function isApkAdd(c: ShellCommand): boolean {
  return c.name === 'apk' && wordValues(c).includes('add');
}

/** `pip install`, `pip3 install`, `python3 -m pip install`. */
export function isPipInstall(c: ShellCommand): boolean {
  if (!/^(pip|python)[\d.]*$/.test(c.name)) return false;
  const args = wordValues(c);
  if (c.name.startsWith('python') && !(args[0] === '-m' && args[1] === 'pip')) return false;
  return args.includes('install');
}

/** `pipx install <packages>`: each in a venv of its own, from PyPI unless `--spec` names the source. */
export function isPipxInstall(c: ShellCommand): boolean {
  return c.name === 'pipx' && wordValues(c)[0] === 'install' && !wordValues(c).some((v) => /^--spec(=|$)/.test(v));
}

/** Options of `pipx install` that take the next word as their value. */
export const PIPX_VALUE_OPTIONS = new Set(['--suffix', '--python', '--pip-args', '--index-url', '-i', '--fetch-python']);

/** `npm install <packages>` (`i`, `add`); `npm ci` installs the lock file. */
export function isNpmInstall(c: ShellCommand): boolean {
  return c.name === 'npm' && ['install', 'i', 'add'].includes(firstOperand(c.args, NPM_VALUE_OPTIONS)?.value ?? '');
}

/**
 * Options that take the next word as their value, per tool (`--opt=value` needs no entry). An operand list
 * that skipped one of these wrongly would take its value for a package.
 */
export const APT_VALUE_OPTIONS = new Set(['-t', '--target-release', '--default-release', '-o', '--option', '-c', '--config-file']);
export const APK_VALUE_OPTIONS = new Set([
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '--repositories-file',
  '-p',
  '--root',
  '--arch',
  '--cache-dir',
  '--keys-dir',
]);
export const PIP_VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--proxy',
  '--trusted-host',
  '--upgrade-strategy',
  '--cache-dir',
  '--log',
  '--timeout',
  '--retries',
  '--cert',
  '--client-cert',
  '--exists-action',
  '-C',
  '--config-settings',
  '--global-option',
  '--report',
  '--python',
  '--root-user-action',
  '--use-feature',
  '--use-deprecated',
]);
export const NPM_VALUE_OPTIONS = new Set([
  '--prefix',
  '--registry',
  '--cache',
  '--omit',
  '--include',
  '--tag',
  '-w',
  '--workspace',
  '--loglevel',
  '--userconfig',
  '--location',
  '--before',
  '--install-strategy',
]);

function firstOperand(args: ShellWord[], valueOptions: ReadonlySet<string>): ShellWord | undefined {
  return operands(args, valueOptions)[0];
}

/** The words that are not options nor option values, in order (everything after `--` is an operand). */
export function operands(args: ShellWord[], valueOptions: ReadonlySet<string>): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') return [...out, ...args.slice(i + 1)];
    if (value !== undefined && /^-./.test(value)) {
      if (valueOptions.has(value)) i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

/**
 * The operands after the subcommand (`install`, `add`): the packages, as written. Words with expansions
 * (`$PACKAGES`) are included with an undefined value: callers skip what they cannot read.
 */
export function packagesAfter(c: ShellCommand, subcommands: readonly string[], valueOptions: ReadonlySet<string>): ShellWord[] {
  const words = operands(c.args, valueOptions);
  const at = words.findIndex((w) => w.value !== undefined && subcommands.includes(w.value));
  return at < 0 ? [] : words.slice(at + 1);
}

/** Where each package manager keeps what the findings are about; a cache or tmpfs mount there keeps it out of the layer. */
export const CACHE_DIRS = {
  pip: ['/root/.cache/pip', '~/.cache/pip'],
  apt: ['/var/lib/apt/lists'],
  apk: ['/var/cache/apk', '/etc/apk/cache'],
} as const;
export type CacheOwner = keyof typeof CACHE_DIRS;

/** A `--mount=type=cache|tmpfs` whose target is the manager's cache folder or a parent of it. */
export function cacheMounted(run: DInstruction, owner: CacheOwner): boolean {
  return run.flags.some((flag) => {
    if (flag.name !== 'mount' || !flag.value) return false;
    const options = new Map(flag.value.split(',').map((o) => o.split('=', 2) as [string, string | undefined]));
    if (!['cache', 'tmpfs'].includes(options.get('type') ?? 'bind')) return false;
    const target = (options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '').replace(/\/+$/, '');
    if (!target) return false;
    return CACHE_DIRS[owner].some((dir) => {
      // `~/.cache/pip`: the cache of whichever user runs pip, so any home's `.cache/pip` (or its parents down to `.cache`).
      if (dir.startsWith('~/')) return /(^|\/)\.cache(\/pip)?$/.test(target);
      return dir === target || dir.startsWith(`${target}/`);
    });
  });
}

/** `rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean` (apt 2.7.8+, Debian trixie), which removes the lists too. */
export const APT_LISTS = /rm\s+(-\S+\s+)*\S*\/var\/lib\/apt\/lists|\bapt(?:-get)?\s+(?:-\S+\s+)*dist-clean\b/;

/** apt-get(8): the subcommands that install what the package lists name. */
export const APT_INSTALLS: ReadonlySet<string> = new Set(['install', 'reinstall', 'build-dep', 'satisfy']);
/** apt-get(8): the subcommands that download what the lists name (installs, upgrades, sources); `update` refreshes them. */
export const APT_DOWNLOADS: ReadonlySet<string> = new Set([...APT_INSTALLS, 'upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade', 'source', 'download']);
/** apt(8)/apt-cache(8): the subcommands that only query the lists. */
export const APT_QUERIES: ReadonlySet<string> = new Set(['changelog', 'search', 'show', 'showsrc', 'policy', 'madison', 'list']);
