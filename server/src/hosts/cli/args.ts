// Turns argv into a validated command. Every mistake becomes a CliError with a message that says what to
// type instead, because a CI log is often the only place a user sees it.
import { parseArgs } from 'node:util';
import { FIX_KINDS, RULE_CATEGORIES, SAFE_FIXES, allRules, isSeverityOrOff, ruleById } from '../../engine';
import type { FixFilter, FixKind, RuleCategory, SeverityOrOff } from '../../engine';
import { CliError } from './errors';
import { SCHEMA_RULE_ID } from './schemaFindings';

export const LINT_FORMATS = ['text', 'json', 'sarif', 'gitlab', 'junit'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** `lint -`: the text comes from stdin. */
export const STDIN_PATTERN = '-';

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
  /** `--values <file>` (repeatable): values files for Helm charts, like `helm template -f`. */
  valuesFiles: string[];
  /** `--jobs N`: threads that lint in parallel; undefined = one per CPU the process may use. */
  jobs?: number;
  /** `--stdin-filename`: the path stdin's text (`lint -`) is linted as (language, config, display). */
  stdinFilename?: string;
  /** `--allow-empty`: no file to lint is not an error. */
  allowEmpty: boolean;
  /** Schema validation of Kubernetes YAML (what the editor reports as `harden-schema`); `--no-schema` turns it off. */
  schema: boolean;
  /** `--max-file-size`: larger files are skipped (with a warning); undefined = no limit. */
  maxFileBytes?: number;
  /** `--target <stage>`: the Dockerfile stage whose image runs, like `docker build --target` (the `dockerTarget` setting). */
  target?: string;
}

/** `--max-file-size` default, like the editor's `harden.maxFileSizeKB` but higher: CI lints rendered output too. */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface RulesOptions {
  format: 'text' | 'json';
  /** `--docs <id>`: print that rule's documentation page instead of the list. */
  docs?: string;
  noColor: boolean;
  output?: string;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'rules'; options: RulesOptions } | { kind: 'lint'; options: LintOptions };

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
  values: { type: 'string', multiple: true },
  jobs: { type: 'string', short: 'j' },
  'stdin-filename': { type: 'string' },
  'allow-empty': { type: 'boolean' },
  'no-schema': { type: 'boolean' },
  docs: { type: 'string' },
  'max-file-size': { type: 'string' },
  target: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const LINT_ONLY = [
  'fix',
  'fix-type',
  'fix-rule',
  'fix-category',
  'kubernetes-version',
  'rule',
  'max-warnings',
  'quiet',
  'config',
  'values',
  'jobs',
  'max-file-size',
  'stdin-filename',
  'allow-empty',
  'no-schema',
  'target',
] as const;
/** Spellings other linters accept (ESLint's `warn`). */
const SEVERITY_ALIASES: Record<string, SeverityOrOff> = { warn: 'warning' };

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
    return { kind: 'rules', options: { format, docs: parseDocsRule(values.docs), noColor: values['no-color'] === true, output: values.output } };
  }

  if (name === 'lint') {
    if (values.docs !== undefined) throw new CliError('--docs only applies to `harden rules`.');
    const stdinFilename = parseStdinFilename(values['stdin-filename'], rest);
    if (values.fix && rest.includes(STDIN_PATTERN)) throw new CliError('--fix cannot write back to stdin; lint the file itself to fix it.');
    return {
      kind: 'lint',
      options: {
        patterns: rest.length > 0 ? rest : ['.'],
        format: parseFormat(values.format),
        fix: values.fix === true,
        fixFilter: parseFixFilter(values),
        kubernetesVersion: parseKubernetesVersion(values['kubernetes-version']),
        rules: parseRuleSettings((values.rule ?? []).filter((entry) => !isSchemaEntry(entry))),
        maxWarnings: parseMaxWarnings(values['max-warnings']),
        quiet: values.quiet === true,
        noColor: values['no-color'] === true,
        output: values.output,
        config: parseConfigPath(values.config),
        valuesFiles: values.values ?? [],
        jobs: parseJobs(values.jobs),
        stdinFilename,
        allowEmpty: values['allow-empty'] === true,
        schema: values['no-schema'] !== true && !schemaTurnedOff(values.rule ?? []),
        maxFileBytes: parseMaxFileSize(values['max-file-size']),
        target: parseTarget(values.target),
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
  if ((LINT_FORMATS as readonly string[]).includes(format)) return format as LintFormat;
  throw new CliError(`Unknown --format '${format}'. Use ${LINT_FORMATS.join(', ')}.`);
}

function parseStdinFilename(value: string | undefined, patterns: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new CliError('--stdin-filename expects the path the piped text is linted as, e.g. k8s/deploy.yaml.');
  if (!patterns.includes(STDIN_PATTERN))
    throw new CliError('--stdin-filename only applies when the text comes from stdin: `harden lint - --stdin-filename <path>`.');
  return value;
}

function parseDocsRule(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const id = value.trim();
  if (!ruleById(id)) throw new CliError(`Unknown rule '${id}' in --docs.${suggestRule(id)} Run \`harden rules\` to list rule ids.`);
  return ruleById(id)?.meta.id;
}

/** Values of a repeatable option, each of which may also be a comma list. */
function listOf(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
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
    if (!(FIX_KINDS as readonly string[]).includes(type))
      throw new CliError(`Unknown --fix-type '${type}'. Use safe or suggestion (or both: safe,suggestion).`);
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

/** A stage name as `FROM … AS <name>` takes it (BuildKit: a letter, then letters, digits, `-`, `_`, `.`). */
function parseTarget(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const name = value.trim();
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(name)) {
    throw new CliError(`--target expects the name of a Dockerfile stage (FROM … AS <name>), like docker build --target; got '${value}'.`);
  }
  return name;
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new CliError(`--jobs must be a whole number >= 1, not '${value}'.`);
  return Number(value);
}

const SIZE_UNITS: Record<string, number> = { '': 1024, k: 1024, kb: 1024, m: 1024 * 1024, mb: 1024 * 1024 };

/** `4MB`, `512KB` or a number of KB (as the editor's harden.maxFileSizeKB); `0` means no limit. */
function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return DEFAULT_MAX_FILE_BYTES;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new CliError(`--max-file-size must be a size such as 4MB, 512KB or 0 (no limit), not '${value}'.`);
  const bytes = Math.round(Number(match[1]) * unit);
  return bytes === 0 ? undefined : bytes;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`--max-warnings must be a whole number >= 0, not '${value}'.`);
  return Number(value);
}

// Schema findings carry `harden-schema` where a rule id goes, so users turn them off as a rule: `--rule
// harden-schema=off` is `--no-schema`. They have no severity of their own to set (each check has its own).
const isSchemaEntry = (entry: string) => entry.slice(0, entry.lastIndexOf('=')).trim() === SCHEMA_RULE_ID;

function schemaTurnedOff(entries: readonly string[]): boolean {
  let off = false;
  for (const entry of entries.filter(isSchemaEntry)) {
    const severity = entry.slice(entry.lastIndexOf('=') + 1).trim();
    if (severity !== 'off') {
      throw new CliError(
        `--rule ${entry}: ${SCHEMA_RULE_ID} (schema validation) can only be turned off (${SCHEMA_RULE_ID}=off, or --no-schema); its checks keep their own severities.`,
      );
    }
    off = true;
  }
  return off;
}

export function parseRuleSettings(entries: readonly string[]): Record<string, SeverityOrOff> {
  const rules: Record<string, SeverityOrOff> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) throw new CliError(`--rule expects <rule-id>=<off|info|warning|error>, e.g. k8s/privileged=off; got '${entry}'.`);
    const id = entry.slice(0, at).trim();
    const written = entry.slice(at + 1).trim();
    const severity = SEVERITY_ALIASES[written] ?? written;
    if (!ruleById(id)) throw new CliError(`Unknown rule '${id}' in --rule ${entry}.${suggestRule(id)} Run \`harden rules\` to list rule ids.`);
    if (!isSeverityOrOff(severity)) {
      throw new CliError(`Unknown severity '${String(severity)}' in --rule ${entry}. Use off, info, warning (or warn) or error.`);
    }
    rules[id] = severity;
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
