import type { DockerContext } from '../../dockerfile/context';
import { keywordLabel, stageChain, withTriggers } from '../../dockerfile/model';
import type { RuleModule } from '../../rule';
import { looksSecret, secretByName, secretInValue } from '../../secrets';

export const secretInEnvArg: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/secret-in-env-arg',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'ENV or ARG whose name looks like a secret, or whose value is a credential (private key, URL with a password, known token format).',
    rationale:
      'Seed 004, "Avoid Storing Secrets in Dockerfile": values of ENV and ARG are stored in the image layers and its history, where anyone who can pull the image reads them; use build secrets (RUN --mount=type=secret) or runtime Kubernetes Secrets.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
    aliases: { hadolint: ['DL3064'], trivy: ['DS031'] },
  },
  check({ model, finalStage }, report) {
    const imageStages = finalStage ? stageChain(finalStage) : [];
    // ONBUILD ENV/ARG triggers too: the trigger's text is in the image configuration, for anyone who pulls it.
    for (const instr of withTriggers(model.instructions)) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      // A builder stage's ARG is not in the final image's history; BuildKit still records build arguments in
      // max-mode provenance attestations (docs.docker.com/build/metadata/attestations/slsa-provenance/#max).
      const builderArg = instr.keyword === 'ARG' && instr.stage !== undefined && !imageStages.includes(instr.stage);
      const where = instr.onbuild
        ? `an ONBUILD trigger stays in the image configuration, and its values in the history of every image built on it`
        : builderArg
          ? 'a builder stage keeps it out of the final image, but build arguments still show in the build cache and max-mode provenance'
          : `${instr.keyword} values stay in the image history`;
      for (const p of instr.properties) {
        const format = p.value ? secretInValue(p.value) : undefined;
        // Without a value (`ARG NPM_TOKEN`) the name alone says a secret will be passed in.
        const byName = p.value ? secretByName(p.name, p.value) : looksSecret(p.name);
        if (!format && !byName) continue;
        report({
          start: p.start,
          end: p.end,
          message: format
            ? `${keywordLabel(instr)} ${p.name} holds ${format}; ${where}, so pass it with RUN --mount=type=secret or at run time.`
            : `${keywordLabel(instr)} ${p.name} looks like a secret; ${where}, so pass it with RUN --mount=type=secret or at run time.`,
        });
      }
    }
  },
};
