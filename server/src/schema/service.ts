// Schema validation, hover and property completion for Kubernetes YAML through yaml-language-server's
// language service, offline. The schema data is read once per server; each YAML document (`---` segment)
// is validated on its own against the schema of its apiVersion/kind, and results are cached by the
// document's text, so an edit re-validates only the document that changed.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position, Range, TextEdit } from 'vscode-languageserver';
import { getLanguageService, type LanguageService } from 'yaml-language-server/lib/esm/languageservice/yamlLanguageService';
import { splitDocuments } from '../engine/yaml/documents';
import { keyOfSchemaUri, SchemaData, schemaUri } from './data';
import { selectSchema } from './select';

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

interface Placed {
  key: string;
  /** Text of the segment. */
  text: string;
  /** Line of the whole file where the segment starts. */
  line: number;
}

/** Thrown for every schema request that is not for our bundled data (URLs included): we never fetch. */
export class OfflineSchemaError extends Error {}

export class KubernetesSchemaService {
  /** yaml-language-server doValidation calls made so far (one per validated document); a test hook. */
  validations = 0;
  /** Every URI yaml-language-server asked for, served or refused; a test hook. */
  readonly requestedUris: string[] = [];
  private data: SchemaData | undefined;
  private service: LanguageService | undefined;
  private readonly files = new Map<string, Map<string, Diagnostic[]>>();
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
  async validate(uri: string, text: string, isCurrent: () => boolean = () => true): Promise<Diagnostic[] | undefined> {
    const previous = this.files.get(uri) ?? new Map<string, Diagnostic[]>();
    const current = new Map<string, Diagnostic[]>();
    const out: Diagnostic[] = [];
    let lastYield = Date.now();
    for (const placed of this.placedSegments(text)) {
      let diagnostics = current.get(placed.text) ?? previous.get(placed.text);
      if (!diagnostics) {
        if (Date.now() - lastYield > YIELD_AFTER_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
          if (!isCurrent()) {
            this.files.set(uri, new Map([...previous, ...current]));
            return undefined;
          }
        }
        diagnostics = await this.validateSegment(placed);
      }
      current.set(placed.text, diagnostics);
      for (const diagnostic of diagnostics) out.push(shiftDiagnostic(diagnostic, placed.line));
    }
    this.files.set(uri, current);
    return out;
  }

  /** How many documents of this text would be validated now (not cached). */
  pending(uri: string, text: string): number {
    const cached = this.files.get(uri);
    return this.placedSegments(text).filter((placed) => !cached?.has(placed.text)).length;
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
    return hover.range ? { ...hover, range: shiftRange(hover.range, placed.line) } : hover;
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

  private schemaData(): SchemaData {
    this.data ??= (this.options.load ?? (() => SchemaData.load()))();
    return this.data;
  }

  private languageService(): LanguageService {
    if (this.service) return this.service;
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

  private async validateSegment(placed: Placed): Promise<Diagnostic[]> {
    this.validations++;
    const diagnostics = await this.run((service) => service.doValidation(this.virtualDocument(placed), false));
    const out: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
      // Syntax errors are harden/parse-error's; a problem with the schema itself is our bug, not the user's.
      if (!diagnostic.source?.startsWith('yaml-schema')) {
        if (diagnostic.source !== 'YAML') this.options.log?.(`[harden] schema: dropped ${diagnostic.source}: ${diagnostic.message}`);
        continue;
      }
      // `Expected "io.k8s.api.core.v1.Lifecycle"` -> `Expected "Lifecycle"`.
      const message = diagnostic.message.replace(/\bio\.k8s\.[\w.]+\.(\w+)/g, '$1');
      out.push({ range: diagnostic.range, severity: diagnostic.severity, message, source: SCHEMA_SOURCE });
    }
    return out;
  }

  /** The segments that get schema validation, with the line where each starts. */
  private placedSegments(text: string): Placed[] {
    const out: Placed[] = [];
    let line = 0;
    for (const segment of splitDocuments(text)) {
      const key = this.schemaKeyOf(segment.text);
      if (key) out.push({ key, text: segment.text, line });
      line += countNewlines(segment.text);
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

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
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
