// `harden rules`: the registry as a table (or JSON), so users can find ids for --rule and suppressions.
import * as fs from 'node:fs';
import { allRules, docsUrl, offeredFixKinds, type RuleMeta } from '../../engine';
import { localDocsFile } from '../node/ruleDocs';
import { CliError } from './errors';
import type { RulesOptions } from './args';
import { chooseStyle } from './colors';
import { openOutput, type Stdout } from './output';

/** What the command takes from the process. */
export interface RulesEnvironment {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: Stdout;
}

export function runRulesCommand(options: RulesOptions, io: RulesEnvironment): number {
  if (options.docs !== undefined) return printDocs(options.docs, options, io);
  const output = openOutput(options.output, io.stdout, io.cwd);
  const metas = allRules.map((rule) => rule.meta);
  if (options.format === 'json') {
    const rules = metas.map((m) => ({
      id: m.id,
      language: m.language,
      defaultSeverity: m.defaultSeverity,
      fixable: m.fixable,
      category: m.category,
      fixKinds: offeredFixKinds(m),
      description: m.description,
      docs: docsUrl(m.id),
    }));
    output.write(`${JSON.stringify({ version: 1, rules })}\n`);
  } else {
    const style = chooseStyle({ isTTY: output.isTTY, noColor: options.noColor, env: io.env });
    const idWidth = Math.max(2, ...metas.map((m) => m.id.length));
    // FIX: the kinds of fix offered; plain --fix applies `safe` ones only.
    const fixColumn = (m: RuleMeta) => offeredFixKinds(m).join('+') || 'no';
    const header = `${'ID'.padEnd(idWidth)}  SEVERITY  CATEGORY      FIX              DESCRIPTION`;
    const rows = metas.map(
      (m) => `${m.id.padEnd(idWidth)}  ${m.defaultSeverity.padEnd(8)}  ${m.category.padEnd(12)}  ${fixColumn(m).padEnd(15)}  ${m.description}`,
    );
    output.write(`${style.bold(header)}\n${rows.join('\n')}\n`);
  }
  output.close();
  return 0;
}

/** `harden rules --docs <id>`: the rule's page as shipped (Markdown), offline. */
function printDocs(ruleId: string, options: RulesOptions, io: RulesEnvironment): number {
  const file = localDocsFile(ruleId);
  if (!file) throw new CliError(`The documentation of ${ruleId} is not installed with this copy of harden; it is online at ${docsUrl(ruleId)}`);
  const output = openOutput(options.output, io.stdout, io.cwd);
  output.write(fs.readFileSync(file, 'utf8'));
  output.close();
  return 0;
}
