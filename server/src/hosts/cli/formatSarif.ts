// SARIF 2.1.0 as GitHub code scanning ingests it: every registered rule as a reportingDescriptor with its
// docs link, category tag and precision (security-severity only on security rules), results with 1-based
// regions relative to %SRCROOT% (the working directory), and fingerprints that survive unrelated edits so
// alerts are not re-opened on every push. Results are streamed, one per line, as files are linted.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, docsUrl, DOCS_ONLINE_BASE_URL, type Range, type RuleMeta, type SeverityOrOff } from '../../engine';
import { lineFingerprints } from './fingerprints';
import { JsonArrayStream } from './jsonStream';
import type { LintedFile } from './lintFile';
import { overlaysOf } from './formatJson';
import type { Output } from './output';
import type { Reporter } from './reporter';
import { ruleCategory, rulePrecision, securitySeverity } from './ruleCategories';
import { SCHEMA_RULE_ID } from './schemaFindings';
import { VERSION } from './version';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/harden-lint';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const SCHEMA_DOCS_URL = `${DOCS_ONLINE_BASE_URL}schema.md`;

/** The editor's schema diagnostics, which `harden lint` reports too, as a rule of their own. */
const SCHEMA_META = {
  id: SCHEMA_RULE_ID,
  language: 'kubernetes',
  defaultSeverity: 'warning',
  description: 'A Kubernetes object does not match the Kubernetes API schema (unknown field, wrong type, missing required field).',
  rationale: 'The API server rejects such an object, or silently drops the unknown field, so the setting you wrote never applies.',
  seeds: [],
  fixable: false,
  category: 'hygiene',
} satisfies RuleMeta;

export function sarifLevel(severity: SeverityOrOff): SarifLevel {
  return severity === 'info' ? 'note' : severity === 'off' ? 'none' : severity;
}

/** `k8s/run-as-non-root` → `K8sRunAsNonRoot`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function ruleDescriptor(meta: RuleMeta, helpUri: string) {
  const category = ruleCategory(meta.id);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    helpUri,
    help: {
      text: `${meta.description}\n\n${meta.rationale}\n\nDocumentation: ${helpUri}`,
      markdown: `**${meta.description}**\n\n${meta.rationale}\n\n[Documentation](${helpUri})`,
    },
    defaultConfiguration: meta.defaultSeverity === 'off' ? { level: 'none' as const, enabled: false } : { level: sarifLevel(meta.defaultSeverity) },
    properties: {
      tags: [category, meta.language],
      precision: rulePrecision(meta.id),
      ...(category === 'security' ? { 'security-severity': securitySeverity(meta.defaultSeverity) } : {}),
      ...(meta.aliases ? { aliases: meta.aliases } : {}),
    },
  };
}

/** A URI relative to %SRCROOT% when the file is under the working directory, else an absolute file URI. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** 1-based region, end column exclusive. A range ending at column 0 of a later line ends that previous line. */
export function sarifRegion(range: Range, lines: readonly string[]) {
  let { line: endLine, character: endCharacter } = range.end;
  if (endCharacter === 0 && endLine > range.start.line) {
    endLine--;
    endCharacter = (lines[endLine] ?? '').length;
  }
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: endLine + 1, endColumn: endCharacter + 1 };
}

export function sarifReporter(output: Output, cwd: string): Reporter {
  const rules = [...allRules.map((rule) => ruleDescriptor(rule.meta, docsUrl(rule.meta.id))), ruleDescriptor(SCHEMA_META, SCHEMA_DOCS_URL)];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const driver = { name: 'harden', version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules };
  const head = `{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[{"tool":${JSON.stringify({ driver })},"results":[`;
  const results = new JsonArrayStream(output, head);

  return {
    file(result: LintedFile) {
      const location = artifactLocation(result.file.path, cwd);
      const lines = result.text.split(/\r?\n/);
      const fingerprints = lineFingerprints(result.findings, location.uri, lines);
      const fileResults = result.findings.map((finding, i) => {
        const index = ruleIndex.get(finding.ruleId);
        return {
          ruleId: finding.ruleId,
          ...(index === undefined ? {} : { ruleIndex: index }),
          level: sarifLevel(finding.severity),
          message: { text: finding.message },
          locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(finding.range, lines) } }],
          partialFingerprints: { primaryLocationLineHash: fingerprints[i] },
          ...(overlaysOf(finding).overlays ? { properties: { overlays: overlaysOf(finding).overlays } } : {}),
        };
      });
      results.push(fileResults);
    },
    end(summary) {
      const notifications = summary.skipped.map((skipped) => ({
        level: skipped.failed ? 'error' : 'warning',
        message: { text: `${skipped.file.display}: ${skipped.reason.split('\n')[0]}` },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(skipped.file.path, cwd) } }],
      }));
      const rest = {
        invocations: [{ executionSuccessful: !summary.skipped.some((s) => s.failed), toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
        columnKind: 'utf16CodeUnits', // the engine's columns are LSP (UTF-16) columns
        properties: { suppressedCount: summary.suppressed },
      };
      // The run's other members follow its results: `],` closes the results, the object's braces are dropped.
      results.end(`],${JSON.stringify(rest).slice(1, -1)}}]}`);
    },
  };
}
