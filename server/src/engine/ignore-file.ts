// Ignore files in the `.gitignore` syntax, which `.helmignore` shares: one pattern per line, `#` comments, the last
// matching pattern wins, `!` re-includes, a pattern with a slash (but a trailing one) is anchored to the file's folder,
// one without matches a name at any depth, a trailing `/` matches folders only; `*`, `?`, `[…]` and Git's `**`.

export interface IgnorePattern {
  regex: RegExp;
  negated: boolean;
  folderOnly: boolean;
}

export function parseIgnoreFile(text: string | undefined): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const raw of (text ?? '').split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '').replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const folderOnly = line.endsWith('/');
    if (folderOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    patterns.push({ regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globToRegex(line)}$`), negated, folderOnly });
  }
  return patterns;
}

/**
 * Whether the patterns ignore `relative` (`/`-separated, relative to the ignore file's folder): true, false when a
 * `!` pattern re-includes it, undefined when none matches. `isFolder`: the path is a folder. With `withFolders`, a
 * pattern that matches a folder the path is in matches the path too (Git: an ignored folder's files are ignored);
 * a walk that skips ignored folders (Helm's) asks for each folder on its own and does not need it.
 */
export function ignoredBy(patterns: readonly IgnorePattern[], relative: string, isFolder: boolean, withFolders = false): boolean | undefined {
  const parts = relative.split('/');
  let verdict: boolean | undefined;
  for (const pattern of patterns) {
    for (let n = parts.length; n >= (withFolders ? 1 : parts.length); n--) {
      const folder = n < parts.length || isFolder;
      if (pattern.folderOnly && !folder) continue;
      if (!pattern.regex.test(parts.slice(0, n).join('/'))) continue;
      verdict = !pattern.negated;
      break;
    }
  }
  return verdict;
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
