// What a Compose rule gets: the parsed file, an editor for fixes, and answers to the questions several rules
// ask (is this service only a partial definition? which Dockerfile does it build?).
import { isMap, type Node } from 'yaml';
import { pairOf } from '../yaml/nodes';
import type { RawFix, RuleModule } from '../rule';
import type { DockerfileSummary, WorkspaceIndex } from '../k8s/workspace-index';
import type { EngineSettings, HostFileSystem, OffsetEdit, RuleMeta } from '../types';
import { YamlEditor } from '../yaml/edit';
import { BASE_COMPOSE_FILE_NAMES, isBaseComposeFileName, parseCompose, serviceField, type ComposeModel, type ComposeService } from './model';
import { folderOf, serviceBuild, type ServiceBuild } from './build';

export type ComposeRule = RuleModule<ComposeContext>;

/**
 * Meta of the Compose security rules whose fix removes or restricts something: a suggestion, because the
 * service may rely on it (the same reasoning as the matching Pod rules).
 */
export const OWNER_DECIDES_FIX = {
  fixable: true,
  category: 'security',
  fixKinds: {
    suggestion: 'A Compose service may rely on what this removes or restricts; only its owner can tell, so it is never applied in bulk.',
  },
} as const satisfies Pick<RuleMeta, 'fixable' | 'category' | 'fixKinds'>;

export class ComposeContext {
  private editorCache: YamlEditor | undefined;
  private readonly builds = new Map<ComposeService, ServiceBuild | undefined>();
  /** An override or variant file (`compose.override.yaml`, `docker-compose.prod.yml`) beside a base file. */
  readonly isOverrideFile: boolean;
  /** The services of the base files beside an override file (what the override may complete). */
  private baseServices: Set<string> | undefined;

  constructor(
    readonly model: ComposeModel,
    readonly text: string,
    readonly path: string,
    readonly settings: EngineSettings,
    readonly fs: HostFileSystem,
    readonly index: WorkspaceIndex,
  ) {
    const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
    const folder = folderOf(path);
    this.isOverrideFile = !isBaseComposeFileName(base) && this.baseFiles(folder).length > 0;
  }

  private baseFiles(folder: string): string[] {
    return BASE_COMPOSE_FILE_NAMES.map((name) => `${folder.replace(/\/$/, '')}/${name}`).filter((path) => this.fs.exists(path));
  }

  get editor(): YamlEditor {
    this.editorCache ??= new YamlEditor(this.text, this.model.doc);
    return this.editorCache;
  }

  field(service: ComposeService, key: string) {
    return serviceField(this.model, service, key);
  }

  /**
   * Whether the file holds only part of the service: in an override file, or completed by `extends`, or
   * with neither `image` nor `build` (which every runnable service has). Absent settings are then unknowable,
   * so rules about missing settings say nothing; explicit values are still checked.
   */
  isPartial(service: ComposeService): boolean {
    if (this.field(service, 'extends') !== undefined) return true;
    if (this.isOverrideFile && this.inBaseFile(service.name)) return true;
    return this.field(service, 'image') === undefined && this.field(service, 'build') === undefined;
  }

  /**
   * Whether a base file beside this override defines the service: a service only the variant file adds
   * (opentelemetry-demo's `compose.observability.yaml` adds jaeger, grafana, prometheus) is whole here. A base file
   * that cannot be read or parsed, or that includes other files, counts as defining every service.
   */
  private inBaseFile(name: string): boolean {
    if (!this.baseServices) {
      const names = new Set<string>();
      for (const path of this.baseFiles(folderOf(this.path))) {
        const text = this.fs.readFile(path);
        if (text === undefined) return true;
        const model = parseCompose(text);
        // Services it includes from other files are not known here.
        if (model.doc.errors.length > 0 || (isMap(model.doc.contents) && pairOf(model.doc.contents, 'include'))) return true;
        for (const service of model.services) names.add(service.name);
      }
      this.baseServices = names;
    }
    return this.baseServices.has(name);
  }

  build(service: ComposeService): ServiceBuild | undefined {
    if (!this.builds.has(service)) this.builds.set(service, serviceBuild(this.model, service, this.path, this.fs, this.index));
    return this.builds.get(service);
  }

  /** What the service's own Dockerfile runs as, when the service is built from one in the workspace. */
  dockerfile(service: ComposeService): DockerfileSummary | undefined {
    return this.build(service)?.summary;
  }
}

/** Findings about a whole service sit on its name. */
export function spanOfService(service: ComposeService): { start: number; end: number } {
  const [start, end] = service.key.range ?? [0, 0];
  return { start, end };
}

/**
 * A fix offered in the editor but never applied by fix-all or `--fix`: each Compose fix changes what the
 * service may do at run time, and only its owner knows whether it still works afterwards.
 */
export function suggestion(title: string, edits: OffsetEdit[] | undefined): RawFix[] {
  return edits && edits.length > 0 ? [{ title, edits, kind: 'suggestion' }] : [];
}

/** Offsets of a node in the file. */
export function spanOfNode(node: Node): { start: number; end: number } {
  const [start, end] = node.range ?? [0, 0];
  return { start, end };
}
