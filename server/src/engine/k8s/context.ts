// What a Kubernetes rule sees: one object (with its workload view, if it is one), its document's text
// for offsets, an editor for fixes, the settings, and the other objects of the same file.
import type { Document } from 'yaml';
import type { RuleModule } from '../rule';
import type { EngineSettings, HostFileSystem } from '../types';
import { YamlEditor } from '../yaml/edit';
import { toWorkload, type K8sObject, type Workload } from './model';
import type { WorkspaceIndex } from './workspace-index';

export interface ParsedObject {
  object: K8sObject;
  doc: Document.Parsed;
  text: string;
  /** Built on first use and kept with the cached document: style detection walks the whole document. */
  editor?: YamlEditor;
}

export class K8sContext {
  readonly workload: Workload | undefined;

  constructor(
    readonly parsed: ParsedObject,
    readonly settings: EngineSettings,
    readonly fs: HostFileSystem,
    /** Objects of every indexed file (this one included); only for rules marked `crossDocument`. */
    readonly index: WorkspaceIndex,
    /** The file being linted. */
    readonly path: string,
  ) {
    this.workload = toWorkload(parsed.object, settings.workloadKinds);
  }

  get object(): K8sObject {
    return this.parsed.object;
  }

  get text(): string {
    return this.parsed.text;
  }

  /** Built on first use: most objects need no fix, and style detection walks the document. */
  get editor(): YamlEditor {
    this.parsed.editor ??= new YamlEditor(this.parsed.text, this.parsed.doc);
    return this.parsed.editor;
  }
}

export interface K8sRule extends RuleModule<K8sContext> {
  /** The rule reads other documents or files (through `index`), so its results are not cached with its document. */
  crossDocument?: boolean;
}
