// Schema checks for fixed documents: what the bundled validator (server/src/services/schema) reports, and
// the maps and lists a fix emptied. The validator accepts `key:` (null, "unset") anywhere, as Kubernetes
// does for most fields, so a fix that leaves `securityContext:` behind would pass it: emptied collections
// are looked for separately.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { detectLanguage } from '../../server/src/engine';
import { splitDocuments } from '../../server/src/engine';
import { loadSchema } from '../../server/src/hosts/node/schemaFile';
import { selectSchema } from '../../server/src/services/schema/select';
import { KindValidator } from '../../server/src/services/schema/validate';

const data = loadSchema();

/**
 * `check` of every `---` document of a Kubernetes YAML file, each document's result cached by its text: a fix
 * edits one document of a file, so checking a fixed 34k-line file re-checks only the document it changed.
 */
const byDocument = new Map<string, Map<string, unknown[]>>();
export function perDocument<T>(check: string, text: string, run: (documentText: string) => T[]): T[] {
  let cache = byDocument.get(check);
  if (!cache || cache.size > 5_000) byDocument.set(check, (cache = new Map()));
  return splitDocuments(text).flatMap((segment) => {
    let result = cache.get(segment.text) as T[] | undefined;
    if (!result) cache.set(segment.text, (result = run(segment.text)));
    return result;
  });
}
const validators = new Map<string, KindValidator>();

function validatorFor(key: string): KindValidator {
  let validator = validators.get(key);
  if (!validator) {
    validator = new KindValidator(data.bundle.definitions[data.bundle.kinds[key]], data.bundle.definitions);
    validators.set(key, validator);
  }
  return validator;
}

/** Schema problems of every document of a Kubernetes YAML file, as `kind: message` (positions left out: edits move them). */
export function schemaProblems(path: string, text: string): string[] {
  if (detectLanguage(path) !== 'kubernetes') return [];
  return perDocument('schema', text, (documentText) => {
    const key = selectSchema(documentText, (k) => data.has(k));
    if (!key) return [];
    return validatorFor(key)
      .validateText(documentText)
      .map((problem) => `${key}: ${problem.message}`);
  });
}

const underCache = new Map<string, string[]>();

/**
 * Problems of `before`, each document checked against the schema its counterpart in `after` selects: a fix that moves
 * an object to another apiVersion (`extensions/v1beta1` → `apps/v1`, not validated → validated) makes problems the
 * object always had visible, and those are not the fix's. Documents are paired by position (a fix adds or removes
 * none that change version); otherwise, as `schemaProblems(path, before)`.
 */
export function schemaProblemsUnder(path: string, before: string, after: string): string[] {
  if (detectLanguage(path) !== 'kubernetes') return [];
  const old = splitDocuments(before);
  const fixed = splitDocuments(after);
  if (old.length !== fixed.length) return schemaProblems(path, before);
  return old.flatMap((segment, i) => {
    const key = selectSchema(fixed[i].text, (k) => data.has(k)) ?? selectSchema(segment.text, (k) => data.has(k));
    if (!key) return [];
    const cacheKey = `${key}\u0000${segment.text}`;
    let problems = underCache.get(cacheKey);
    if (!problems) {
      if (underCache.size > 5_000) underCache.clear();
      underCache.set(
        cacheKey,
        (problems = validatorFor(key)
          .validateText(segment.text)
          .map((problem) => `${key}: ${problem.message}`)),
      );
    }
    return problems;
  });
}

interface DocumentFacts {
  parseErrors: number;
  /** Paths of keys whose value is empty (`key:` or `key: ~`), e.g. `spec.containers[].securityContext`. */
  emptyValues: string[];
}

/** One parse per document for both facts (plain errors: their pretty messages cost more than the parse). */
function documentFacts(documentText: string): DocumentFacts[] {
  const facts: DocumentFacts = { parseErrors: 0, emptyValues: [] };
  const walk = (node: unknown, at: string, depth: number) => {
    if (depth > 100) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        const value = pair.value as Node | null;
        if (value === null || (isScalar(value) && value.value === null)) facts.emptyValues.push(`${at}${key}`);
        else walk(value, `${at}${key}.`, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, `${at.slice(0, -1)}[].`, depth + 1);
    }
  };
  for (const doc of parseAllDocuments(documentText, { prettyErrors: false })) {
    facts.parseErrors += doc.errors.length;
    if ('contents' in doc) walk(doc.contents, '', 0);
  }
  return [facts];
}

/** YAML parse errors of a Kubernetes YAML file, counted document by document. */
export function parseErrorCount(path: string, text: string): number {
  if (detectLanguage(path) !== 'kubernetes') return 0;
  return perDocument('facts', text, documentFacts).reduce((n, facts) => n + facts.parseErrors, 0);
}

/** Paths of keys whose value is empty (`key:` or `key: ~`), e.g. `spec.containers[].securityContext`. */
export function emptyValues(path: string, text: string): string[] {
  if (detectLanguage(path) !== 'kubernetes') return [];
  return perDocument('facts', text, documentFacts).flatMap((facts) => facts.emptyValues);
}

/** What `after` has more of than `before` (a multiset difference). */
export function added(before: readonly string[], after: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of before) counts.set(item, (counts.get(item) ?? 0) + 1);
  return after.filter((item) => {
    const n = counts.get(item) ?? 0;
    counts.set(item, n - 1);
    return n <= 0;
  });
}
