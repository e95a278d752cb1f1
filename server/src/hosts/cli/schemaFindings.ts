// Schema validation in `harden lint`: the same validator, documents and messages as the editor's
// `harden-schema` diagnostics (services/schema), as findings whose rule id is that source name, so that
// the CLI and the editor report the same problems at the same places.
import { detectLanguage, isConfigFile, type Finding, type Linter } from '../../engine';
import { KubernetesSchemaService, SCHEMA_SOURCE } from '../../services/schema/service';

export const SCHEMA_RULE_ID = SCHEMA_SOURCE;

export class SchemaFindings {
  private readonly service = new KubernetesSchemaService();

  /** Findings for Kubernetes YAML (not `.harden.yaml`); none for other files. */
  of(linter: Linter, path: string, text: string): Finding[] {
    if (detectLanguage(path) !== 'kubernetes' || isConfigFile(path)) return [];
    const parsed = (documentText: string) => linter.parsedDocument(path, documentText);
    return this.service.validateAll(text, parsed).map((diagnostic) => ({
      ruleId: SCHEMA_RULE_ID,
      severity: 'warning',
      message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
      range: diagnostic.range,
      fixes: [],
    }));
  }
}
