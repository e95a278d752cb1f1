import type { DockerContext } from '../../dockerfile/context';
import { copyOperands, isCopy } from '../../dockerfile/paths';
import type { RuleModule } from '../../rule';

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

export const dockerignore: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/dockerignore',
    language: 'dockerfile',
    defaultSeverity: 'info',
    description: 'COPY . / ADD . with no .dockerignore beside the Dockerfile.',
    rationale:
      'Seed 004, "Use .dockerignore": the file keeps unnecessary files and directories out of the build context; create it in the same directory as the Dockerfile and list what to exclude (node_modules, venv, .git). Without it `COPY . .` also copies .git and local secrets into the image.',
    seeds: ['004'],
    fixable: true,
    category: 'hygiene',
    fixKinds: {
      suggestion: 'A new .dockerignore leaves out files a COPY may need (.git for version stamps, for example).',
    },
  },
  check({ model, path, fs }, report) {
    // The directory keeps the path's own separator (`C:\\repo\\` on Windows hosts).
    const dir = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) || './';
    // BuildKit also reads `<Dockerfile name>.dockerignore` beside the Dockerfile.
    if (fs.exists(`${dir}.dockerignore`) || fs.exists(`${path}.dockerignore`)) return;
    for (const instr of model.instructions) {
      if (!isCopy(instr) || instr.flags.some((f) => f.name === 'from') || instr.json) continue;
      const source = instr.args.slice(0, -1).find((a) => /^\.\/?$/.test(a.value));
      if (!source || copyOperands(instr).sources.length === 0) continue;
      report({
        start: source.start,
        end: source.end,
        message: `${instr.keyword} . sends the whole build context, and there is no .dockerignore beside the Dockerfile; create one that excludes .git, node_modules and secrets.`,
        fixes: [{ title: 'Create .dockerignore', edits: [], createFiles: [{ path: `${dir}.dockerignore`, text: `${COMMON_ENTRIES.join('\n')}\n` }] }],
      });
      return;
    }
  },
};
