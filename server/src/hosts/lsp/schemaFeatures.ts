// The language server's side of schema validation, hover and completion: when a document gets them
// (settings, Red Hat YAML, ignored/oversized files), and the context-aware completions' inputs gathered
// from the engine. session.ts only forwards requests here.
import type { CompletionItem, Diagnostic, Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectLanguage, isConfigFile, schemaTurnedOff, type Linter, dockerfileForImage } from '../../engine';
import { offeredFields, provideCompletions, type WorkloadInfo } from '../../services/completion/provider';
import { isServed, sizeSkipReason } from './documentLinting';
import { uriToPath } from './paths';
import type { ServerSettings } from './settings';
import { KubernetesSchemaService } from '../../services/schema/service';
import { CustomResourceSchemas, mayDefineCrd, type CustomResourceFile } from '../../services/schema/custom';
import { segmentsOf } from './yamlDocuments';
import { SchemaServicesByMinor } from '../../services/schema/byMinor';
import { schemaMinorFor, type SchemaData } from '../../services/schema/data';

/** Initialization option (and `harden/redHatYaml` notification) from the client: Red Hat YAML validates Kubernetes. */
export const RED_HAT_YAML_OPTION = 'redHatYamlKubernetes';
export const RED_HAT_YAML_NOTIFICATION = 'harden/redHatYaml';
/**
 * Above this many documents still to validate (or before the schemas are loaded at all), harden diagnostics
 * are published first, schema ones after.
 */
const PUBLISH_EARLY_ABOVE = 20;

/** Keys of the CRDs read from `crds:` paths; they sort after the workspace's own files, which win on a conflict. */
const CONFIG_CRDS_PREFIX = 'crds:';

const WARM_UP_DOCUMENTS = ['apps/v1\nkind: Deployment', 'v1\nkind: Service', 'policy/v1\nkind: PodDisruptionBudget']
  .map((type) => `apiVersion: ${type}\nmetadata:\n  name: warm-up\n`)
  .join('---\n');

export interface SchemaFeatureOptions {
  settings: () => ServerSettings;
  linterFor: (document: TextDocument) => Linter | undefined;
  log: (message: string) => void;
  /** A shipped minor's schema (the host reads it: a file beside the bundle, or text from the web client). */
  loadSchema: (minor: string) => SchemaData;
  /** A local schema file named by a `# yaml-language-server: $schema=` modeline (undefined: not readable). */
  readSchemaFile: (path: string) => string | undefined;
}

/** An open document's text when it may define a CRD (none of its `---` documents does: undefined, nothing joined). */
function crdCandidateText(document: TextDocument): string | undefined {
  const segments = segmentsOf(document);
  return !segments || segments.some((segment) => mayDefineCrd(segment.text)) ? document.getText() : undefined;
}

export class SchemaFeatures {
  /** One service per shipped Kubernetes minor, created when a document targets it (`kubernetesVersion`). */
  /** The workspace's CustomResourceDefinitions, fed by the workspace scan and the open documents. */
  readonly customResources = new CustomResourceSchemas();
  /** Red Hat's YAML extension is active with a Kubernetes schema association (told by the client). */
  redHatYaml = false;

  private readonly services: SchemaServicesByMinor;

  constructor(private readonly options: SchemaFeatureOptions) {
    this.services = new SchemaServicesByMinor({
      log: options.log,
      custom: this.customResources,
      loadMinor: options.loadSchema,
      readFile: options.readSchemaFile,
    });
  }

  /** The service of the schema for a Kubernetes version (`major.minor`): the nearest shipped minor. */
  serviceFor(kubernetesVersion: string): KubernetesSchemaService {
    return this.services.serviceFor(kubernetesVersion);
  }

  /** The shipped minor whose schema validates this document (the web server reads it before the first validation). */
  minorFor(document: TextDocument): string {
    return schemaMinorFor(this.options.linterFor(document)?.getSettings().kubernetesVersion ?? '');
  }

  /** The newest schema's service (tests, warm-up). */
  get service(): KubernetesSchemaService {
    return this.serviceFor('');
  }

  private serviceOf(document: TextDocument, linter = this.options.linterFor(document)): KubernetesSchemaService {
    return this.serviceFor(linter?.getSettings().kubernetesVersion ?? '');
  }

  /**
   * A workspace file's text (undefined: gone) or open document, for CRDs and local `$schema` files. True when
   * schemas changed. A YAML document is read whole only when one of its documents may define a CRD.
   */
  fileChanged(path: string, content: string | TextDocument | undefined): boolean {
    const text = typeof content === 'object' ? crdCandidateText(content) : content;
    let changed = this.customResources.setFile(path, text);
    for (const service of this.services.all()) changed = service.localSchemaChanged(path) || changed;
    return changed;
  }

  /**
   * The CRDs read from the `crds:` paths of the configs (kept apart from the workspace's files, under their own
   * keys, so that a file both in the workspace and under `crds:` is not forgotten when one source drops it).
   * True when schemas changed.
   */
  setConfigCrds(files: readonly CustomResourceFile[]): boolean {
    const keyOf = (path: string) => `${CONFIG_CRDS_PREFIX}${path}`;
    const next = new Map(files.map((file) => [keyOf(file.path), new Map(file.schemas)]));
    let changed = false;
    for (const key of this.customResources.paths(CONFIG_CRDS_PREFIX)) if (!next.has(key)) changed = this.customResources.setSchemas(key, new Map()) || changed;
    for (const [key, schemas] of next) changed = this.customResources.setSchemas(key, schemas) || changed;
    return changed;
  }

  setInitializationOptions(options: unknown): void {
    this.redHatYaml = typeof options === 'object' && options !== null && (options as Record<string, unknown>)[RED_HAT_YAML_OPTION] === true;
  }

  /** Schema features are on for this document. */
  appliesTo(document: TextDocument, linter = this.options.linterFor(document)): boolean {
    const settings = this.options.settings();
    if (!settings.enable || !settings['schema.enable'] || (this.redHatYaml && !settings['schema.override'])) return false;
    const path = uriToPath(document.uri);
    if (!linter || !isServed(document) || detectLanguage(path, document.languageId) !== 'kubernetes' || isConfigFile(path)) return false;
    if (schemaTurnedOff(linter.getSettings())) return false; // `harden-schema: off` in its .harden.yaml
    return sizeSkipReason(document, settings) === undefined;
  }

  /**
   * Schema diagnostics of the document (cached per `---` document), or undefined when it went stale.
   * `early` is called with nothing before a long first validation, so that harden's own diagnostics show first.
   */
  async diagnostics(document: TextDocument, isCurrent: () => boolean, early?: () => Promise<void>): Promise<Diagnostic[] | undefined> {
    if (!this.appliesTo(document)) {
      this.forget(document.uri);
      return [];
    }
    const longRun = early && { above: PUBLISH_EARLY_ABOVE, before: early };
    const stats = { validated: 0 };
    const linter = this.options.linterFor(document);
    const path = uriToPath(document.uri);
    const parsed = (documentText: string) => linter?.parsedDocument(path, documentText);
    const diagnostics = await this.serviceOf(document, linter).validate(document.uri, segmentsOf(document) ?? document.getText(), {
      isCurrent,
      longRun,
      stats,
      parsed,
    });
    if (stats.validated > 0) this.options.log(`[harden] schema: validated ${stats.validated} document(s) of ${document.uri}`);
    return diagnostics;
  }

  forget(uri: string): void {
    for (const service of this.services.all()) service.forget(uri);
  }

  /**
   * Loads the schema data and yaml-language-server and resolves the workload schemas in the background
   * after startup (~100 ms), so that the first document's diagnostics are not held back by them.
   */
  async warmUp(): Promise<void> {
    const settings = this.options.settings();
    if (!settings.enable || !settings['schema.enable'] || (this.redHatYaml && !settings['schema.override'])) return;
    const uri = 'harden-internal:warm-up';
    await this.service.validate(uri, WARM_UP_DOCUMENTS);
    this.service.forget(uri);
  }

  async hover(document: TextDocument, position: Position): Promise<Hover | null> {
    return this.appliesTo(document) ? this.serviceOf(document).hover(document.getText(), position, uriToPath(document.uri)) : null;
  }

  async completion(document: TextDocument, position: Position): Promise<CompletionItem[]> {
    const linter = this.options.linterFor(document);
    const path = uriToPath(document.uri);
    if (!this.options.settings().enable || !linter || !isServed(document) || detectLanguage(path, document.languageId) !== 'kubernetes' || isConfigFile(path))
      return [];
    const text = document.getText();
    const engine = linter.getSettings();
    const ours = provideCompletions({
      text,
      position,
      workloads: workloadsOf(linter, path),
      userIdsForImage: (image) => {
        const dockerfile = dockerfileForImage(image, linter.index, engine);
        return dockerfile && { uid: dockerfile.uid, gid: dockerfile.gid };
      },
      kubernetesVersion: engine.kubernetesVersion,
      workloadKinds: engine.workloadKinds,
    });
    if (!this.appliesTo(document, linter)) return ours;
    const fields = offeredFields(ours);
    const schema = await this.serviceOf(document, linter).complete(text, position, path);
    return [...ours, ...schema.filter((item) => !fields.has(item.label))];
  }
}

/** Workloads of this file as the engine indexed them (the file is linted on open and on every change). */
function workloadsOf(linter: Linter, path: string): WorkloadInfo[] {
  const out: WorkloadInfo[] = [];
  for (const object of linter.index.objects()) {
    if (object.path !== path || !object.podLabels) continue;
    out.push({ kind: object.kind, name: object.name, namespace: object.namespace, podLabels: object.podLabels });
  }
  return out;
}
