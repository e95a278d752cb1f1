// JUnit XML, which CI systems (GitLab `artifacts: reports: junit`, Jenkins, Azure Pipelines) show as test
// results: one <testsuite> per linted file, one failed <testcase> per finding, one passed testcase for a
// clean file (as ESLint's junit formatter does), and files that could not be linted as errors. Streamed:
// each file's suite is written as soon as the file is linted.
import { docsUrl, type Finding } from '../../engine';
import type { LintedFile } from './lintFile';
import type { Output } from './output';
import type { Reporter } from './reporter';

export function junitReporter(output: Output): Reporter {
  // Written with the first file (or at the end): a run that fails before any file is reported writes nothing.
  let started = false;
  const start = () => {
    if (!started) output.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="harden">\n');
    started = true;
  };
  return {
    file(result: LintedFile) {
      start();
      const name = result.file.display;
      const cases =
        result.findings.length === 0
          ? [`    <testcase name="${xml(name)}" classname="${xml(name)}" time="0"/>`]
          : result.findings.map((f) => failedCase(name, f));
      const suite = `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${result.findings.length}" errors="0" time="0">`;
      output.write(`${suite}\n${cases.join('\n')}\n  </testsuite>\n`);
    },
    end(summary) {
      start();
      if (summary.skipped.length > 0) {
        const cases = summary.skipped.map(({ file, reason }) => {
          const name = xml(file.display);
          return `    <testcase name="${name}" classname="${name}" time="0">\n      <error message="${xml(reason.split('\n')[0])}">${xml(reason)}</error>\n    </testcase>`;
        });
        output.write(
          `  <testsuite name="harden: files not linted" tests="${cases.length}" failures="0" errors="${cases.length}" time="0">\n${cases.join('\n')}\n  </testsuite>\n`,
        );
      }
      output.write('</testsuites>\n');
    },
  };
}

function failedCase(file: string, finding: Finding): string {
  const { line, character } = finding.range.start;
  const where = `${file}:${line + 1}:${character + 1}`;
  const body = `${where} ${finding.severity} ${finding.message}\n${docsUrl(finding.ruleId)}`;
  return [
    `    <testcase name="${xml(`${finding.ruleId} at ${line + 1}:${character + 1}`)}" classname="${xml(file)}" time="0">`,
    `      <failure type="${xml(finding.ruleId)}" message="${xml(`${finding.severity}: ${finding.message}`)}">${xml(body)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

// Characters XML 1.0 cannot hold at all (control characters, lone surrogates) are dropped; the rest escaped.
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are exactly what this finds
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/** Text for an attribute or element content: newlines are kept as character references (attributes would normalise them). */
function xml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"'\n\r\t]/g, (c) => ESCAPES[c]);
}
