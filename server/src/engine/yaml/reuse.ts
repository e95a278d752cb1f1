// Per-document caches of a multi-document file (its lint, its schema validation) carry their entries from one
// version of the file to the next. A keystroke changes one document: the documents before and after it are
// matched by position with `===` (a length check, then a memcmp), and only the few in between are looked up by
// text. Keying every document by its text instead hashes the whole file on each edit (~3 ms on 2 MB).

export interface TextEntry<T> {
  readonly text: string;
  readonly value: T;
}

/** Entries for `texts`, in order: the previous version's entry where a text is unchanged, else `create(text)`. */
export function reuseByText<T>(previous: readonly TextEntry<T>[], texts: readonly string[], create: (text: string) => T): TextEntry<T>[] {
  const shorter = Math.min(previous.length, texts.length);
  let head = 0;
  while (head < shorter && previous[head].text === texts[head]) head++;
  let tail = 0;
  while (tail < shorter - head && previous[previous.length - 1 - tail].text === texts[texts.length - 1 - tail]) tail++;
  // Entries keep the new texts: an old one would keep the whole previous version of the file alive (a slice
  // holds its parent string).
  const entries: TextEntry<T>[] = [];
  for (let i = 0; i < head; i++) entries.push({ text: texts[i], value: previous[i].value });
  // The changed middle: usually one document; reordered or duplicated documents are found by text.
  const middle = new Map<string, T>();
  for (let i = head; i < previous.length - tail; i++) middle.set(previous[i].text, previous[i].value);
  for (let i = head; i < texts.length - tail; i++) {
    const text = texts[i];
    let value = middle.get(text);
    if (value === undefined) middle.set(text, (value = create(text)));
    entries.push({ text, value });
  }
  for (let i = tail; i > 0; i--) entries.push({ text: texts[texts.length - i], value: previous[previous.length - i].value });
  return entries;
}

/** Where the last `entryOf` in these entries found its text: callers ask for the documents in file order. */
const lastFound = new WeakMap<readonly TextEntry<unknown>[], number>();

/**
 * The entry of a document with this text, if any. The search starts after the last one found, so asking for
 * every document in order costs one comparison each, not a scan of the file each.
 */
export function entryOf<T>(entries: readonly TextEntry<T>[] | undefined, text: string): T | undefined {
  if (!entries) return undefined;
  const start = (lastFound.get(entries) ?? -1) + 1;
  for (let k = 0; k < entries.length; k++) {
    const i = (start + k) % entries.length;
    if (entries[i].text !== text) continue;
    lastFound.set(entries, i);
    return entries[i].value;
  }
  return undefined;
}
