// SARIF 2.1.0 as GitHub code scanning ingests it: every registered rule as a reportingDescriptor with its
// docs link, results with 1-based regions relative to %SRCROOT% (the working directory), and
// fingerprints that survive unrelated edits so alerts are not re-opened on every push.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, docsUrl, type Finding, type Range, type RuleMeta, type SeverityOrOff } from '../../engine';
import type { LintedFile } from './lintFile';
import { overlaysOf } from './formatJson';
import type { Output } from './output';
import type { Reporter } from './reporter';
import { VERSION } from './version';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/harden-dev/harden';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

// GitHub ranks security alerts by this CVSS-like score (critical >= 9, high >= 7, medium >= 4, low).
const SECURITY_SEVERITY: Record<SeverityOrOff, string> = { error: '8.0', warning: '5.0', info: '2.0', off: '2.0' };

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

function ruleDescriptor(meta: RuleMeta) {
  const helpUri = docsUrl(meta.id);
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
    defaultConfiguration:
      meta.defaultSeverity === 'off' ? { level: 'none' as const, enabled: false } : { level: sarifLevel(meta.defaultSeverity) },
    properties: {
      tags: ['security', meta.language],
      'security-severity': SECURITY_SEVERITY[meta.defaultSeverity],
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
  const rules = allRules.map((rule) => ruleDescriptor(rule.meta));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results: object[] = [];

  return {
    file(result: LintedFile) {
      const location = artifactLocation(result.file.path, cwd);
      const lines = result.text.split(/\r?\n/);
      const occurrences = new Map<string, number>();
      for (const finding of result.findings) {
        const hash = lineHash(finding, location.uri, lines);
        const occurrence = (occurrences.get(hash) ?? 0) + 1;
        occurrences.set(hash, occurrence);
        const index = ruleIndex.get(finding.ruleId);
        results.push({
          ruleId: finding.ruleId,
          ...(index === undefined ? {} : { ruleIndex: index }),
          level: sarifLevel(finding.severity),
          message: { text: finding.message },
          locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(finding.range, lines) } }],
          partialFingerprints: { primaryLocationLineHash: `${hash}:${occurrence}` },
          ...(overlaysOf(finding).overlays ? { properties: { overlays: overlaysOf(finding).overlays } } : {}),
        });
      }
    },
    end(summary) {
      const notifications = summary.skipped.map((skipped) => ({
        level: skipped.failed ? 'error' : 'warning',
        message: { text: `${skipped.file.display}: ${skipped.reason.split('\n')[0]}` },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(skipped.file.path, cwd) } }],
      }));
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'harden', version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
            invocations: [
              { executionSuccessful: !summary.skipped.some((s) => s.failed), toolExecutionNotifications: notifications },
            ],
            originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
            columnKind: 'utf16CodeUnits', // the engine's columns are LSP (UTF-16) columns
            results,
            properties: { suppressedCount: summary.suppressed },
          },
        ],
      };
      output.write(`${JSON.stringify(log, null, 2)}\n`);
    },
  };
}

/** Stable across edits elsewhere in the file: rule, file and the trimmed text of the finding's first line. */
function lineHash(finding: Finding, uri: string, lines: readonly string[]): string {
  const lineText = (lines[finding.range.start.line] ?? '').trim();
  return createHash('sha256').update(`${finding.ruleId}\0${uri}\0${lineText}`).digest('hex').slice(0, 32);
}
