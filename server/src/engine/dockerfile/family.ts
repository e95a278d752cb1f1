// Base image family of a stage, to write user creation in the right dialect. Looks at the root image of
// the stage chain first, then at the package manager the file itself calls.
import { WINDOWS_IMAGE, chainInstructions, runsOnWindows, shellOf, stageChain, type DInstruction, type DockerfileModel, type Stage } from './model';

export type ImageFamily = 'debian' | 'alpine' | 'rhel' | 'distroless' | 'scratch' | 'windows' | 'unknown';

const BY_NAME: Array<[ImageFamily, RegExp]> = [
  ['windows', WINDOWS_IMAGE],
  // Ubuntu chiseled images (.NET's `-chiseled` tags) have no shell nor package manager either.
  ['distroless', /distroless|chiseled|chainguard|(^|[:/-])nonroot\b/i],
  ['alpine', /alpine|(^|\/)busybox(:|@|$)|wolfi/i],
  ['rhel', /(^|\/)(ubi\d*|ubi\d*-\w+|rhel\d*|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux)(:|@|$)|redhat|\bubi\d/i],
  ['debian', /(^|\/)(debian|ubuntu)(:|@|$)|buster|bullseye|bookworm|trixie|jammy|focal|noble|bionic/i],
];

/** Official images whose non-Alpine variants are built on Debian or Ubuntu. */
const DEBIAN_BASED =
  /(^|\/)(node|python|golang|ruby|php|openjdk|eclipse-temurin|amazoncorretto-debian|nginx|httpd|postgres|redis|mysql|mariadb|maven|gradle|rust|perl|elixir|erlang|haskell|julia|buildpack-deps|dotnet\/[\w-]+|mongo|rabbitmq|tomcat|jenkins\/jenkins|cassandra|wordpress|ghost|bitnami\/[\w-]+)(:|@|$)/i;

// Asked per instruction by several rules; a stage never changes (and is reused across edits that leave it alone).
const families = new WeakMap<Stage, ImageFamily>();

export function imageFamily(model: DockerfileModel, stage: Stage): ImageFamily {
  let family = families.get(stage);
  if (!family) families.set(stage, (family = familyOf(model, stage)));
  return family;
}

function familyOf(model: DockerfileModel, stage: Stage): ImageFamily {
  const root = stageChain(stage)[0];
  const image = root.image ?? '';
  if (image.toLowerCase() === 'scratch') return 'scratch';
  // A cmd or PowerShell SHELL (under `# escape=\``) says Windows whatever the image is called.
  if (runsOnWindows(model, stage)) return 'windows';
  for (const [family, pattern] of BY_NAME) if (pattern.test(image)) return family;
  if (DEBIAN_BASED.test(image)) return 'debian';
  return familyFromCommands(model, stage);
}

function familyFromCommands(model: DockerfileModel, stage: Stage): ImageFamily {
  for (const instr of chainInstructions(stage)) {
    if (instr.keyword !== 'RUN') continue;
    const names = shellOf(model, instr)?.names;
    if (!names) continue;
    // In the order the commands run: the first package manager called decides.
    for (const name of names) {
      if (name === 'apk') return 'alpine';
      if (['apt-get', 'apt', 'dpkg'].includes(name)) return 'debian';
      if (['dnf', 'yum', 'microdnf'].includes(name)) return 'rhel';
    }
  }
  return 'unknown';
}

/**
 * Images that already run as a non-root user by default: distroless `nonroot` and `*-nonroot` tags,
 * Chainguard, `nginx-unprivileged`, Bitnami's application images (UID 1001; not its `minideb` base), and .NET's
 * chiseled and distroless tags, which end with `USER $APP_UID` (app, 1654: github.com/dotnet/dotnet-docker
 * src/runtime-deps/<version>/{noble-chiseled,azurelinux3.0-distroless}/amd64/Dockerfile), and the Jupyter
 * docker-stacks images (`jupyter/*`, `quay.io/jupyter/*`), which all end with `USER ${NB_UID}` (jovyan, 1000:
 * github.com/jupyter/docker-stacks images/<name>/Dockerfile).
 */
const NON_ROOT_IMAGES =
  /(^|[:/-])nonroot\b|cgr\.dev\/chainguard\/|unprivileged|(^|\/)bitnami\/(?!minideb)|(^|\/)grafana\/(grafana|grafana-oss|grafana-enterprise|k6|loki)(:|@|$)|(^|\/)(prom|prometheus)\/[\w.-]+(:|@|$)|^mcr\.microsoft\.com\/dotnet\/(nightly\/)?[\w-]+:[^@]*(chiseled|distroless)|^(?:(?:docker\.io|quay\.io)\/)?jupyter\/[\w.-]+(:|@|$)/i;

export function runsNonRootByDefault(stage: Stage): boolean {
  return NON_ROOT_IMAGES.test(stageChain(stage)[0].image ?? '');
}

/**
 * Images known to run as root when no USER is set: operating systems, language runtimes and the Docker Official
 * Images built on them that set no USER (their entrypoint may drop privileges later, but the container starts as
 * root). Not every official image: haproxy, memcached, groovy, sonarqube… set a USER of their own.
 */
const ROOT_IMAGES = new RegExp(
  String.raw`^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)/)?(?:library/)?` +
    String.raw`(?:debian|ubuntu|alpine|busybox|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|opensuse/[\w.-]+|photon|` +
    String.raw`python|pypy|node|golang|ruby|php|perl|rust|openjdk|eclipse-temurin|amazoncorretto|ibm-semeru-runtimes|sapmachine|erlang|elixir|` +
    String.raw`haskell|julia|swift|gcc|clojure|maven|gradle|buildpack-deps|nginx|httpd|redis|postgres|mysql|mariadb|mongo|rabbitmq|tomcat|` +
    String.raw`wordpress|ghost|traefik|caddy)(?::|@|$)` +
    String.raw`|^(?:registry\.access\.redhat\.com/|registry\.redhat\.io/)?ubi\d*(?:/ubi)?(?:-minimal|-micro|-init)?(?::|@|$)` +
    String.raw`|^(?:registry\.k8s\.io|k8s\.gcr\.io)/debian-base(?:-\w+)?(?::|@|$)` +
    String.raw`|^mcr\.microsoft\.com/dotnet/(?:sdk|aspnet|runtime|runtime-deps)(?::|@|$)|^gcr\.io/distroless/|^scratch$`,
  'i',
);

/**
 * Whom a stage without USER runs as, by its root base image: `root` for the images above, `non-root` for those that
 * set a user of their own, else `unknown` (an image built elsewhere, a base passed in as a build argument).
 */
export function baseImageUser(stage: Stage): 'root' | 'non-root' | 'unknown' {
  const image = stageChain(stage)[0].image ?? '';
  if (NON_ROOT_IMAGES.test(image)) return 'non-root';
  // The repository decides, whatever the tag: `golang:${GO_VERSION}-bookworm` is golang.
  const repository = image.replace(/[:@].*$/, '');
  return !repository.includes('$') && ROOT_IMAGES.test(repository) ? 'root' : 'unknown';
}

/**
 * A `scratch` stage that only collects files from other stages, with no CMD or ENTRYPOINT: the output of
 * `docker build --output`, never run as a container.
 */
export function isExportStage(stage: Stage): boolean {
  const chain = stageChain(stage);
  if ((chain[0].image ?? '').toLowerCase() !== 'scratch') return false;
  const instructions = chain.flatMap((s) => s.instructions).filter((i) => i.keyword !== 'FROM');
  return (
    instructions.some((i) => i.keyword === 'COPY') &&
    instructions.every((i) => ['ARG', 'LABEL'].includes(i.keyword) || (i.keyword === 'COPY' && i.flags.some((f) => f.name === 'from')))
  );
}

/**
 * Red Hat's ubi-minimal and ubi-micro (and the -minimal/-micro images of Fedora, Rocky and Alma Linux) ship without
 * shadow-utils, so without useradd and groupadd (github.com/wildfly/wildfly-container/pull/187); ubi-micro has no
 * package manager to install it. Unless the file installs shadow-utils itself.
 */
const NO_SHADOW_UTILS = /(^|[/:-])(ubi\d*-)?(minimal|micro)([-:.@]|$)/i;

export function lacksUseradd(model: DockerfileModel, stage: Stage): boolean {
  if (imageFamily(model, stage) !== 'rhel' || !NO_SHADOW_UTILS.test(stageChain(stage)[0].image ?? '')) return false;
  const installs = (i: DInstruction) => model.text.slice(i.start, Math.max(i.end, ...i.heredocs.map((h) => h.contentEnd))).includes('shadow-utils');
  return !chainInstructions(stage).some((i) => i.keyword === 'RUN' && installs(i));
}

export function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  return imageFamily(model, stage) === 'windows';
}
