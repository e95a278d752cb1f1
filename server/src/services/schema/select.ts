// Which schema a YAML document gets: read from its top-level `apiVersion:` and `kind:` lines with a cheap
// scan (no parse). Documents we have no schema for (CRDs, unknown kinds, removed apiVersions) and Helm
// templates get none: no schema diagnostics at all rather than noise.
import { hasTemplateSyntax } from '../../engine';
import { schemaKey } from './data';

const TOP_LEVEL_FIELD = /^(apiVersion|kind)[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"][^\s#]*))[ \t]*(?:#.*)?\r?$/gm;

export interface TypeMeta {
  apiVersion: string;
  kind: string;
}

/** The document's `apiVersion` and `kind`, when both are plain top-level scalars. */
export function typeMetaOf(text: string): TypeMeta | undefined {
  let apiVersion: string | undefined;
  let kind: string | undefined;
  for (const match of text.matchAll(TOP_LEVEL_FIELD)) {
    const value = match[2] ?? match[3] ?? match[4];
    if (match[1] === 'apiVersion') apiVersion ??= value;
    else kind ??= value;
  }
  return apiVersion && kind ? { apiVersion, kind } : undefined;
}

export function isHelmTemplate(text: string): boolean {
  return hasTemplateSyntax(text);
}

/** The schema key for a document, or undefined when it gets no schema validation. */
export function selectSchema(text: string, has: (key: string) => boolean): string | undefined {
  if (isHelmTemplate(text)) return undefined;
  const meta = typeMetaOf(text);
  if (!meta) return undefined;
  const key = schemaKey(meta.apiVersion, meta.kind);
  return has(key) ? key : undefined;
}
