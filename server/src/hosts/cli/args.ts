// Turns argv into a validated command. Every mistake becomes a CliError with a message that says what to
// type instead, because a CI log is often the only place a user sees it.
import { parseArgs } from 'node:util';
import { FIX_KINDS, RULE_CATEGORIES, SAFE_FIXES, allRules, ruleById } from '../../engine';
import type { FixFilter, FixKind, RuleCategory, SeverityOrOff } from '../../engine';
import { CliError } from './errors';

export type LintFormat = 'text' | 'json' | 'sarif';

export interface LintOptions {
  patterns: string[];
  format: LintFormat;
  fix: boolean;
  /** Which fixes `--fix` applies (`--fix-type`, `--fix-rule`, `--fix-category`); default: safe fixes. */
  fixFilter: FixFilter;
  kubernetesVersion?: string;
  rules: Record<string, SeverityOrOff>;
  maxWarnings?: number;
  quiet: boolean;
  noColor: boolean;
  output?: string;
  /** `--config <path>`: this `.harden.yaml` applies to every file instead of the nearest one. */
  config?: string;
  /** `--jobs N`: threads that lint in parallel; undefined = one per CPU the process may use. */
  jobs?: number;
}

export interface RulesOptions {
  format: 'text' | 'json';
  noColor: boolean;
  output?: string;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'rules'; options: RulesOptions }
  | { kind: 'lint'; options: LintOptions };

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  fix: { type: 'boolean' },
  'fix-type': { type: 'string', multiple: true },
  'fix-rule': { type: 'string', multiple: true },
  'fix-category': { type: 'string', multiple: true },
  'kubernetes-version': { type: 'string' },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  output: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const LINT_ONLY = ['fix', 'fix-type', 'fix-rule', 'fix-category', 'kubernetes-version', 'rule', 'max-warnings', 'quiet', 'config', 'jobs'] as const;
const SEVERITIES: readonly SeverityOrOff[] = ['off', 'info', 'warning', 'error'];

export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [name, ...rest] = positionals;
  if (name === undefined) throw new CliError('No command given. Run `harden lint <files|dirs|globs>...` or `harden --help`.');

  if (name === 'rules') {
    if (rest.length > 0) throw new CliError(`\`harden rules\` takes no arguments (got ${rest.join(' ')}).`);
    const misplaced = LINT_ONLY.find((option) => values[option] !== undefined);
    if (misplaced) throw new CliError(`--${misplaced} only applies to \`harden lint\`.`);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliError(`\`harden rules\` supports --format text or json, not '${format}'.`);
    return { kind: 'rules', options: { format, noColor: values['no-color'] === true, output: values.output } };
  }

  if (name === 'lint') {
    return {
      kind: 'lint',
      options: {
        patterns: rest.length > 0 ? rest : ['.'],
        format: parseFormat(values.format),
        fix: values.fix === true,
        fixFilter: parseFixFilter(values),
        kubernetesVersion: parseKubernetesVersion(values['kubernetes-version']),
        rules: parseRuleSettings(values.rule ?? []),
        maxWarnings: parseMaxWarnings(values['max-warnings']),
        quiet: values.quiet === true,
        noColor: values['no-color'] === true,
        output: values.output,
        config: parseConfigPath(values.config),
        jobs: parseJobs(values.jobs),
      },
    };
  }

  const hint = /[./*]/.test(name) ? ` Did you mean \`harden lint ${positionals.join(' ')}\`?` : '';
  throw new CliError(`Unknown command '${name}'.${hint} Commands: lint, rules.`);
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages are precise but long; keep their first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0] : String(error);
    throw new CliError(`${message}. Run \`harden --help\` for the options.`);
  }
}

function parseFormat(value: string | undefined): LintFormat {
  const format = value ?? 'text';
  if (format === 'text' || format === 'json' || format === 'sarif') return format;
  throw new CliError(`Unknown --format '${format}'. Use text, json or sarif.`);
}

/** Values of a repeatable option, each of which may also be a comma list. */
function listOf(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/**
 * `--fix-type safe|suggestion`, `--fix-rule <id>`, `--fix-category <cat>`: they narrow or widen `--fix`, so
 * they need it. Naming a rule without a type asks for that rule's fixes of both kinds (`--fix --fix-rule
 * k8s/replicas` applies its suggestion): the user chose the rule on purpose.
 */
function parseFixFilter(values: { fix?: boolean; 'fix-type'?: string[]; 'fix-rule'?: string[]; 'fix-category'?: string[] }): FixFilter {
  const types = listOf(values['fix-type']);
  const rules = listOf(values['fix-rule']);
  const categories = listOf(values['fix-category']);
  const given = [types && 'fix-type', rules && 'fix-rule', categories && 'fix-category'].find(Boolean);
  if (given && values.fix !== true) throw new CliError(`--${given} only applies with --fix (e.g. harden lint --fix --${given} …).`);
  for (const type of types ?? []) {
    if (!(FIX_KINDS as readonly string[]).includes(type)) throw new CliError(`Unknown --fix-type '${type}'. Use safe or suggestion (or both: safe,suggestion).`);
  }
  for (const id of rules ?? []) {
    if (!ruleById(id)) throw new CliError(`Unknown rule '${id}' in --fix-rule.${suggestRule(id)} Run \`harden rules\` to list rule ids.`);
  }
  for (const category of categories ?? []) {
    if (!(RULE_CATEGORIES as readonly string[]).includes(category)) {
      throw new CliError(`Unknown --fix-category '${category}'. Use ${RULE_CATEGORIES.join(', ')}.`);
    }
  }
  const kinds = (types ?? (rules ? FIX_KINDS : SAFE_FIXES.kinds)) as FixKind[];
  return { kinds: [...new Set(kinds)], ...(rules ? { rules } : {}), ...(categories ? { categories: categories as RuleCategory[] } : {}) };
}

function parseKubernetesVersion(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^v?(\d+\.\d+)$/.exec(value.trim());
  if (!match) throw new CliError(`--kubernetes-version must look like 1.32 (major.minor), not '${value}'.`);
  return match[1];
}

function parseConfigPath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new CliError('--config expects the path of a .harden.yaml file.');
  return value;
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new CliError(`--jobs must be a whole number >= 1, not '${value}'.`);
  return Number(value);
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`--max-warnings must be a whole number >= 0, not '${value}'.`);
  return Number(value);
}

export function parseRuleSettings(entries: readonly string[]): Record<string, SeverityOrOff> {
  const rules: Record<string, SeverityOrOff> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) throw new CliError(`--rule expects <rule-id>=<off|info|warning|error>, e.g. k8s/privileged=off; got '${entry}'.`);
    const id = entry.slice(0, at).trim();
    const severity = entry.slice(at + 1).trim();
    if (!ruleById(id)) throw new CliError(`Unknown rule '${id}' in --rule ${entry}.${suggestRule(id)} Run \`harden rules\` to list rule ids.`);
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      throw new CliError(`Unknown severity '${severity}' in --rule ${entry}. Use off, info, warning or error.`);
    }
    rules[id] = severity as SeverityOrOff;
  }
  return rules;
}

/** " Did you mean 'k8s/run-as-non-root'?" for a missing prefix or a small typo, else "". */
function suggestRule(id: string): string {
  const ids = allRules.map((rule) => rule.meta.id);
  const bySuffix = ids.find((candidate) => candidate.endsWith(`/${id}`));
  const closest = bySuffix ?? ids.filter((candidate) => editDistance(candidate, id) <= 3).sort((a, b) => editDistance(a, id) - editDistance(b, id))[0];
  return closest ? ` Did you mean '${closest}'?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
