// `node:path` for the web server bundle (scripts/bundles.ts aliases it here): POSIX semantics only, which is
// what the web server's paths are (uriToPath gives `/__harden_virtual__/<scheme>/...` or a file URI's path).
// Covers what the modules shared with the desktop server use; a missing function fails the web build.
export const sep = '/';
export const delimiter = ':';

export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else parts.push(part);
  }
  const joined = parts.join('/');
  const trailing = path.endsWith('/') && joined !== '' ? '/' : '';
  return (absolute ? `/${joined}` : joined || '.') + trailing;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

export function join(...paths: string[]): string {
  const joined = paths.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...paths: string[]): string {
  let resolved = '';
  for (let i = paths.length - 1; i >= 0 && !resolved.startsWith('/'); i--) {
    if (paths[i] !== '') resolved = resolved === '' ? paths[i] : `${paths[i]}/${resolved}`;
  }
  return normalize(resolved.startsWith('/') ? resolved : `/${resolved}`);
}

export function dirname(path: string): string {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const slash = normalized.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : normalized.slice(0, slash);
}

export function basename(path: string, ext?: string): string {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot <= 0 || base === '..' ? '' : base.slice(dot);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export const posix = { sep, delimiter, normalize, isAbsolute, join, resolve, dirname, basename, extname, relative };
export default { ...posix, posix };
