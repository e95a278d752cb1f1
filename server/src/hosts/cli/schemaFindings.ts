// Schema validation in `harden lint`: the same validator, documents and messages as the editor's
// `harden-schema` diagnostics (services/schema), as findings whose rule id is that source name, so that
// the CLI and the editor report the same problems at the same places.
import { readFileSync } from 'node:fs';
import { detectLanguage, isConfigFile, isHelmNotesFile, type Finding, type Linter, type Severity } from '../../engine';
import { SCHEMA_SOURCE } from '../../services/schema/service';
import { CustomResourceSchemas, type CustomResourceFile } from '../../services/schema/custom';
import { SchemaServicesByMinor } from '../node/schemaFile';

export const SCHEMA_RULE_ID = SCHEMA_SOURCE;

export class SchemaFindings {
  // One service per shipped Kubernetes minor, picked by the file's kubernetesVersion as the editor picks it.
  // Local schema files named by `# yaml-language-server: $schema=` modelines are read as the editor reads them.
  // Custom resources are validated against the CRDs of the run's files and of `crds:` (loaded after the index pass).
  private readonly custom = new CustomResourceSchemas();
  private readonly services = new SchemaServicesByMinor({ readFile: readText, custom: this.custom });

  /** The run's CustomResourceDefinitions (every thread gets the same set). */
  setCustomResources(files: readonly CustomResourceFile[]): void {
    for (const path of this.custom.paths()) this.custom.setSchemas(path, new Map());
    for (const file of files) this.custom.setSchemas(file.path, new Map(file.schemas));
  }

  /** Findings for Kubernetes YAML (not `.harden.yaml`, not a chart's NOTES.txt); none for other files. */
  of(linter: Linter, path: string, text: string): Finding[] {
    if (detectLanguage(path) !== 'kubernetes' || isConfigFile(path) || isHelmNotesFile(path)) return [];
    const parsed = (documentText: string) => linter.parsedDocument(path, documentText);
    return this.services
      .serviceFor(linter.getSettings().kubernetesVersion)
      .validateAll(path, text, parsed)
      .map((diagnostic) => ({
        ruleId: SCHEMA_RULE_ID,
        severity: SEVERITY[diagnostic.severity ?? 2] ?? 'info',
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        range: diagnostic.range,
        fixes: [],
      }));
  }
}

/** LSP DiagnosticSeverity -> the CLI's (hints count as info). */
const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
