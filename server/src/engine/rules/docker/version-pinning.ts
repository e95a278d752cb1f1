import type { DockerContext } from '../../dockerfile/context';
import { shellOf, withTriggers } from '../../dockerfile/model';
import {
  APK_VALUE_OPTIONS,
  APT_VALUE_OPTIONS,
  NPM_VALUE_OPTIONS,
  PIP_VALUE_OPTIONS,
  PIPX_VALUE_OPTIONS,
  isApkAdd,
  isAptInstall,
  isNpmInstall,
  isPipInstall,
  isPipxInstall,
  packagesAfter,
  wordValues,
} from '../../dockerfile/packages';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import type { RuleModule } from '../../rule';

interface Manager {
  /** How the install is spelled in the message (`apt-get install`). */
  label: (c: ShellCommand) => string;
  applies: (c: ShellCommand) => boolean;
  subcommands: readonly string[];
  valueOptions: ReadonlySet<string>;
  /** The operand names a package without a version (not a file, a path, a URL or a pinned spec). */
  unpinned: (spec: string) => boolean;
  how: string;
}

/** A path or a local package file: its version is the file's. */
const PATH = /^(\.{1,2}(\/|$)|\/|~\/)/;

const MANAGERS: Manager[] = [
  {
    // apt: `pkg=1.2-1`; `pkg/bookworm-backports` picks a release, not a version; `./x.deb` is a file.
    label: (c) => `${c.name} install`,
    applies: isAptInstall,
    subcommands: ['install'],
    valueOptions: APT_VALUE_OPTIONS,
    unpinned: (p) => !p.includes('=') && !PATH.test(p) && !/\.deb$/.test(p),
    how: '<package>=<version>',
  },
  {
    // apk: `pkg=1.2-r0`, `pkg~1.2`, `pkg>1.2`; `x.apk` is a file.
    label: () => 'apk add',
    applies: isApkAdd,
    subcommands: ['add'],
    valueOptions: APK_VALUE_OPTIONS,
    unpinned: (p) => !/[=~<>]/.test(p) && !PATH.test(p) && !/\.apk$/.test(p),
    how: '<package>=<version>',
  },
  {
    // pip: any version specifier (PEP 440: ==, >=, ~=, <, !=, ===), a direct reference (`pkg @ url`, VCS
    // `@ref`), a path, a URL or a local archive.
    label: (c) => (c.name.startsWith('python') ? `${c.name} -m pip install` : `${c.name} install`),
    applies: (c) => isPipInstall(c) && !wordValues(c).some((v) => /^(-c|--constraint)(=|$)|^-c./.test(v)),
    subcommands: ['install'],
    valueOptions: PIP_VALUE_OPTIONS,
    unpinned: pipUnpinned,
    how: '<package>==<version>',
  },
  {
    // pipx: the same requirement specifiers as pip (`black==24.3.0`); `--spec` names the source instead (not judged).
    label: () => 'pipx install',
    applies: isPipxInstall,
    subcommands: ['install'],
    valueOptions: PIPX_VALUE_OPTIONS,
    unpinned: pipUnpinned,
    how: '<package>==<version>',
  },
  {
    // npm: `name@1.2.3`, `@scope/name@^1`; `@latest` names no version; a path, a tarball or a git URL with `#ref`.
    label: (c) => `npm ${npmSubcommand(c)}`,
    applies: isNpmInstall,
    subcommands: ['install', 'i', 'add'],
    valueOptions: NPM_VALUE_OPTIONS,
    unpinned: npmUnpinned,
    how: '<package>@<version>',
  },
];

/** A pip requirement without a version; a VCS URL (`git+https://…/repo.git#egg=x`) without an `@ref` follows a branch. */
function pipUnpinned(p: string): boolean {
  const vcs = /^(?:git|hg|svn|bzr)\+[a-z]+:\/\/([^#]*)/i.exec(p);
  if (vcs) return !vcs[1].replace(/^[^/@]*@/, '').includes('@'); // `git@github.com` names the user, not a ref
  return !/[=<>~!@]/.test(p) && !p.includes('/') && !PATH.test(p) && !/\.(whl|zip|tar(\.gz|\.bz2|\.xz)?|tgz)$/i.test(p);
}

function npmSubcommand(c: ShellCommand): string {
  return wordValues(c).find((v) => ['install', 'i', 'add'].includes(v)) ?? 'install';
}

function npmUnpinned(spec: string): boolean {
  if (PATH.test(spec) || spec.startsWith('file:') || /\.(tgz|tar(\.gz)?)$/.test(spec)) return false;
  if (/^(git(\+\w+)?|https?|github|gitlab|bitbucket):/.test(spec) || /^[\w.-]+\/[\w.-]+(#|$)/.test(spec)) return !spec.includes('#');
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at < 0) return true;
  const version = spec.slice(at + 1);
  return version === '' || version === 'latest';
}

export const versionPinning: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/version-pinning',
    language: 'dockerfile',
    defaultSeverity: 'off',
    description: 'apt-get/apk/pip/npm installs packages without a version (opt-in).',
    rationale:
      'Seed 004 pins what the image is built from so that builds are reproducible: `apt-get install curl` installs ' +
      'whatever version the mirror has that day, so two builds of the same Dockerfile can differ (hadolint DL3008, ' +
      'DL3018, DL3013, DL3016). Off by default: pinned distribution packages disappear from the mirrors when ' +
      'they are superseded and then break the build, so pinning needs a bot or a routine to keep versions current.',
    seeds: ['004'],
    fixable: false,
    category: 'hygiene',
    aliases: { hadolint: ['DL3008', 'DL3018', 'DL3013', 'DL3016'] },
  },
  check({ model }, report) {
    // ONBUILD RUN triggers too: they install in every build FROM this image.
    for (const run of withTriggers(model.instructions)) {
      if (run.keyword !== 'RUN') continue;
      for (const c of shellOf(model, run)?.commands ?? []) {
        const manager = MANAGERS.find((m) => m.applies(c));
        if (!manager) continue;
        // Words with expansions (`$PACKAGES`) cannot be read: they are left alone.
        const packages = packagesAfter(c, manager.subcommands, manager.valueOptions);
        const unpinned = packages.filter(
          (w, i): w is ShellWord & { value: string } => w.value !== undefined && manager.unpinned(w.value) && w.value !== '@' && packages[i + 1]?.value !== '@',
        );
        if (!unpinned.length) continue;
        const names = unpinned.map((w) => w.value);
        report({
          start: unpinned[0].start,
          end: unpinned[unpinned.length - 1].end,
          message: `${manager.label(c)} without a version for ${names.join(', ')}: pin ${names.length > 1 ? 'each' : 'it'} as ${manager.how}.`,
        });
      }
    }
  },
};
