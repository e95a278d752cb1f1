import type { DockerContext } from '../../dockerfile/context';
import { keywordLabel, shellOf, withTriggers, wordValue, type DInstruction, type DockerfileModel } from '../../dockerfile/model';
import type { RawFix, RuleModule } from '../../rule';
import type { FixKind } from '../../types';

/**
 * Names of what ADD extracts: it unpacks a local file when its content is a tar archive, plain or compressed
 * with gzip, bzip2, xz or zstd (BuildKit's `isArchivePath`, by content, not by name). An ADD of a file named
 * like one is deliberate. (hadolint's list, plus zstd.)
 */
const ARCHIVE = /\.(tar|tgz|taz|tb2|tbz|tbz2|tz2|tlz|tpz|txz|tzst|gz|bz2|xz|lz|lzma|z|zst|zstd)$/i;

/**
 * Extensions of files that are never tar archives: text, source, configuration, keys, zip-based packages (ADD
 * does not extract zip). Only such names (and folders) make ADD -> COPY a safe fix; any other name could be a
 * tar archive ADD extracts by content (a `.gem`, an `.apk` package, an extensionless `rootfs`).
 */
const NEVER_TAR = new RegExp(
  '\\.(' +
    [
      'sh|bash|zsh|fish|ps1|bat|cmd',
      'py|rb|pl|php|lua|r|js|mjs|cjs|ts|tsx|jsx|go|rs|java|kt|scala|groovy|c|h|cc|cpp|hpp|cs|swift|ex|exs|erl',
      'json|ya?ml|toml|ini|conf|cfg|cnf|config|properties|env|xml|xsd|html?|css|scss|less|svg|md|txt|rst|csv|sql|graphql|proto',
      'lock|sum|mod|gradle|pom|tpl|tmpl|template|j2|jinja2?|service|socket|timer|rules|repo|list|sources|pref',
      'pem|crt|cer|der|key|pub|asc|gpg|sig|p12|pfx|jks|keystore|truststore',
      'jar|war|ear|zip|whl|egg|nupkg',
      'png|jpe?g|gif|ico|webp|woff2?|ttf|otf|eot|map',
    ].join('|') +
    ')$',
  'i',
);

/** Extensionless files that are never archives, and dotfiles (`.npmrc`). */
const NEVER_TAR_NAMES =
  /^(gemfile|makefile|dockerfile|containerfile|procfile|pipfile|rakefile|jenkinsfile|license|licence|readme|notice|copying|version|changelog|authors)$|^\.[^.]+$/i;

type SourceKind = 'url' | 'git' | 'heredoc' | 'archive' | 'unknown' | 'plain' | 'maybe-archive';

/** BuildKit's dfgitutil.ParseGitRef: ssh:// and git:// URLs, `user@host:path`, http(s) URLs whose path ends in .git. */
function isGitSource(src: string): boolean {
  if (/^(ssh|git):\/\//i.test(src) || /^[A-Za-z0-9_-]+@[A-Za-z0-9.-]+:/.test(src)) return true;
  const http = /^https?:\/\/[^?#]*/i.exec(src);
  return !!http && /\.git$/i.test(http[0]);
}

function kindOf(src: string): SourceKind {
  if (src.startsWith('<<')) return 'heredoc';
  if (isGitSource(src)) return 'git';
  if (/^https?:\/\//i.test(src)) return 'url';
  const name = src.replace(/\/+$/, '').slice(src.replace(/\/+$/, '').lastIndexOf('/') + 1);
  // A folder: ADD copies its contents and extracts nothing inside it.
  if (src.endsWith('/') || name === '.' || name === '..' || name === '') return 'plain';
  // Only the literal end of the name tells: `${NAME}.jar`, `*.sh` are known, `${JAR_FILE}` or `app-*` are not.
  const tail = /[^$*?\]}]*$/.exec(name)![0];
  if (ARCHIVE.test(tail)) return 'archive';
  if (NEVER_TAR.test(tail) || (tail === name && NEVER_TAR_NAMES.test(name))) return 'plain';
  if (tail !== name && !tail.includes('.')) return 'unknown';
  return 'maybe-archive';
}

/** The sources of an ADD (its arguments on the first line but the destination), heredocs as `<<NAME`. */
function sourcesOf(add: DInstruction): Array<{ value: string; start: number; end: number }> {
  if (add.json) return add.json.slice(0, -1).map((value) => ({ value, start: add.argsStart, end: add.end }));
  const bodyStart = add.heredocs[0]?.contentStart ?? Infinity;
  const args = add.args.filter((a) => a.start < bodyStart);
  return args.slice(0, -1).map((a) => ({ ...a, value: wordValue(a.value) }));
}

/** The destination argument of an ADD. */
function destinationOf(add: DInstruction): string | undefined {
  if (add.json) return add.json[add.json.length - 1];
  const bodyStart = add.heredocs[0]?.contentStart ?? Infinity;
  const written = add.args.filter((a) => a.start < bodyStart).pop()?.value;
  return written === undefined ? undefined : wordValue(written);
}

/** Programs that check a download: checksums and signatures. */
const VERIFIERS = ['sha256sum', 'sha512sum', 'sha384sum', 'sha224sum', 'sha1sum', 'shasum', 'b2sum', 'gpg', 'gpgv', 'cosign', 'minisign'];

/**
 * Whether a later RUN of the stage checks the downloaded file (`echo "$SHA256  /tmp/tool.tgz" | sha256sum -c -`,
 * `gpg --verify`): the file's name appears in a RUN that runs a checksum or signature tool.
 */
function verifiedLater(model: DockerfileModel, add: DInstruction, url: string): boolean {
  const dest = destinationOf(add) ?? '';
  const fromUrl = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const name = (dest.endsWith('/') || dest === '.' ? fromUrl : dest).replace(/\/+$/, '').split('/').pop() ?? '';
  if (!name || name.includes('$')) return false;
  // A trigger's download is checked by a later trigger (the stage's own RUNs ran before, in another build).
  const stage = add.stage?.instructions ?? [];
  const later = add.onbuild ? stage.flatMap((i) => (i.trigger ? [i.trigger] : [])) : stage;
  return later.some((run) => {
    if (run.keyword !== 'RUN' || run.start < add.end) return false;
    const script = shellOf(model, run);
    return !!script && VERIFIERS.some((v) => script.names.has(v)) && script.source.includes(name);
  });
}

/** Flags only ADD has: with them ADD is deliberate, and COPY would reject them. */
const ADD_ONLY_FLAGS = ['checksum', 'keep-git-dir', 'unpack'];

export const addInsteadOfCopy: RuleModule<DockerContext> = {
  meta: {
    id: 'docker/add-instead-of-copy',
    language: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'ADD copies local files where COPY belongs, or downloads a URL without --checksum.',
    rationale:
      'ADD does more than COPY: it extracts local tar archives (recognised by content, not by name) and downloads ' +
      'URLs. Where neither is wanted, COPY says what happens and does nothing else (hadolint DL3020, CIS Docker ' +
      'Benchmark 4.9). A URL that ADD downloads is not verified: what the server sends goes into the image, unless ' +
      '`--checksum=sha256:…` pins it. Seed 004: build from known inputs.',
    seeds: ['004'],
    fixable: true,
    category: 'security',
    fixKinds: {
      safe: 'A folder, a heredoc or a file whose name says it is no tar archive (.sh, .json, .jar…) is copied the same by COPY.',
      suggestion: 'A file without such a name (an extensionless `app`, a wildcard) could be a tar archive that ADD extracts and COPY would not.',
    },
    aliases: { hadolint: ['DL3020'], checkov: ['CKV_DOCKER_4'], trivy: ['DS005'] },
  },
  check({ model }, report) {
    // ONBUILD ADD triggers too: the fix rewrites the trigger's own keyword.
    for (const add of withTriggers(model.instructions)) {
      if (add.keyword !== 'ADD') continue;
      const sources = sourcesOf(add).map((s) => ({ ...s, kind: kindOf(s.value) }));
      if (sources.length === 0) continue;
      const checksum = add.flags.some((f) => f.name === 'checksum');
      for (const s of sources) {
        if (s.kind !== 'url' || checksum || verifiedLater(model, add, s.value)) continue;
        report({
          start: s.start,
          end: s.end,
          message: `${keywordLabel(add)} downloads ${s.value} without --checksum: nothing verifies what the server sends; add --checksum=sha256:<digest>.`,
        });
      }
      // ADD is what it takes for URLs, git repositories, archives and names we cannot read.
      if (add.flags.some((f) => ADD_ONLY_FLAGS.includes(f.name))) continue;
      if (sources.some((s) => !['plain', 'heredoc', 'maybe-archive'].includes(s.kind))) continue;
      const kind: FixKind = sources.every((s) => s.kind !== 'maybe-archive') ? 'safe' : 'suggestion';
      const keyword = model.text.slice(add.start, add.keywordEnd);
      const fix: RawFix = {
        title: 'Replace ADD with COPY',
        kind,
        edits: [{ start: add.start, end: add.keywordEnd, newText: keyword === keyword.toLowerCase() ? 'copy' : 'COPY' }],
      };
      const names = sources.map((s) => s.value).join(', ');
      report({
        start: add.start,
        end: add.keywordEnd,
        message:
          kind === 'safe'
            ? `Use COPY for ${names}: what ADD adds (URL downloads, archive extraction) does not apply here.`
            : `Use COPY for ${names}, unless ${sources.length > 1 ? 'one of them' : 'it'} is a tar archive for ADD to extract (ADD recognises archives by content).`,
        fixes: [fix],
      });
    }
  },
};
