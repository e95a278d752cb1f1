import type { DockerContext } from '../../dockerfile/context';
import { parseImageRef } from '../../dockerfile/images';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
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
      const { imageArg } = stage;
      if (!imageArg || stage.parent) continue;
      const resolved = stage.image !== undefined ? { image: stage.image, empty: [] } : partlyResolved(model, stage);
      if (!resolved || resolved.image.toLowerCase() === 'scratch') continue;
      const { image, empty } = resolved;
      const ref = parseImageRef(image);
      if (ref.digest) continue;
      const why = empty.length > 0 ? `; no ARG before this FROM declares ${empty.join(', ')}, so it is empty` : '';
      const shown = image === imageArg.value ? image : `${imageArg.value} (${image}${why})`;
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

/**
 * Build arguments a FROM sees without an ARG declaring them: BuildKit's automatic platform arguments and the
 * predefined proxy ones (docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope).
 */
const PREDEFINED_ARGS = new Set([
  ...['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT'],
  ...['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((name) => [name, name.toLowerCase()]),
]);

/**
 * The image of a FROM that a variable leaves unresolved, when its tag is known all the same: a variable no ARG
 * declares before the FROM expands to nothing (BuildKit warns UndefinedArgInFrom), and one that may hold anything
 * but stands before the last `/` (`${REGISTRY}/ubuntu`) cannot reach the tag or digest. Undefined when it can.
 */
function partlyResolved(model: DockerfileModel, stage: Stage): { image: string; empty: string[] } | undefined {
  const written = stage.imageArg?.value ?? '';
  const declared = new Set<string>();
  for (const instr of model.instructions) {
    if (instr === stage.from) break;
    if (instr.keyword === 'ARG') for (const p of instr.properties) declared.add(p.name);
  }
  const empty: string[] = [];
  let unknownEnd = -1;
  let image = '';
  let last = 0;
  // The forms and the reading of `substituteArgs`, but for the variables it leaves unresolved.
  for (const m of written.matchAll(/\$(?:\{(\w+)(?::?([-+])([^}]*))?\}|(\w+))/g)) {
    const [, braced, op, word, bare] = m;
    const name = braced ?? bare;
    const value = model.globalArgs.get(name);
    image += written.slice(last, m.index);
    last = m.index + m[0].length;
    if (op === '-' && !value) image += word;
    else if (op === '+') image += value ? word : '';
    else if (value !== undefined) image += value;
    else if (declared.has(name) || PREDEFINED_ARGS.has(name)) {
      image += m[0];
      unknownEnd = image.length;
    } else if (!empty.includes(name)) empty.push(name);
  }
  image += written.slice(last);
  // Nothing left (`FROM $UNDECLARED`): the build fails, there is no image to judge.
  if (image === '' || image.includes('@') || unknownEnd > image.lastIndexOf('/')) return undefined;
  // Resolved to the name of an earlier stage: that stage, not an image.
  if (unknownEnd < 0 && model.stages.some((s) => s.index < stage.index && s.name === image.toLowerCase())) return undefined;
  return { image, empty };
}
