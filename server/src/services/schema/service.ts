// Schema validation, hover and property completion for Kubernetes YAML, offline. The schema data is read once
// per server; each YAML document (`---` segment) is validated on its own against the schema of its
// apiVersion/kind (validate.ts: microseconds per document) and results are cached by the document's text, so
// an edit re-validates only the document that changed. Hover and completion go through yaml-language-server's
// language service, loaded on their first use.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type CompletionItem, type CompletionList, type Diagnostic, type Hover, type Position, type Range, type TextEdit } from 'vscode-languageserver';
import type { LanguageService } from 'yaml-language-server/lib/esm/languageservice/yamlLanguageService';
import type { Document } from 'yaml';
import { splitDocuments } from '../../engine/yaml/documents';
import { LineIndex } from '../../engine/text';
import { keyOfSchemaUri, SchemaData, schemaUri } from './data';
import { selectSchema } from './select';
import { KindValidator } from './validate';

export const SCHEMA_SOURCE = 'harden-schema';
/** URIs of the per-segment virtual documents handed to yaml-language-server: one per kind, reused. */
const DOCUMENT_URI_PREFIX = 'file:///harden-schema-documents/';
/** Give the event loop back after this much validation work (a first open of a 1,000-document file). */
const YIELD_AFTER_MS = 15;

export interface SchemaServiceOptions {
  /** Loads the schema data; default: schemas/kubernetes.json, read once. */
  load?: () => SchemaData;
  log?: (message: string) => void;
}

interface CachedSegment {
  key: string | null;
  /** Line breaks in the segment text. */
  lines: number;
  diagnostics?: Diagnostic[];
}

interface Placed {
  key: string;
  /** Text of the segment. */
  text: string;
  /** Line of the whole file where the segment starts. */
  line: number;
}

export interface ValidateOptions {
  /** False once the text is outdated: validation stops (what was validated stays cached). */
  isCurrent?: () => boolean;
  /** Called first when more than `longRun.above` documents need validating (not cached). */
  longRun?: { above: number; before: () => Promise<void> };
  /** Counts the documents this call validated itself. */
  stats?: { validated: number };
  /** The engine's parse of a document's text, when it has one (saves parsing it again). */
  parsed?: (documentText: string) => Document.Parsed | undefined;
}

/** Thrown for every schema request that is not for our bundled data (URLs included): we never fetch. */
export class OfflineSchemaError extends Error {}

export class KubernetesSchemaService {
  /** Documents validated so far; a test hook. */
  validations = 0;
  /** Every URI yaml-language-server asked for, served or refused; a test hook. */
  readonly requestedUris: string[] = [];
  private data: SchemaData | undefined;
  private service: LanguageService | undefined;
  private readonly validators = new Map<string, KindValidator>();
  /** Per file: segment text -> its schema key (null: none) and, once validated, its diagnostics. */
  private readonly files = new Map<string, Map<string, CachedSegment>>();
  private version = 0;
  /** yaml-language-server calls run one at a time (they share a virtual document per kind). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SchemaServiceOptions = {}) {}

  /** Serves our bundled schemas; refuses (throws) anything else, so yaml-language-server can never fetch. */
  readonly requestSchema = (uri: string): Promise<string> => {
    this.requestedUris.push(uri);
    const key = keyOfSchemaUri(uri);
    const text = key === undefined ? undefined : this.schemaData().schemaText(key);
    if (text === undefined) {
      this.options.log?.(`[harden] schema: refused to fetch ${uri} (offline)`);
      throw new OfflineSchemaError(`Harden serves only its bundled Kubernetes schemas; refused ${uri}`);
    }
    return Promise.resolve(text);
  };

  /** Whether a document of this text gets schema validation. */
  schemaKeyOf(text: string): string | undefined {
    return selectSchema(text, (key) => this.schemaData().has(key));
  }

  /**
   * Schema diagnostics of a whole file, by document. Undefined when `isCurrent` turned false meanwhile
   * (the validated documents stay cached for the next run).
   */
  async validate(uri: string, text: string, options: ValidateOptions = {}): Promise<Diagnostic[] | undefined> {
    const { isCurrent = () => true, longRun, stats, parsed } = options;
    const cache = this.files.get(uri) ?? new Map<string, CachedSegment>();
    this.files.set(uri, cache);
    const seen = new Set<CachedSegment>();
    const out: Diagnostic[] = [];
    // Until the first validation has loaded the schemas and yaml-language-server (~100-200 ms, once), a
    // freshly opened file shows harden's own diagnostics first.
    let published = false;
    if (longRun && !this.warm) {
      await longRun.before();
      published = true;
    }
    const segments = this.placedSegments(cache, text);
    if (longRun && !published && segments.filter(({ placed, cached }) => placed && !cached.diagnostics).length > longRun.above) await longRun.before();
    let lastYield = Date.now();
    for (const { placed, cached } of segments) {
      seen.add(cached);
      if (!placed) continue;
      if (!cached.diagnostics) {
        if (Date.now() - lastYield > YIELD_AFTER_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
          if (!isCurrent()) return undefined; // what was validated stays cached
        }
        if (stats) stats.validated++;
        cached.diagnostics = this.validateSegment(placed, parsed?.(placed.text));
      }
      for (const diagnostic of cached.diagnostics) out.push(shiftDiagnostic(diagnostic, placed.line));
    }
    // Forget the documents that are gone.
    for (const [segmentText, cached] of cache) if (!seen.has(cached)) cache.delete(segmentText);
    return out;
  }

  /** Schema diagnostics of a whole file at once, without caching it: a CLI run validates each file once. */
  validateAll(text: string, parsed?: (documentText: string) => Document.Parsed | undefined): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { placed, cached } of this.placedSegments(new Map(), text)) {
      if (!placed) continue;
      cached.diagnostics ??= this.validateSegment(placed, parsed?.(placed.text));
      for (const diagnostic of cached.diagnostics) out.push(shiftDiagnostic(diagnostic, placed.line));
    }
    return out;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }

  clear(): void {
    this.files.clear();
  }

  async hover(text: string, position: Position): Promise<Hover | null> {
    const placed = this.segmentAt(text, position.line);
    if (!placed) return null;
    const hover = await this.run((service) => service.doHover(this.virtualDocument(placed), { line: position.line - placed.line, character: position.character }));
    if (!hover) return null;
    if (!hover.range) return hover;
    // Name the field above its documentation (yaml-language-server shows the description only).
    const lines = placed.text.split(/\r\n|\r|\n/);
    const { start, end } = hover.range;
    const word = start.line === end.line ? (lines[start.line] ?? '').slice(start.character, end.character) : '';
    const contents = hover.contents;
    const named =
      /^[\w.-]+$/.test(word) && typeof contents === 'object' && 'kind' in contents && contents.kind === 'markdown'
        ? { kind: contents.kind, value: `**${word}**\n\n${contents.value}` }
        : contents;
    return { contents: named, range: shiftRange(hover.range, placed.line) };
  }

  /** Schema-based property completion at `position`; empty when the document has no schema. */
  async complete(text: string, position: Position): Promise<CompletionItem[]> {
    const placed = this.segmentAt(text, position.line);
    if (!placed) return [];
    const list: CompletionList = await this.run((service) =>
      service.doComplete(this.virtualDocument(placed), { line: position.line - placed.line, character: position.character }, false),
    );
    return (list?.items ?? []).map((item) => shiftCompletion(item, placed.line));
  }

  /** A validation has completed: schemas and yaml-language-server are loaded. */
  private warm = false;

  private schemaData(): SchemaData {
    this.data ??= (this.options.load ?? (() => SchemaData.load()))();
    return this.data;
  }

  private languageService(): LanguageService {
    if (this.service) return this.service;
    // Loaded on first use, not at server start: yaml-language-server and its dependencies are most of the bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getLanguageService } = require('yaml-language-server/lib/esm/languageservice/yamlLanguageService') as typeof import('yaml-language-server/lib/esm/languageservice/yamlLanguageService');
    const service = getLanguageService({
      schemaRequestService: this.requestSchema,
      workspaceContext: { resolveRelativePath: (relativePath) => relativePath },
    });
    // One association per kind: the virtual document's path names its kind. Associated schemas are
    // requested once and resolved once per kind (a custom schema provider would re-resolve every call).
    const data = this.schemaData();
    service.configure({
      validate: true,
      hover: true,
      completion: true,
      format: false,
      isKubernetes: false,
      customTags: [],
      hoverSchemaSource: false,
      disableDefaultProperties: true,
      schemas: Object.keys(data.bundle.kinds).map((key) => ({ uri: schemaUri(key), fileMatch: [`/harden-schema-documents/${key}.yaml`] })),
    });
    this.service = service;
    return service;
  }

  private run<T>(call: (service: LanguageService) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => call(this.languageService()));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private virtualDocument(placed: Placed): TextDocument {
    return TextDocument.create(`${DOCUMENT_URI_PREFIX}${placed.key}.yaml`, 'yaml', ++this.version, placed.text);
  }

  private validateSegment(placed: Placed, doc: Document.Parsed | undefined): Diagnostic[] {
    this.validations++;
    let validator = this.validators.get(placed.key);
    if (!validator) {
      const { bundle } = this.schemaData();
      validator = new KindValidator(bundle.definitions[bundle.kinds[placed.key]], bundle.definitions);
      this.validators.set(placed.key, validator);
    }
    const problems = doc && doc.errors.length === 0 ? validator.validate(doc) : validator.validateText(placed.text);
    this.warm = true;
    if (problems.length === 0) return [];
    const lines = new LineIndex(placed.text);
    return problems.map((problem) => ({
      range: { start: lines.positionAt(problem.start), end: lines.positionAt(problem.end) },
      severity: DiagnosticSeverity.Warning,
      message: problem.message,
      source: SCHEMA_SOURCE,
    }));
  }

  /** Every segment with its cache entry; `placed` for those that get schema validation. */
  private placedSegments(cache: Map<string, CachedSegment>, text: string): Array<{ placed?: Placed; cached: CachedSegment }> {
    const out: Array<{ placed?: Placed; cached: CachedSegment }> = [];
    let line = 0;
    for (const segment of splitDocuments(text)) {
      let cached = cache.get(segment.text);
      if (!cached) cache.set(segment.text, (cached = { key: this.schemaKeyOf(segment.text) ?? null, lines: countNewlines(segment.text) }));
      out.push({ placed: cached.key === null ? undefined : { key: cached.key, text: segment.text, line }, cached });
      line += cached.lines;
    }
    return out;
  }

  private segmentAt(text: string, targetLine: number): Placed | undefined {
    let line = 0;
    const segments = splitDocuments(text);
    for (const [i, segment] of segments.entries()) {
      const lines = countNewlines(segment.text);
      if (targetLine < line + lines || i === segments.length - 1) {
        const key = this.schemaKeyOf(segment.text);
        return key ? { key, text: segment.text, line } : undefined;
      }
      line += lines;
    }
    return undefined;
  }
}

/** Line breaks as LSP counts them: `\r\n`, `\n` and a lone `\r` (which yaml-language-server's documents count too). */
function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  if (!text.includes('\r')) return count;
  // Lone CRs are line breaks too (a CR before a LF is part of that one).
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text[at + 1] !== '\n') count++;
  return count;
}

function shiftRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

function shiftDiagnostic(diagnostic: Diagnostic, lines: number): Diagnostic {
  return lines === 0 ? diagnostic : { ...diagnostic, range: shiftRange(diagnostic.range, lines) };
}

function shiftEdit<T extends TextEdit>(edit: T, lines: number): T {
  return { ...edit, range: shiftRange(edit.range, lines) };
}

function shiftCompletion(item: CompletionItem, lines: number): CompletionItem {
  if (lines === 0) return item;
  const out: CompletionItem = { ...item };
  const edit = item.textEdit;
  if (edit) {
    out.textEdit =
      'range' in edit ? shiftEdit(edit, lines) : { ...edit, insert: shiftRange(edit.insert, lines), replace: shiftRange(edit.replace, lines) };
  }
  if (item.additionalTextEdits) out.additionalTextEdits = item.additionalTextEdits.map((e) => shiftEdit(e, lines));
  return out;
}
