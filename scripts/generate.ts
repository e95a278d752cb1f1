// Rule metadata is the single source of the rule index (docs/rules/README.md), the README's rule table and
// the `harden.rules` settings schema in package.json. `npm run generate` writes them; `--check` (run by the
// tests) fails when any of them is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../server/src/engine';
import type { RuleMeta } from '../server/src/engine';

const root = join(__dirname, '..');
const FIXABLE = '🔧';

function sortedRules(): RuleMeta[] {
  return allRules.map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
}

function oneLine(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function ruleTable(linkPrefix: string): string {
  const rows = sortedRules().map(
    (m) => `| [\`${m.id}\`](${linkPrefix}${m.id}.md) | ${m.defaultSeverity} | ${m.fixable ? FIXABLE : ''} | ${oneLine(m.description)} |`,
  );
  return ['| rule | default | fix | reports |', '|---|---|---|---|', ...rows].join('\n');
}

function rulesIndex(): string {
  return `# Rules

Generated from the rules' metadata by \`npm run generate\`; do not edit by hand.
${FIXABLE} = a quick fix is offered (and applied by \`harden lint --fix\` and fix-all in the editor).
Every severity can be changed per rule in \`.harden.yaml\`, the \`harden.rules\` setting or \`--rule id=severity\`.

${ruleTable('')}
`;
}

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

function readmeWithTable(readme: string): string {
  const [before, rest] = readme.split(START);
  if (rest === undefined) throw new Error(`README.md lacks ${START}`);
  const after = rest.split(END)[1] ?? '';
  return `${before}${START}\n${ruleTable('docs/rules/')}\n${END}${after}`;
}

function settingsSchema(): Record<string, unknown> {
  return Object.fromEntries(
    sortedRules().map((m) => [
      m.id,
      {
        type: 'string',
        enum: ['off', 'info', 'warning', 'error'],
        default: m.defaultSeverity,
        markdownDescription: `${m.description} [Docs](https://github.com/harden-dev/harden/blob/main/docs/rules/${m.id}.md)`,
      },
    ]),
  );
}

function packageWithSchema(pkgText: string): string {
  const pkg = JSON.parse(pkgText);
  const configuration = pkg.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  const section = sections.find((c: { properties?: Record<string, unknown> }) => c?.properties?.['harden.rules']);
  if (!section) throw new Error('package.json lacks contributes.configuration.properties["harden.rules"]');
  section.properties['harden.rules'].properties = settingsSchema();
  section.properties['harden.rules'].additionalProperties = false;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function generated(): Array<{ path: string; expected: string; actual: string }> {
  const read = (p: string) => readFileSync(join(root, p), 'utf8');
  return [
    { path: 'docs/rules/README.md', expected: rulesIndex(), actual: safeRead(() => read('docs/rules/README.md')) },
    { path: 'README.md', expected: readmeWithTable(read('README.md')), actual: read('README.md') },
    { path: 'package.json', expected: packageWithSchema(read('package.json')), actual: read('package.json') },
  ];
}

function safeRead(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const file of generated()) {
    if (file.expected === file.actual) continue;
    stale++;
    if (check) console.error(`${file.path} is stale: run npm run generate`);
    else writeFileSync(join(root, file.path), file.expected);
  }
  if (check && stale > 0) process.exit(1);
  console.log(check ? 'generated files are up to date' : `updated ${stale} generated file(s)`);
}
