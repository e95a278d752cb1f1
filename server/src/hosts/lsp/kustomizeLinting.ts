// The language server's kustomize support: a base, patch or kustomization file shows the findings of the
// top-level overlays built from it, and an edit to any of them re-lints the other open files those
// overlays read. The workspace's kustomization files are found by the workspace scan and file events.
import * as path from 'node:path';
import { isKustomizationFile, KustomizeService, type EngineSettings, type Finding, type HostFileSystem } from '../../engine';
import { walkFiles } from '../node/walkFiles';

export class KustomizeLinting {
  readonly service: KustomizeService;
  private known = new Set<string>();

  constructor(
    fs: HostFileSystem,
    private readonly roots: () => readonly string[],
    private readonly settingsOf: (kustomization: string) => EngineSettings | undefined,
  ) {
    this.service = new KustomizeService(fs, () => ({ roots: [...this.roots()] }));
  }

  /** Finds every kustomization file of the workspace (after a workspace scan). */
  rescan(): void {
    const found: string[] = [];
    for (const root of this.roots()) for (const file of walkFiles(root)) if (isKustomizationFile(file)) found.push(file);
    this.known = new Set(found);
    this.service.setKustomizations(found);
  }

  /** A file was created or deleted on disk, or opened in the editor; true when the set of kustomizations changed. */
  fileSeen(file: string, exists: boolean): boolean {
    if (!isKustomizationFile(file) || this.known.has(file) === exists) return false;
    if (exists) this.known.add(file);
    else this.known.delete(file);
    this.service.setKustomizations([...this.known]);
    return true;
  }

  /** The file's findings through its overlays; undefined when no overlay reads it (lint it on its own). */
  findingsFor(file: string): Finding[] | undefined {
    if (!this.service.hasKustomizations()) return undefined;
    return this.service.findingsFor(path.normalize(file), this.settingsOf);
  }

  /** Some overlay's build reads the file: it shows that overlay's findings. */
  isReadByOverlays(file: string): boolean {
    return this.service.hasKustomizations() && this.service.overlaysOf(path.normalize(file)).length > 0;
  }

  /** Read by overlays only as a patch: schema checks for required fields do not apply to it. */
  isPatchOnly(file: string): boolean {
    return this.service.hasKustomizations() && this.service.isPatchOnly(path.normalize(file));
  }

  /** Other files the overlays reading `file` also read. */
  dependants(file: string): string[] {
    if (!this.service.hasKustomizations()) return [];
    return this.service.dependants(path.normalize(file));
  }
}
