// Schema validation, hover and property completion for Kubernetes YAML, offline. The host reads the schema
// data once per server; each YAML document (`---` segment) is validated on its own against the schema of its
// apiVersion/kind (validate.ts: microseconds per document) and results are cached by the document's text, so
// an edit re-validates only the document that changed. Hover and completion go through yaml-language-server's
// language service, loaded on their first use.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { LanguageService } from 'yaml-language-server/lib/esm/languageservice/yamlLanguageService';
import type { Document } from 'yaml';
import { dirnameOf, splitDocuments, LineIndex, relativePath, reuseByText, SCHEMA_RULE_ID, type TextEntry, type YamlSegment } from '../../engine';
import { keyOfSchemaUri, SchemaData, schemaUri } from './data';
import type { CustomResourceSchemas } from './custom';
import { modelineOf, offlineNote } from './modeline';
import { selectSchema, typeMetaOf } from './select';
import { KindValidator } from './validate';

const isAbsolutePath = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);

export const SCHEMA_SOURCE = SCHEMA_RULE_ID;
/** URIs of the per-segment virtual documents handed to yaml-language-server: one per kind, reused. */
const DOCUMENT_URI_PREFIX = 'file:///harden-schema-documents/';
/** Give the event loop back after this much validation work (a first open of a 1,000-document file). */
const YIELD_AFTER_MS = 15;

export interface SchemaServiceOptions {
  /** Loads the schema data (the host reads the file); called once, on first need. */
  load: () => SchemaData;
  log?: (message: string) => void;
  /** Schemas of the workspace's CustomResourceDefinitions (shared by the services of every Kubernetes minor). */
  custom?: CustomResourceSchemas;
  /** Reads a local schema named by a `$schema` modeline. */
  readFile?: (path: string) => string | undefined;
}

type Json = Record<string, unknown>;
/** Keys of schemas that are not in the bundle: a workspace CRD's version, or a local file named by a modeline. */
const CRD_KEY_PREFIX = 'crd/';
const LOCAL_KEY_PREFIX = 'local/';

interface CachedSegment {
  key: string | null;
  /** A note instead of validation (a `$schema` URL, which Harden does not download). */
  note?: Diagnostic;
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
  /** The file's path, when known (a CRD's file is named relative to it). */
  documentPath: string | undefined;
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
  private readonly files = new Map<string, TextEntry<CachedSegment>[]>();
  private version = 0;
  /** yaml-language-server calls run one at a time (they share a virtual document per kind). */
  private queue: Promise<unknown> = Promise.resolve();
  /** `custom.generation` the caches and the language service's associations were built for. */
  private customGeneration = 0;
  /** Local schema files named by modelines: path -> key, and key -> schema as read (undefined: unreadable). */
  private readonly localKeys = new Map<string, string>();
  private readonly localSchemas = new Map<string, { path: string; schema: Json | undefined }>();

  constructor(private readonly options: SchemaServiceOptions) {}

  /** Serves our bundled schemas; refuses (throws) anything else, so yaml-language-server can never fetch. */
  readonly requestSchema = (uri: string): Promise<string> => {
    this.requestedUris.push(uri);
    const key = keyOfSchemaUri(uri);
    const text = key === undefined ? undefined : this.schemaText(key);
    if (text === undefined) {
      this.options.log?.(`[harden] schema: refused to fetch ${uri} (offline)`);
      throw new OfflineSchemaError(`Harden serves only its bundled Kubernetes schemas; refused ${uri}`);
    }
    return Promise.resolve(text);
  };

  /**
   * The schema a document of this text gets: its `$schema` modeline's local file, else the bundled schema of
   * its apiVersion/kind, else the workspace CRD's. Undefined: no schema validation.
   */
  schemaKeyOf(text: string, documentPath?: string): string | undefined {
    const modeline = modelineOf(text, documentPath);
    if (modeline) return modeline.path === undefined ? undefined : this.localKey(modeline.path);
    const bundled = selectSchema(text, (key) => this.schemaData().has(key));
    if (bundled || !this.options.custom) return bundled;
    const meta = typeMetaOf(text);
    const custom = meta && `${CRD_KEY_PREFIX}${meta.apiVersion}/${meta.kind}`;
    return custom && selectSchema(text, () => this.options.custom!.has(custom.slice(CRD_KEY_PREFIX.length))) ? custom : undefined;
  }

  private localKey(path: string): string {
    let key = this.localKeys.get(path);
    if (!key) {
      key = `${LOCAL_KEY_PREFIX}${this.localKeys.size + 1}`;
      this.localKeys.set(path, key);
      this.localSchemas.set(key, { path, schema: this.readLocalSchema(path) });
    }
    return key;
  }

  private readLocalSchema(path: string): Json | undefined {
    const text = this.options.readFile?.(path);
    if (text === undefined) return undefined;
    try {
      const schema = JSON.parse(text) as unknown;
      return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as Json) : undefined;
    } catch {
      return undefined;
    }
  }

  /** A local schema file changed on disk: documents that name it are validated again. */
  localSchemaChanged(path: string): boolean {
    const key = this.localKeys.get(path);
    if (!key) return false;
    this.localSchemas.set(key, { path, schema: this.readLocalSchema(path) });
    this.invalidate();
    return true;
  }

  /** The schema of a key as a JSON object (bundle keys aside). */
  private customSchema(key: string): Json | undefined {
    if (key.startsWith(CRD_KEY_PREFIX)) return this.options.custom?.schema(key.slice(CRD_KEY_PREFIX.length));
    if (key.startsWith(LOCAL_KEY_PREFIX)) return this.localSchemas.get(key)?.schema;
    return undefined;
  }

  private schemaText(key: string): string | undefined {
    const custom = this.customSchema(key);
    return custom ? JSON.stringify(custom) : this.schemaData().schemaText(key);
  }

  /** Drops what was computed from custom or local schemas: validators, cached diagnostics, resolved schemas. */
  private invalidate(): void {
    this.files.clear();
    for (const key of [...this.validators.keys()]) if (key.startsWith(CRD_KEY_PREFIX) || key.startsWith(LOCAL_KEY_PREFIX)) this.validators.delete(key);
    if (this.service) {
      this.configureAssociations(this.service);
      for (const key of [...(this.options.custom?.keys() ?? [])].map((k) => `${CRD_KEY_PREFIX}${k}`).concat([...this.localSchemas.keys()]))
        this.service.resetSchema(schemaUri(key));
    }
  }

  /** Custom schemas changed since the caches were built: start over for them. */
  private syncCustom(): void {
    const generation = this.options.custom?.generation ?? 0;
    if (generation === this.customGeneration) return;
    this.customGeneration = generation;
    this.invalidate();
  }

  /**
   * Schema diagnostics of a whole file, by document. Undefined when `isCurrent` turned false meanwhile
   * (the validated documents stay cached for the next run).
   */
  async validate(uri: string, text: string | readonly YamlSegment[], options: ValidateOptions = {}): Promise<Diagnostic[] | undefined> {
    const { isCurrent = () => true, longRun, stats, parsed } = options;
    this.syncCustom();
    const out: Diagnostic[] = [];
    // Until the first validation has loaded the schemas and yaml-language-server (~100-200 ms, once), a
    // freshly opened file shows harden's own diagnostics first.
    let published = false;
    if (longRun && !this.warm) {
      await longRun.before();
      published = true;
    }
    const segments = this.placedSegments(this.files.get(uri) ?? [], text, uriPath(uri));
    this.files.set(uri, segments.entries);
    if (longRun && !published && segments.placed.filter(({ placed, cached }) => placed && !cached.diagnostics).length > longRun.above) await longRun.before();
    let lastYield = Date.now();
    let noteLine = 0;
    for (const { placed, cached } of segments.placed) {
      if (cached.note) out.push(shiftDiagnostic(cached.note, noteLine));
      noteLine += cached.lines;
      if (!placed) continue;
      if (!cached.diagnostics) {
        if (Date.now() - lastYield > YIELD_AFTER_MS) {
          await yieldToEventLoop();
          lastYield = Date.now();
          if (!isCurrent()) return undefined; // what was validated stays cached
        }
        if (stats) stats.validated++;
        cached.diagnostics = this.validateSegment(placed, parsed?.(placed.text));
      }
      for (const diagnostic of cached.diagnostics) out.push(shiftDiagnostic(diagnostic, placed.line));
    }
    return out;
  }

  /** Schema diagnostics of a whole file at once, without caching it: a CLI run validates each file once. */
  validateAll(path: string, text: string, parsed?: (documentText: string) => Document.Parsed | undefined): Diagnostic[] {
    this.syncCustom();
    const out: Diagnostic[] = [];
    let noteLine = 0;
    for (const { placed, cached } of this.placedSegments([], text, path).placed) {
      if (cached.note) out.push(shiftDiagnostic(cached.note, noteLine));
      noteLine += cached.lines;
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

  async hover(text: string, position: Position, documentPath?: string): Promise<Hover | null> {
    this.syncCustom();
    const placed = this.segmentAt(text, position.line, documentPath);
    if (!placed) return null;
    const hover = await this.run((service) =>
      service.doHover(this.virtualDocument(placed), { line: position.line - placed.line, character: position.character }),
    );
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
  async complete(text: string, position: Position, documentPath?: string): Promise<CompletionItem[]> {
    this.syncCustom();
    const placed = this.segmentAt(text, position.line, documentPath);
    if (!placed) return [];
    const list: CompletionList = await this.run((service) =>
      service.doComplete(this.virtualDocument(placed), { line: position.line - placed.line, character: position.character }, false),
    );
    return (list?.items ?? []).map((item) => shiftCompletion(item, placed.line));
  }

  /** A validation has completed: schemas and yaml-language-server are loaded. */
  private warm = false;

  private schemaData(): SchemaData {
    this.data ??= this.options.load();
    return this.data;
  }

  private languageService(): LanguageService {
    if (this.service) return this.service;
    // Loaded on first use, not at server start: yaml-language-server and its dependencies are most of the bundle.
    type YamlLanguageServiceModule = typeof import('yaml-language-server/lib/esm/languageservice/yamlLanguageService');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getLanguageService } = require('yaml-language-server/lib/esm/languageservice/yamlLanguageService') as YamlLanguageServiceModule;
    const service = getLanguageService({
      schemaRequestService: this.requestSchema,
      workspaceContext: { resolveRelativePath: (relativePath) => relativePath },
    });
    this.configureAssociations(service);
    this.service = service;
    return service;
  }

  private configureAssociations(service: LanguageService): void {
    // One association per kind: the virtual document's path names its kind. Associated schemas are
    // requested once and resolved once per kind (a custom schema provider would re-resolve every call).
    const data = this.schemaData();
    const keys = [
      ...Object.keys(data.bundle.kinds),
      ...(this.options.custom?.keys() ?? []).map((key) => `${CRD_KEY_PREFIX}${key}`),
      ...this.localSchemas.keys(),
    ];
    service.configure({
      validate: true,
      hover: true,
      completion: true,
      format: false,
      isKubernetes: false,
      customTags: [],
      hoverSchemaSource: false,
      disableDefaultProperties: true,
      schemas: keys.map((key) => ({ uri: schemaUri(key), fileMatch: [`/harden-schema-documents/${key}.yaml`] })),
    });
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
      const custom = this.customSchema(placed.key);
      const { bundle } = this.schemaData();
      validator = custom
        ? new KindValidator(custom, ((custom.definitions ?? custom.$defs) as Record<string, Json> | undefined) ?? {})
        : new KindValidator(bundle.definitions[bundle.kinds[placed.key]], bundle.definitions);
      this.validators.set(placed.key, validator);
    }
    const problems = doc && doc.errors.length === 0 ? validator.validate(doc) : validator.validateText(placed.text);
    this.warm = true;
    if (problems.length === 0) return [];
    const lines = new LineIndex(placed.text);
    const origin = this.schemaOrigin(placed);
    return problems.map((problem) => ({
      range: { start: lines.positionAt(problem.start), end: lines.positionAt(problem.end) },
      severity: DiagnosticSeverity.Warning,
      message: origin ? `${problem.message} ${origin}` : problem.message,
      source: SCHEMA_SOURCE,
    }));
  }

  /**
   * For a custom resource, which CRD of the workspace the schema comes from: linting its file alone (without that
   * CRD) says nothing, so a message that does not name it is a puzzle.
   */
  private schemaOrigin(placed: Placed): string | undefined {
    if (!placed.key.startsWith(CRD_KEY_PREFIX)) return undefined;
    const source = this.options.custom?.source(placed.key.slice(CRD_KEY_PREFIX.length));
    if (!source) return undefined;
    // A host may key a file by where it was configured (`crds:/abs/path`): the path is what the user knows.
    const path = source.path.replace(/^[A-Za-z][\w-]+:(?=\/|[A-Za-z]:[\\/])/, '');
    const file = placed.documentPath && isAbsolutePath(path) ? relativePath(dirnameOf(placed.documentPath), path) : path;
    return `(schema from CustomResourceDefinition ${source.crd || '(unnamed)'} in ${file}:${source.line})`;
  }

  /** Every segment with its cache entry; `placed` for those that get schema validation. */
  /** `text`: the file's text, or its documents as splitDocuments cuts it. */
  private placedSegments(
    previous: readonly TextEntry<CachedSegment>[],
    text: string | readonly YamlSegment[],
    documentPath: string | undefined,
  ): { entries: TextEntry<CachedSegment>[]; placed: Array<{ placed?: Placed; cached: CachedSegment }> } {
    const entries = reuseByText(
      previous,
      (typeof text === 'string' ? splitDocuments(text) : text).map((segment) => segment.text),
      (segmentText) => this.segmentEntry(segmentText, documentPath),
    );
    const placed: Array<{ placed?: Placed; cached: CachedSegment }> = [];
    let line = 0;
    for (const { text: segmentText, value: cached } of entries) {
      placed.push({ placed: cached.key === null ? undefined : { key: cached.key, text: segmentText, line, documentPath }, cached });
      line += cached.lines;
    }
    return { entries, placed };
  }

  private segmentEntry(text: string, documentPath: string | undefined): CachedSegment {
    const lines = countNewlines(text);
    const modeline = modelineOf(text, documentPath);
    const unreadable = modeline?.path !== undefined && this.customSchema(this.localKey(modeline.path)) === undefined;
    // A URL in a file that is no Kubernetes object (a helm-unittest suite, a CI workflow) is for other tools to
    // fetch: nothing to say. On an object, the note says why Harden does not validate it.
    const remoteOnNonObject = modeline?.path === undefined && typeMetaOf(text) === undefined;
    if (modeline && !remoteOnNonObject && (modeline.path === undefined || unreadable)) {
      const index = new LineIndex(text);
      const message =
        modeline.path === undefined
          ? offlineNote(modeline.ref)
          : `Harden cannot read the JSON schema ${modeline.ref} (${modeline.path}): this document is not validated.`;
      const note: Diagnostic = {
        range: { start: index.positionAt(modeline.start), end: index.positionAt(modeline.end) },
        severity: DiagnosticSeverity.Information,
        message,
        source: SCHEMA_SOURCE,
      };
      return { key: null, note, lines };
    }
    return { key: this.schemaKeyOf(text, documentPath) ?? null, lines };
  }

  private segmentAt(text: string, targetLine: number, documentPath?: string): Placed | undefined {
    let line = 0;
    const segments = splitDocuments(text);
    for (const [i, segment] of segments.entries()) {
      const lines = countNewlines(segment.text);
      if (targetLine < line + lines || i === segments.length - 1) {
        const key = this.schemaKeyOf(segment.text, documentPath);
        return key && this.schemaText(key) !== undefined ? { key, text: segment.text, line, documentPath } : undefined;
      }
      line += lines;
    }
    return undefined;
  }
}

/** The file path of a `file:` document URI (modelines resolve against its folder). */
function uriPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  return decodeURIComponent(uri.slice('file://'.length)).replace(/^\/([A-Za-z]:)/, '$1');
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
    out.textEdit = 'range' in edit ? shiftEdit(edit, lines) : { ...edit, insert: shiftRange(edit.insert, lines), replace: shiftRange(edit.replace, lines) };
  }
  if (item.additionalTextEdits) out.additionalTextEdits = item.additionalTextEdits.map((e) => shiftEdit(e, lines));
  return out;
}

/** setImmediate where there is one (Node); a zero timeout in the browser (the web server, hosts/web). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
