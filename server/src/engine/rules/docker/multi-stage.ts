import type { DockerContext } from '../../dockerfile/context';
import { shellOf, type ShellCommand } from '../../dockerfile/model';
import type { RuleModule } from '../../rule';

const COMPILERS = new Set(['mvn', 'mvnw', 'gradle', 'gradlew', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'make', 'cmake', 'javac', 'dotnet']);
/** Package managers' remove commands: a RUN that installs, builds and removes its toolchain in one layer is fine. */
const TOOLCHAIN_REMOVAL = /\b(apt-get|apt) (-\S+ )*(purge|remove|autoremove)\b|\bapk del\b|\b(dnf|yum|microdnf) (-\S+ )*remove\b/;

export const multiStage: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/multi-stage',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'A single-stage build runs a build toolchain (npm/yarn build, go build, mvn, gradle, cargo, gcc, make).',
    rationale:
      'Seed 004, "Multistage Builds": build in a builder stage with all the tools and dependencies, then copy only the artifacts into a final stage with just the runtime; the image gets smaller and has less attack surface.',
    seeds: ['004'],
    fixable: false,
    category: 'hygiene',
  },
  check({ model }, report) {
    if (model.stages.length !== 1) return;
    for (const run of model.stages[0].instructions) {
      if (run.keyword !== 'RUN') continue;
      const script = shellOf(model, run);
      if (!script || TOOLCHAIN_REMOVAL.test(script.source)) continue;
      const build = script.commands.find(isBuild);
      if (!build) continue;
      // The command as one line, line continuations out, cut short: `make -j "$nproc" …`.
      const line = model.text
        .slice(build.start, build.end)
        .replace(/\\\r?\n/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      const text = line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED).trimEnd()} …` : line;
      report({
        start: build.start,
        end: build.end,
        message: `${text} builds in the only stage, so the toolchain ships in the image; build in a builder stage and COPY --from it.`,
      });
      return;
    }
  },
};

/** How much of the build command a message quotes. */
const MAX_QUOTED = 40;

const BUILDERS = new Set([...COMPILERS, 'npm', 'yarn', 'pnpm', 'go', 'cargo']);

/** Flags that make a toolchain print its version or usage and exit (`javac --version`, `mvn -v`, `gcc -dumpversion`). */
const VERSION_OR_HELP = /^(--?(version|help|h|v|V)|-(help|dumpversion|dumpmachine|showversion)|\/\?)$/;

function isBuild(c: ShellCommand): boolean {
  if (!BUILDERS.has(c.name)) return false;
  // A smoke test of the installed toolchain builds nothing.
  if (c.args.length > 0 && c.args.every((a) => a.value !== undefined && VERSION_OR_HELP.test(a.value))) return false;
  const [first, second] = c.args.map((a) => a.value);
  if (COMPILERS.has(c.name)) return c.name !== 'dotnet' || first === 'build' || first === 'publish';
  if (['npm', 'yarn', 'pnpm'].includes(c.name)) return first === 'build' || (first === 'run' && /^build/.test(second ?? ''));
  if (c.name === 'go' || c.name === 'cargo') return first === 'build' || first === 'install';
  return false;
}
