// "Does this name look like it holds a secret?" — shared by the env-var and ConfigMap checks. Works on
// words (`DB_PASSWORD`, `dbPassword`, `db.password`, `DBPASSWORD` all match) and ignores names that only
// point at a secret or describe it (`PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`, `TOKEN_TTL`, …).

/** Last words that make a name about a secret rather than the secret itself. */
const NOT_THE_SECRET = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'folder', 'mount', 'location',
  'url', 'uri', 'urls', 'host', 'hostname', 'port', 'addr', 'address', 'endpoint', 'endpoints', 'server',
  'name', 'names', 'ref', 'field', 'header', 'param', 'prefix', 'suffix',
  'enabled', 'enable', 'disabled', 'disable', 'required', 'optional', 'mode', 'type', 'kind', 'policy', 'format', 'algorithm',
  'ttl', 'timeout', 'expiry', 'expiration', 'expires', 'lifetime', 'duration', 'interval', 'age', 'rotation', 'refresh',
  'region', 'zone', 'provider', 'backend', 'store', 'manager', 'namespace',
  'len', 'version', 'audience', 'issuer', 'scope', 'scopes',
]);

/** Words that make the whole name a setting about secrets (`MAX_TOKENS`, `TOKEN_LENGTH_MIN`), not one. */
const ABOUT_SECRETS = new Set(['max', 'min', 'num', 'count', 'length', 'size', 'limit', 'seconds', 'minutes', 'hours', 'days']);

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password` into lower-case words. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isSecretWord(word: string, next: string | undefined): boolean {
  if (word.includes('password') || word.includes('passwd')) return true;
  if (/(?:token|tokens|secret|secrets|credential|credentials|apikey|privatekey)$/.test(word)) return true;
  return (word === 'api' || word === 'private') && (next === 'key' || next === 'keys');
}

/** True when a variable/key name looks like it holds a secret value. */
export function looksSecret(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0 || NOT_THE_SECRET.has(words[words.length - 1])) return false;
  if (words.some((word) => ABOUT_SECRETS.has(word))) return false;
  return words.some((word, i) => isSecretWord(word, words[i + 1]));
}

/** A PEM private key block (RSA, EC, OpenSSH, encrypted PKCS#8, …) anywhere in a value. */
export const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
