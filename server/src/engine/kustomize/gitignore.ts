// Whether Git ignores a path: a kustomization resource that is missing but ignored is made before the build
// (`helm template . > all.yaml && kustomize build`, argoproj/argocd-example-apps' kustomized-helm), not a mistake.
// The `.gitignore` files of the path's folder and of every folder above it, read as Git reads them: the last
// matching pattern wins, `!` re-includes, a pattern with a slash (but a trailing one) is anchored to its file's
// folder, one without matches a name at any depth, a trailing `/` matches folders only, `*`, `?`, `**` and `[…]`.
import type { HostFileSystem } from '../types';
import { dirnameOf, relativePath } from './paths';

interface Pattern {
  regex: RegExp;
  negated: boolean;
  folderOnly: boolean;
}

/** The `.gitignore` that ignores `path` (absolute), or undefined; `read` collects the files consulted. */
export function ignoringGitignore(fs: HostFileSystem, path: string, read: (file: string) => void): string | undefined {
  const folders: string[] = [];
  for (let dir = dirnameOf(path); ; dir = dirnameOf(dir)) {
    folders.push(dir);
    if (fs.exists(`${dir === '/' ? '' : dir}/.git`) || dirnameOf(dir) === dir) break;
  }
  // Deeper files override shallower ones: consult them last.
  let verdict: string | undefined;
  for (const dir of folders.reverse()) {
    const file = `${dir === '/' ? '' : dir}/.gitignore`;
    read(file);
    const text = fs.readFile(file);
    if (text === undefined) continue;
    const relative = relativePath(dir, path);
    for (const pattern of parse(text)) {
      if (!matches(pattern, relative)) continue;
      verdict = pattern.negated ? undefined : file;
    }
  }
  return verdict;
}

function parse(text: string): Pattern[] {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const folderOnly = line.endsWith('/');
    if (folderOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globToRegex(line);
    patterns.push({ regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`), negated, folderOnly });
  }
  return patterns;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      out += '/.*';
      i += 2;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += `\\${glob[++i]}`;
    else out += c.replace(/[.+^${}()|\]]/g, '\\$&');
  }
  return out;
}

/** The path itself (a file, unless the pattern is for folders) or one of the folders it is in. */
function matches(pattern: Pattern, relative: string): boolean {
  const parts = relative.split('/');
  for (let n = parts.length; n >= 1; n--) {
    if (n === parts.length && pattern.folderOnly) continue;
    if (pattern.regex.test(parts.slice(0, n).join('/'))) return true;
  }
  return false;
}
