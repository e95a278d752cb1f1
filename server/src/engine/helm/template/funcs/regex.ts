// Go's RE2 syntax and replacement templates, mapped onto JavaScript's RegExp.

const cache = new Map<string, RegExp>();

/** A JavaScript RegExp for a Go regular expression (named groups, leading flags, \z). */
export function goRegExp(source: string, extraFlags = ''): RegExp {
  const key = `${extraFlags}:${source}`;
  const cached = cache.get(key);
  if (cached) {
    cached.lastIndex = 0;
    return cached;
  }
  let pattern = source;
  let flags = extraFlags;
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead) {
    pattern = pattern.slice(lead[0].length);
    for (const f of lead[1]) if ((f === 'i' || f === 'm' || f === 's') && !flags.includes(f)) flags += f;
  }
  pattern = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^');
  if (/\\[pP]/.test(pattern)) flags += 'u';
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch (e) {
    throw new Error(`error parsing regexp: ${(e as Error).message}: \`${source}\``);
  }
  cache.set(key, re);
  return re;
}

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a name that is no group expands to nothing. */
export function goReplacement(template: string): (match: string, ...rest: unknown[]) => string {
  return (match: string, ...rest: unknown[]) => {
    const last = rest[rest.length - 1];
    const named = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : {};
    const groups = rest.slice(0, typeof last === 'object' && last !== null ? -3 : -2) as Array<string | undefined>;
    return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, whole: string, braced?: string, bare?: string) => {
      if (whole === '$') return '$';
      const name = braced ?? bare!;
      if (/^[0-9]+$/.test(name)) {
        const i = Number(name);
        return i === 0 ? match : (groups[i - 1] ?? '');
      }
      return named[name] ?? '';
    });
  };
}
