// Parsed files of the builds, by path and text: twenty overlays of one base parse the base once, and an edit
// re-parses only the edited file. The trees are shared: a build clones what it will change.
import { parseAllDocuments } from 'yaml';
import { fromYaml, type ParsedDocument } from './tree';
import { reparseScalarEdit } from './scalarEdit';

const MAX_FILES = 2000;
const cache = new Map<string, { text: string; documents: ParsedDocument[] }>();

export function parseYamlFile(path: string, text: string): ParsedDocument[] {
  const cached = cache.get(path);
  if (cached?.text === text) return cached.documents;
  // A keystroke inside one value: the last parse, that value changed.
  const documents = (cached && reparseScalarEdit(cached.text, cached.documents, text)) ?? parseYamlDocuments(path, text);
  if (cache.size >= MAX_FILES) cache.delete(cache.keys().next().value!);
  cache.delete(path);
  cache.set(path, { text, documents });
  return documents;
}

/** The file's documents, parsed (no cache). */
export function parseYamlDocuments(path: string, text: string): ParsedDocument[] {
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  return (Array.isArray(parsed) ? parsed : [parsed]).map((doc): ParsedDocument => {
    const error = doc.errors[0];
    if (error) return { node: undefined, error: { message: error.message.split('\n')[0], start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) } };
    return { node: doc.contents === null ? undefined : fromYaml(doc.contents, path, doc) };
  });
}

// Patches as a build uses them (parsed, origins moved to their file), by their text: an edit of a base rebuilds
// every overlay, whose patches have not changed. Bounded: keys are whole texts, and old ones are not asked again.
export const MAX_PATCHES = 1000;
const patches = new Map<string, unknown>();

export function cachedPatch<T>(key: string, parse: () => T): T {
  if (patches.has(key)) return patches.get(key) as T;
  const parsed = parse();
  if (patches.size >= MAX_PATCHES) patches.delete(patches.keys().next().value!);
  patches.set(key, parsed);
  return parsed;
}

/** How many patches are kept (for tests of the bound). */
export const cachedPatchCount = (): number => patches.size;
