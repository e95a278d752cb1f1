import type { DockerContext } from '../../dockerfile/context';
import type { RuleModule } from '../../rule';

/** Names that hold a secret; `_FILE`/`_PATH`-style names point at one and are fine. */
const SECRET = /(^|_)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIALS?|AUTH)($|_)/i;
const POINTER = /_(FILE|PATH|DIR|URL|URI|ENDPOINT|NAME|ID|HOST|PORT|USER|USERNAME|TYPE|MODE)$/i;

export const secretInEnvArg: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/secret-in-env-arg',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'ENV or ARG whose name looks like a secret.',
    rationale:
      'Seed 004, "Avoid Storing Secrets in Dockerfile": values of ENV and ARG are stored in the image layers and its history, where anyone who can pull the image reads them; use build secrets (RUN --mount=type=secret) or runtime Kubernetes Secrets.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { hadolint: ['DL3064'] },
  },
  check({ model }, report) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      for (const p of instr.properties) {
        if (!SECRET.test(p.name) || POINTER.test(p.name)) continue;
        report({
          start: p.start,
          end: p.end,
          message: `${instr.keyword} ${p.name} looks like a secret; ${instr.keyword} values stay in the image history, so pass it with RUN --mount=type=secret or at run time.`,
        });
      }
    }
  },
};
