// Slash-separated path arithmetic for the engine (which may not use Node's `path`). Host paths arrive
// absolute; Windows separators are normalised to `/` so that both hosts resolve the same way.

// Already normal: absolute, `/`-separated, no empty, `.` or `..` part, no trailing `/` (most paths, most calls).
const NORMAL = /^(?:\/(?!\.\.?(?:\/|$))[^/\\]+)+$/;

export function normalizePath(path: string): string {
  if (NORMAL.test(path)) return path;
  const slashed = path.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/');
  const drive = /^[A-Za-z]:\//.test(slashed) ? slashed.slice(0, 2) : '';
  const parts: string[] = [];
  for (const part of slashed.slice(drive.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute && !drive) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  return drive + (absolute || drive ? '/' : '') + parts.join('/');
}

export function joinPath(dir: string, relative: string): string {
  if (relative.startsWith('/') || /^[A-Za-z]:[\\/]/.test(relative)) return normalizePath(relative);
  return normalizePath(`${dir}/${relative}`);
}

export function dirnameOf(path: string): string {
  const normal = normalizePath(path);
  const at = normal.lastIndexOf('/');
  return at <= 0 ? normal.slice(0, at + 1) || '/' : normal.slice(0, at);
}

export function basenameOf(path: string): string {
  return normalizePath(path).split('/').pop() ?? '';
}

/** `child` is `dir` or inside it. */
export function isInside(child: string, dir: string): boolean {
  const c = normalizePath(child);
  const d = normalizePath(dir).replace(/\/$/, '');
  return c === d || c.startsWith(`${d}/`);
}

/** `to` relative to the folder `from`, for messages. */
export function relativePath(from: string, to: string): string {
  const a = normalizePath(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const up = a.slice(common).map(() => '..');
  return [...up, ...b.slice(common)].join('/') || '.';
}
