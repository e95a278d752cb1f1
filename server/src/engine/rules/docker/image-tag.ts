import type { DockerContext } from '../../dockerfile/context';
import { parseImageRef } from '../../dockerfile/images';
import type { RuleModule } from '../../rule';

export const imageTag: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/image-tag',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'FROM without a tag or with `latest`.',
    rationale:
      'Seed 004, "Use a Specific Base Image": specific tags (ubuntu:22.04, python:3.11-slim) instead of latest keep builds reproducible and prevent unexpected behaviour changes when the base image is updated.',
    seeds: ['004'],
    fixable: false,
    category: 'hygiene',
    aliases: { hadolint: ['DL3006', 'DL3007'], checkov: ['CKV_DOCKER_7'], trivy: ['DS001'] },
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      const { imageArg, image } = stage;
      if (!imageArg || !image || stage.parent || image.toLowerCase() === 'scratch') continue;
      const ref = parseImageRef(image);
      if (ref.digest) continue;
      const shown = image === imageArg.value ? image : `${imageArg.value} (${image})`;
      if (ref.tag === undefined) {
        report({
          start: imageArg.start,
          end: imageArg.end,
          message: `FROM ${shown} has no tag, so it means latest; pin a version such as ${ref.name}:<version>.`,
        });
      } else if (ref.tag === 'latest') {
        report({ start: imageArg.start, end: imageArg.end, message: `FROM ${shown} uses the moving latest tag; pin a version.` });
      }
    }
  },
};
