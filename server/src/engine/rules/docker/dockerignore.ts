import { isMap, isScalar, type Node } from 'yaml';
import { composeBuildsOf, type BuildPaths } from '../../compose/build';
import { isInterpolated } from '../../compose/model';
import type { DockerContext } from '../../dockerfile/context';
import { copyOperands, isCopy } from '../../dockerfile/paths';
import type { RuleModule } from '../../rule';
import type { HostFileSystem } from '../../types';
import { pairOf } from '../../yaml/nodes';

const COMMON_ENTRIES = [
  '# Keep the build context small and free of secrets (created by Harden, docker/dockerignore).',
  '.git',
  '.gitignore',
  '.dockerignore',
  '**/node_modules',
  '**/__pycache__',
  '**/*.pyc',
  '.venv',
  'venv',
  '.env',
  '.env.*',
  '*.log',
  '.idea',
  '.vscode',
  'coverage',
  'Dockerfile*',
  '*.Dockerfile',
];

interface BuildContext {
  /** The context folder with its trailing separator. */
  folder: string;
  /** The Compose file that gives it, if any. */
  composePath?: string;
}

/**
 * The build contexts the Compose files in the Dockerfile's folder and above it give the Dockerfile (`build.context`
 * with `build.dockerfile`); undefined when one of them cannot be told (a context a shell variable names).
 */
function composeContexts(path: string, fs: HostFileSystem): BuildContext[] | undefined {
  const contexts: BuildContext[] = [];
  for (const { build, composePath, contextDir } of composeBuildsOf(path, fs)) {
    // `context: ${APP_DIR}`: the shell may set another folder than `.env` says; only Compose knows it.
    if (isInterpolatedBuild(build)) return undefined;
    contexts.push({ folder: `${contextDir.replace(/\/$/, '')}/`, composePath });
  }
  return contexts;
}

/** Whether a `build:` names its context with a variable. */
function isInterpolatedBuild(build: BuildPaths): boolean {
  const node = isMap(build.node) ? (pairOf(build.node, 'context')?.value as Node | null) : build.node;
  return isScalar(node) && isInterpolated(String(node.value));
}

export const dockerignore: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/dockerignore',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'COPY . / ADD . with no .dockerignore in the build context.',
    rationale:
      'Seed 004, "Use .dockerignore": the file keeps unnecessary files and directories out of the build context; create it in the same directory as the Dockerfile and list what to exclude (node_modules, venv, .git). Without it `COPY . .` also copies .git and local secrets into the image. ' +
      'Docker reads `.dockerignore` at the root of the build context, or `<Dockerfile>.dockerignore` beside the Dockerfile. ' +
      "The contexts are those the Compose files in the Dockerfile's folder and above it give it (`build.context` and `build.dockerfile`); " +
      'when none builds it, its own folder is taken as the context. The fix creates `.dockerignore` in each context that lacks one.',
    seeds: ['004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      suggestion: 'A new .dockerignore leaves out files a COPY may need (.git for version stamps, for example).',
    },
  },
  check({ model, path, fs }, report) {
    // BuildKit reads `<Dockerfile name>.dockerignore` beside the Dockerfile instead of the context's, whatever the context.
    if (fs.exists(`${path}.dockerignore`)) return;
    for (const instr of model.instructions) {
      if (!isCopy(instr) || instr.flags.some((f) => f.name === 'from') || instr.json) continue;
      const source = instr.args.slice(0, -1).find((a) => /^\.\/?$/.test(a.value));
      if (!source || copyOperands(instr).sources.length === 0) continue;
      const composed = composeContexts(path, fs);
      if (!composed) return;
      // No Compose file builds it: its own folder is the assumed context (`docker build <folder>`), with the
      // path's own separator (`C:\\repo\\` on Windows hosts).
      const own: BuildContext = { folder: path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) || './' };
      const missing = (composed.length > 0 ? composed : [own]).filter((c) => !fs.exists(`${c.folder}.dockerignore`));
      if (missing.length === 0) return;
      const where = missing[0].composePath ? `in the build context ${missing[0].composePath.split('/').pop()} gives it` : 'beside the Dockerfile';
      const text = `${COMMON_ENTRIES.join('\n')}\n`;
      report({
        start: source.start,
        end: source.end,
        message: `${instr.keyword} . sends the whole build context, and there is no .dockerignore ${where}; create one that excludes .git, node_modules and secrets.`,
        fixes: [
          {
            title: 'Create .dockerignore',
            edits: [],
            createFiles: [...new Set(missing.map((c) => `${c.folder}.dockerignore`))].map((file) => ({ path: file, text })),
          },
        ],
      });
      return;
    }
  },
};
