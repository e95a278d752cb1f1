// One copy of each repeated text of the findings kept in the per-document caches. A large file repeats the
// same few fix titles, suppression comments and messages thousands of times (a 1,000-document manifest:
// 18,600 fix titles of 22 texts, 20,600 edits of 1,620), each built anew by a template literal.
import type { RawFix } from './rule';

const table = new Map<string, string>();
/** Bounded, so that texts of files long closed do not stay: past this many, the table starts again. */
const MAX_ENTRIES = 8192;

export function intern(text: string): string {
  const known = table.get(text);
  if (known !== undefined) return known;
  if (table.size >= MAX_ENTRIES) table.clear();
  table.set(text, text);
  return text;
}

export function internFix(fix: RawFix): RawFix {
  return { ...fix, title: intern(fix.title), edits: fix.edits.map((edit) => ({ ...edit, newText: intern(edit.newText) })) };
}
