// `# yaml-language-server: $schema=<path or URL>` modelines, as Red Hat YAML reads them: a comment line of a
// document that names the JSON schema of that document. Local paths are honoured; URLs are not fetched
// (Harden is offline), and the document gets a note that says so instead of silent nothing.

const MODELINE = /^[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=(\S+)/m;

export interface Modeline {
  /** The schema reference as written. */
  ref: string;
  /** Offsets of the reference in the document text. */
  start: number;
  end: number;
  /** Absolute path of a local schema; undefined for a URL. */
  path: string | undefined;
}

/** The document's modeline, with a local reference resolved against the folder of `documentPath`. */
export function modelineOf(text: string, documentPath: string | undefined): Modeline | undefined {
  if (!text.includes('yaml-language-server')) return undefined;
  const match = MODELINE.exec(text);
  if (!match) return undefined;
  const ref = match[1];
  const start = match.index + match[0].length - ref.length;
  return { ref, start, end: start + ref.length, path: localPath(ref, documentPath) };
}

function localPath(ref: string, documentPath: string | undefined): string | undefined {
  if (/^file:\/\//i.test(ref)) return decodeURIComponent(ref.replace(/^file:\/\//i, '')).replace(/^\/([A-Za-z]:)/, '$1');
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[A-Za-z]:[\\/]/.test(ref)) return undefined; // http(s), …
  if (ref.startsWith('/') || /^[A-Za-z]:[\\/]/.test(ref)) return ref;
  if (!documentPath) return undefined;
  const folder = documentPath.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
  const parts: string[] = [];
  for (const part of `${folder}/${ref.replace(/\\/g, '/')}`.split('/')) {
    if (part === '.' || (part === '' && parts.length > 0)) continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export function offlineNote(ref: string): string {
  return `Harden is offline and does not download the schema ${ref}: this document is not validated against it. Point $schema at a local file (a path relative to this file) to have Harden validate it.`;
}
