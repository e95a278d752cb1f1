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

/**
 * Hex digits of the digests a reference may carry (distribution/reference parses the reference, opencontainers/go-digest
 * validates its digest): any other algorithm is unsupported, and the hex must be lower case and exactly this long.
 */
const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why the digest after `@` is none a runtime accepts (the kubelet: InvalidImageName), or undefined when it is one. */
export function invalidDigest(digest: string): string | undefined {
  if (digest === '') return 'an empty digest after "@"';
  const colon = digest.indexOf(':');
  const algorithm = colon > 0 ? digest.slice(0, colon) : '';
  const length = DIGEST_HEX_LENGTHS[algorithm];
  if (length === undefined) return `a digest "${digest}" whose algorithm is none of sha256, sha384 or sha512`;
  const hex = digest.slice(colon + 1);
  return new RegExp(`^[0-9a-f]{${length}}$`).test(hex) ? undefined : `a digest "${digest}" that is not ${length} lower-case hexadecimal digits`;
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

/** A server whose parent process starts as root and runs its workers as another user, and how to run it non-root. */
export interface RootMasterServer {
  /** `nginx's master process`. */
  process: string;
  /** What it needs root for. */
  needs: string;
  /** The user its workers run as. */
  worker: string;
  /** How to run it as non-root instead. */
  instead: string;
}

/**
 * Official images whose server starts as root to bind port 80 (and write files only root may), then runs its workers
 * as an unprivileged user: under any USER, the image's own worker user included, the parent fails to start (nginx:
 * "bind() to 0.0.0.0:80 failed (13: Permission denied)", "mkdir() "/var/cache/nginx/client_temp" failed"). nginx,
 * httpd, and the Apache variants of php and wordpress (their default tags run apache2-foreground; not fpm nor cli).
 */
export function rootMasterServer(ref: string): RootMasterServer | undefined {
  const name = officialImageName(ref);
  const tag = parseImageRef(ref).tag ?? '';
  const otherPort = 'make it listen on a port above 1023 and give the user the files it writes, then set USER';
  if (name === 'nginx')
    return {
      process: "nginx's master process",
      needs: 'bind port 80 and write /var/cache/nginx and /var/run/nginx.pid',
      worker: 'nginx',
      // Same tags as nginx (1.27, 1.27-alpine, mainline…); listens on 8080, runs as nginx (UID 101).
      instead: `build FROM nginxinc/nginx-unprivileged${tag ? `:${tag}` : ''} (port 8080, UID 101)`,
    };
  if (name === 'httpd')
    return { process: "Apache httpd's parent process", needs: 'bind port 80 and write its logs and pid file', worker: 'daemon', instead: otherPort };
  if ((name === 'php' && /apache/.test(tag)) || (name === 'wordpress' && !/fpm|cli/.test(tag)))
    return { process: "Apache's parent process", needs: 'bind port 80', worker: 'www-data', instead: otherPort };
  return undefined;
}

/** Why such a server runs as root, after "so the container runs as root: ". */
export function rootMasterReason(server: RootMasterServer): string {
  return `${server.process} starts as root to ${server.needs}, then runs its workers as ${server.worker}; under a USER it fails to start. To run it as non-root, ${server.instead}.`;
}
