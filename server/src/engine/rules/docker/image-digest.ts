import type { DockerContext } from '../../dockerfile/context';
import { parseImageRef } from '../../dockerfile/images';
import type { RuleModule } from '../../rule';

export const imageDigest: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/image-digest',
    language: 'dockerfile',
    defaultSeverity: 'off',
    description: 'FROM not pinned by digest (opt-in).',
    rationale:
      'Seed 004 pins base images so that builds are reproducible; a tag can still be re-pushed, only a digest (`@sha256:…`) names exactly one image. Off by default because digests need a bot to keep them updated.',
    seeds: ['004'],
    fixable: false,
    category: 'security',
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      const { imageArg, image } = stage;
      if (!imageArg || !image || stage.parent || image.toLowerCase() === 'scratch') continue;
      if (parseImageRef(image).digest) continue;
      report({ start: imageArg.start, end: imageArg.end, message: `FROM ${image} is not pinned by digest; append @sha256:<digest>.` });
    }
  },
};
