// Secrets in manifests and Dockerfiles, shared by the Kubernetes env/ConfigMap rules and the Dockerfile
// ENV/ARG rule. By name: words (`DB_PASSWORD`, `dbPassword`, `db.password`, `DBPASSWORD` all match), not
// names that only point at a secret or describe it (`PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`,
// `TOKEN_TTL`, …). By value: formats that are credentials whatever the name (PEM private keys, URLs with a
// password, the token formats of well-known services, signed JWTs).
import { decodeBase64Utf8 } from './base64';
import { SUBSTITUTION_PATTERN } from './yaml/templates';

/** Last words that make a name about a secret rather than the secret itself. */
const NOT_THE_SECRET = new Set([
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'folder',
  'mount',
  'location',
  'url',
  'uri',
  'urls',
  'host',
  'hostname',
  'port',
  'addr',
  'address',
  'endpoint',
  'endpoints',
  'server',
  'name',
  'names',
  // The other half of a credential (`REGISTRY_CREDENTIAL_USERNAME`), or a command that prints the secret
  // (Airflow's `AIRFLOW__API__SECRET_KEY_CMD`, a `_CMD` variant of every secret option).
  'username',
  'user',
  'login',
  'cmd',
  'command',
  'ref',
  'field',
  'header',
  'param',
  'prefix',
  'suffix',
  'enabled',
  'enable',
  'disabled',
  'disable',
  'required',
  'optional',
  'mode',
  'type',
  'kind',
  'policy',
  'format',
  'algorithm',
  'ttl',
  'timeout',
  'expiry',
  'expiration',
  'expires',
  'lifetime',
  'duration',
  'interval',
  'age',
  'rotation',
  'refresh',
  'region',
  'zone',
  'provider',
  'backend',
  'store',
  'manager',
  'namespace',
  'len',
  'version',
  'audience',
  'issuer',
  'scope',
  'scopes',
  // What a form or a validator says about the secret (`password.label=Password`, `PASSWORD_REGEX`).
  'label',
  'hint',
  'prompt',
  'placeholder',
  'regex',
  'pattern',
]);

/**
 * Words that make the whole name a setting about secrets (`MAX_TOKENS`, `TOKEN_LENGTH_MIN`, the MySQL and MariaDB
 * images' `MYSQL_ALLOW_EMPTY_PASSWORD: "1"` and `MYSQL_RANDOM_ROOT_PASSWORD: "1"` switches), not one.
 */
const ABOUT_SECRETS = new Set(['max', 'min', 'num', 'count', 'length', 'size', 'limit', 'seconds', 'minutes', 'hours', 'days', 'allow', 'empty', 'random']);

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password` into lower-case words. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isSecretWord(word: string, next: string | undefined, after: string | undefined): boolean {
  // `PSW`: the password half of a Jenkins credentials pair (`credentials('artifactory')` sets `ARTIFACTORY_USR` and `ARTIFACTORY_PSW`).
  if (word.includes('password') || word.includes('passwd') || word === 'psw') return true;
  if (/(?:token|tokens|secret|secrets|credential|credentials|apikey|privatekey)$/.test(word)) return true;
  // `AWS_ACCESS_KEY_ID` names the public half, but it is useless without, and stored beside, the secret one.
  if (word === 'access' && next === 'key' && (after === 'id' || after === undefined)) return true;
  return (word === 'api' || word === 'private') && (next === 'key' || next === 'keys');
}

export type SecretNameStrength = 'strong' | 'weak';

/**
 * How sure a name is about holding a secret: `strong` (password, token, secret, API key, …), `weak` for
 * names that end in `key` or `pat` (`LICENSE_KEY`, `GITLAB_PAT`, but also `CACHE_KEY`), which count only
 * with a value that looks like a credential; undefined when the name says nothing.
 */
export function secretNameStrength(name: string): SecretNameStrength | undefined {
  const words = wordsOf(name);
  if (words.length === 0) return undefined;
  const last = words[words.length - 1];
  if (words.some((word) => ABOUT_SECRETS.has(word))) return undefined;
  if (words[words.length - 3] === 'access' && words[words.length - 2] === 'key' && last === 'id') return 'strong';
  if (NOT_THE_SECRET.has(last)) return undefined;
  if (words.some((word, i) => isSecretWord(word, words[i + 1], words[i + 2]))) return 'strong';
  // `MYSQL_PWD` (the MySQL client's password variable), `db_pwd`; `PWD` alone is the shell's working directory.
  if (words.length > 1 && words.includes('pwd')) return 'strong';
  return last === 'key' || last === 'pat' ? 'weak' : undefined;
}

/** True when a variable/key name looks like it holds a secret value. */
export function looksSecret(name: string): boolean {
  return secretNameStrength(name) === 'strong';
}

/**
 * Switches: never a secret, whatever the name (`ENABLE_TOKEN_AUTH: "yes"`). Numbers are not excluded: a
 * numeric password is one (settings such as `TOKEN_TTL: "3600"` are excluded by their name).
 */
const NOT_A_SECRET_VALUE = /^(?:true|false|yes|no|on|off|enabled?|disabled?|none|null)$/i;
/** Only references to other variables (`$(DB_PASSWORD)`, `${TOKEN}`): the secret, if any, is elsewhere. */
const ONLY_REFERENCES = new RegExp(String.raw`^(?:\s*(?:\$\([A-Za-z_][\w.-]*\)|${SUBSTITUTION_PATTERN}|\$[A-Za-z_]\w*))+\s*$`);

/**
 * A file path (`/var/run/secrets/tokens/gcp-ksa/google-application-credentials.json`, `./creds.json`): absolute or
 * explicitly relative, then either two segments or more or a name with an extension. Short values such as `/abc` are
 * not paths, and neither is a value with a random-looking segment (base64 may start with `/` and contain others).
 */
const PATH_VALUE = /^(?:\/|\.{1,2}\/|~\/)[\w.@+~-]+(?:\/[\w.@+~-]*)*$/;
const PATH_SEGMENT_WITH_EXTENSION = /^[\w@+~-][\w.@+~-]*\.[A-Za-z][A-Za-z0-9]{0,5}$/;
const RANDOM_SEGMENT = /^(?=[^/]*[a-z])(?=[^/]*[A-Z])(?=[^/]*\d)[A-Za-z0-9+]{16,}$/;

/** The value names a file (where the secret is), not the secret itself: the container reads it at run time. */
export function isFilePath(value: string): boolean {
  const text = value.trim();
  if (!PATH_VALUE.test(text)) return false;
  const segments = text.split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..' && segment !== '~');
  if (segments.length === 0 || segments.some((segment) => RANDOM_SEGMENT.test(segment))) return false;
  return segments.length >= 2 || !text.startsWith('/') || PATH_SEGMENT_WITH_EXTENSION.test(segments[0]);
}

/** A value a secret-looking name may hold without it being one: empty, a switch, references to variables, or a file path. */
export function isNonSecretValue(value: string): boolean {
  const text = value.trim();
  return text === '' || NOT_A_SECRET_VALUE.test(text) || ONLY_REFERENCES.test(text) || isFilePath(text);
}

/** Values written to be replaced before use (`<api-key>`, `REPLACE_ME`, `YOUR_TOKEN_HERE`, `xxxx`, `****`); `changeme` is deployed often enough to stay a finding. */
const PLACEHOLDER_VALUE = /^(?:<[^<>]*>|\[[^[\]]*\]|(?:replace|fill)[_-]?(?:me|this|it)\b.*|your[_-].*|todo|tbd|x{3,}|\*{3,}|\.{3,})$/i;

/**
 * A placeholder, not a secret: a generic one, or the variable's own name echoed (`GOOGLE_API_KEY: GOOGLE_API_KEY_VAL`,
 * as samples write before a script substitutes the real value); `PASSWORD: password123` is still a password.
 */
export function isPlaceholderFor(name: string, value: string): boolean {
  const text = value.trim();
  if (PLACEHOLDER_VALUE.test(text)) return true;
  const normalize = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const echoed = normalize(text).replace(/^_+|_+$/g, '');
  const key = normalize(name);
  // `PASSWORD: password` is a (weak) password; `API_KEY: API_KEY` names the value to put there.
  return (key.includes('_') && echoed === key) || ECHO_SUFFIXES.some((suffix) => echoed === `${key}_${suffix}`);
}

const ECHO_SUFFIXES = ['VAL', 'VALUE', 'HERE', 'PLACEHOLDER'];

/** What a weakly named value must look like to count: one token of 16+ characters with letters and digits. */
export function looksLikeCredential(value: string): boolean {
  const text = value.trim();
  return text.length >= 16 && !/\s/.test(text) && /[A-Za-z]/.test(text) && /\d/.test(text) && !/^[a-z]+:\/\//i.test(text) && !text.startsWith('/');
}

/**
 * The value holds a secret for whoever has the name: `secretInName` for a strong name with a value that
 * is not a switch, number or reference; a weak name with a credential-like value.
 */
export function secretByName(name: string, value: string): boolean {
  const strength = secretNameStrength(name);
  if (!strength || isNonSecretValue(value) || isPlaceholderFor(name, value) || isGpgKeyId(name, value)) return false;
  return strength === 'strong' || looksLikeCredential(value);
}

/** Key ids (8 or 16 hex digits) and fingerprints (40), `0x`-prefixed or not, separated by spaces or commas. */
const GPG_KEY_IDS = /^(?:0x)?(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{8})(?:[\s,]+(?:0x)?(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{8}))*$/;

/**
 * The public keys that verify a download (`ENV GPG_KEY A035C8C1…` in docker-library/python, `PHP_GPG_KEYS`): a name
 * about GPG/PGP holding key ids or fingerprints, which identify a public key and are no secret.
 */
export function isGpgKeyId(name: string, value: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1] ?? '';
  const aboutGpg = words.some((word) => /^(?:gpg|pgp|gnupg)/.test(word) || /(?:gpg|pgp)$/.test(word));
  // `GPG_PASSWORD` is a secret whatever it looks like.
  const aboutKeys = /^(?:(?:gpg|pgp)?keys?|keyids?|fingerprints?)$/.test(last);
  return aboutGpg && aboutKeys && GPG_KEY_IDS.test(value.trim());
}

/** A PEM private key block (RSA, EC, OpenSSH, encrypted PKCS#8, …) anywhere in a value. */
export const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

/** Placeholders people write where a password goes (`user:<password>@`, `user:${PASS}@`, `user:****@`). */
const PLACEHOLDER_PASSWORD = /^(?:\$\(.*\)|\$\{.*\}|\$[A-Za-z_]\w*|<[^>]*>|\{\{.*\}\}|%[A-Za-z_]\w*%|\*+|x+|\.\.\.|password|pass|secret|changeme)$/i;
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/?#@]+):([^\s/?#@]+)@[^\s/?#]/gi;

/**
 * Well-known credential formats (the prefixes and lengths the services document; the same families as
 * gitleaks and detect-secrets): a match is a credential whatever the variable is called.
 */
const TOKEN_FORMATS: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})\b/ },
  { what: 'a GitLab token', pattern: /\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-(?:\d+-)+[A-Za-z0-9-]{8,}/ },
  { what: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/]{20,}/ },
  { what: 'a Stripe secret key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,}\b/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: 'an OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/ },
  { what: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
];

const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.([A-Za-z0-9_-]*)/;

/** A signed JWT: its header names an algorithm other than `none` and a signature follows. */
function signedJwt(value: string): boolean {
  const match = JWT.exec(value);
  if (!match || match[1].length < 16) return false;
  try {
    const header = JSON.parse(decodeBase64Utf8(match[0].split('.')[0])) as { alg?: unknown };
    return typeof header.alg === 'string' && header.alg.toLowerCase() !== 'none';
  } catch {
    return false;
  }
}

/** What secret a value holds, by its format alone (`a PEM private key`, `a GitHub token`, …); undefined: none seen. */
export function secretInValue(value: string): string | undefined {
  if (PRIVATE_KEY_PEM.test(value)) return 'a PEM private key';
  for (const match of value.matchAll(URL_CREDENTIALS)) {
    if (!PLACEHOLDER_PASSWORD.test(match[2])) return 'a URL with a password';
  }
  const token = TOKEN_FORMATS.find((format) => format.pattern.test(value));
  if (token) return token.what;
  return signedJwt(value) ? 'a signed JWT' : undefined;
}
