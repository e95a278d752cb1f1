// A container's `image`, read once for the image rules (tag, digest, pull policy): the text as written, its node
// for the finding's range, and its parts (parsed by the same code as a Dockerfile's FROM).
import { Scalar } from 'yaml';
import { parseImageRef, type ImageRef } from '../dockerfile/images';
import { scalarAt, stringAt } from '../yaml/nodes';
import { isTemplated } from '../yaml/templates';
import type { Container } from './model';

export interface ContainerImage {
  /** As written, trimmed. */
  text: string;
  node: Scalar;
  ref: ImageRef;
}

/**
 * The container's image; undefined when absent, templated (`{{ .Values.image }}`), built from an environment
 * variable (`$(REGISTRY)/app`) or a ko build reference (`ko://github.com/org/repo/cmd/app`, which `ko resolve` and
 * `ko apply` replace with the digest of the image they push): what reaches the cluster is not written here, so the
 * image rules say nothing.
 */
export function containerImage(container: Container): ContainerImage | undefined {
  const image = stringAt(container.node, 'image');
  const node = scalarAt(container.node, 'image');
  if (!image || !node || isTemplated(image) || image.includes('$(') || image.trim().startsWith('ko://')) return undefined;
  const text = image.trim();
  return text ? { text, node, ref: parseImageRef(text) } : undefined;
}

/**
 * Where the tag of the image (without a digest) is in `text`, the document's text: the characters after the name's
 * `:`, so that an editor underlines `latest`, and a Helm chart's finding lands on the values line that sets the tag.
 * Undefined when the scalar's text is not its value as written (escapes, folded lines): offsets would be wrong.
 */
export function tagSpan(image: ContainerImage, text: string): { start: number; end: number } | undefined {
  const { node, ref } = image;
  if (ref.tag === undefined || ref.digest !== undefined || !node.range) return undefined;
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (!quoted && node.type !== Scalar.PLAIN) return undefined;
  const start = node.range[0] + (quoted ? 1 : 0);
  const written = text.slice(start, node.range[1] - (quoted ? 1 : 0));
  if (written !== node.value) return undefined;
  const end = start + written.trimEnd().length;
  return { start: end - ref.tag.length, end };
}
