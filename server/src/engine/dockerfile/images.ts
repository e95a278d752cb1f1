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

/** The name of a Docker Official Image (`postgres` for `docker.io/library/postgres:16`), else undefined. */
export function officialImageName(ref: string): string | undefined {
  const match = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?([a-z0-9][a-z0-9._-]*)$/.exec(parseImageRef(ref).name);
  return match?.[1];
}

/**
 * Official images whose docker-entrypoint.sh, run as root, chowns the data folder and then re-executes itself as the
 * service user (`exec gosu postgres "$BASH_SOURCE" "$@"`; su-exec on Alpine, setpriv in newer redis/couchdb), see
 * github.com/docker-library/<name>/blob/master/docker-entrypoint.sh. Not nginx/httpd (their master process stays
 * root) nor wordpress/php (apache drops privileges itself, not the entrypoint).
 */
const STEP_DOWN_ENTRYPOINT = new Set(['postgres', 'redis', 'mysql', 'mariadb', 'mongo', 'rabbitmq', 'cassandra', 'couchdb', 'zookeeper', 'ghost']);

export function entrypointStepsDown(ref: string): boolean {
  const name = officialImageName(ref);
  return name !== undefined && STEP_DOWN_ENTRYPOINT.has(name);
}
