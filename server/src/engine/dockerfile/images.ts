// Splitting an image reference (`registry:5000/name:tag@sha256:…`) into name, tag and digest.
export interface ImageRef {
  name: string;
  tag: string | undefined;
  digest: string | undefined;
}

export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.lastIndexOf(':');
  // A colon before the last `/` is a registry port, not a tag.
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  return { name: tag === undefined ? rest : rest.slice(0, colon), tag, digest };
}
