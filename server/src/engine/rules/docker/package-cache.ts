import type { DockerContext } from '../../dockerfile/context';
import { continuation } from '../../dockerfile/edits';
import { chainInstructions, shellOf, stageChain, type DInstruction, type ShellCommand } from '../../dockerfile/model';
import type { RawFinding, RawFix, RuleModule } from '../../rule';
import type { FixKind } from '../../types';

const APT_LISTS = /rm\s+(-\S+\s+)*\S*\/var\/lib\/apt\/lists/;

export const packageCache: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/package-cache',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description:
      'pip install without --no-cache-dir, apt-get install without --no-install-recommends or without removing /var/lib/apt/lists, apk add without --no-cache.',
    rationale:
      'Seed 000 installs with `pip install --no-cache-dir`; seed 004: smaller images have a reduced attack surface and download faster. Package caches and recommended extras end up in the layer for nothing.',
    seeds: ['000', '004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      safe: '--no-cache-dir, apk --no-cache and removing the apt lists leave the installed packages as they are.',
      suggestion: '--no-install-recommends leaves out packages the software may need.',
    },
    aliases: { hadolint: ['DL3009', 'DL3015', 'DL3019', 'DL3042'] },
  },
  check({ model, finalStage }, report) {
    if (!finalStage) return;
    // Only the stages the final image is built on: a builder stage's caches are thrown away.
    const envPipNoCache = chainInstructions(finalStage).some((i) => i.keyword === 'ENV' && i.properties.some((p) => p.name === 'PIP_NO_CACHE_DIR'));
    for (const stage of stageChain(finalStage)) {
      for (const run of stage.instructions) {
        if (run.keyword !== 'RUN' || hasCacheMount(run)) continue;
        const script = shellOf(model, run);
        if (!script) continue;
        const firstInstall = script.commands.find(isAptInstall);
        for (const c of script.commands) {
          const findings = [
            pipWithoutNoCache(c, envPipNoCache),
            aptWithoutNoRecommends(c),
            c === firstInstall && !APT_LISTS.test(script.source) ? aptListsKept(c, run, continuation(model)) : undefined,
            apkWithoutNoCache(c, script.source),
          ];
          for (const finding of findings) if (finding) report(finding);
        }
      }
    }
  },
};

function hasCacheMount(run: DInstruction): boolean {
  return run.flags.some((f) => f.name === 'mount' && /type=cache/.test(f.value ?? ''));
}

function values(c: ShellCommand): string[] {
  return c.args.map((a) => a.value ?? '');
}

/** Inserts ` flag` right after the subcommand word (`install`, `add`). */
function addAfter(c: ShellCommand, subcommand: string, flag: string, kind: FixKind): RawFix[] {
  const word = c.args.find((a) => a.value === subcommand)!;
  return [{ title: `Add ${flag}`, kind, edits: [{ start: word.end, end: word.end, newText: ` ${flag}` }] }];
}

function pipWithoutNoCache(c: ShellCommand, envSet: boolean): RawFinding | undefined {
  if (envSet || !/^(pip|python)[\d.]*$/.test(c.name)) return undefined;
  const args = values(c);
  if (c.name.startsWith('python') && !(args[0] === '-m' && args[1] === 'pip')) return undefined;
  if (!args.includes('install') || args.includes('--no-cache-dir')) return undefined;
  return { start: c.start, end: c.end, message: 'pip install without --no-cache-dir keeps the download cache in the layer; add --no-cache-dir.', fixes: addAfter(c, 'install', '--no-cache-dir', 'safe') };
}

function isAptInstall(c: ShellCommand): boolean {
  return (c.name === 'apt-get' || c.name === 'apt') && values(c).includes('install');
}

function aptWithoutNoRecommends(c: ShellCommand): RawFinding | undefined {
  if (!isAptInstall(c) || values(c).some((v) => v === '--no-install-recommends' || /APT::Install-Recommends=(false|0)/i.test(v))) return undefined;
  return {
    start: c.start,
    end: c.end,
    message: `${c.name} install without --no-install-recommends also installs recommended packages; add --no-install-recommends.`,
    fixes: addAfter(c, 'install', '--no-install-recommends', 'suggestion'),
  };
}

function aptListsKept(c: ShellCommand, run: DInstruction, separator: string): RawFinding {
  const end = run.args[run.args.length - 1].end;
  return {
    start: c.start,
    end: c.end,
    message: `${c.name} install leaves the package lists in /var/lib/apt/lists in the layer; end the RUN with rm -rf /var/lib/apt/lists/*.`,
    fixes: run.heredocs.length ? [] : [{ title: 'Remove /var/lib/apt/lists/* in the same RUN', kind: 'safe', edits: [{ start: end, end, newText: `${separator}&& rm -rf /var/lib/apt/lists/*` }] }],
  };
}

function apkWithoutNoCache(c: ShellCommand, source: string): RawFinding | undefined {
  if (c.name !== 'apk') return undefined;
  const args = values(c);
  if (!args.includes('add') || args.includes('--no-cache') || /\/var\/cache\/apk/.test(source)) return undefined;
  return { start: c.start, end: c.end, message: 'apk add without --no-cache keeps the package index in the layer; add --no-cache.', fixes: addAfter(c, 'add', '--no-cache', 'safe') };
}
