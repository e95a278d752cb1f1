// Document URIs <-> file-system paths. The engine works with paths (language detection, files beside
// the linted one); documents without a file on disk get a synthetic path that exists nowhere.
import { fileURLToPath, pathToFileURL } from 'node:url';

const SYNTHETIC_ROOT = '/__harden_virtual__';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // A malformed file URI (e.g. a UNC host on POSIX) falls through to a synthetic path.
    }
  }
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon) : 'unknown';
  const rest = decodeURIComponent(uri.slice(colon + 1)).replace(/^\/+/, '');
  return `${SYNTHETIC_ROOT}/${scheme}/${rest}`;
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).toString();
}
