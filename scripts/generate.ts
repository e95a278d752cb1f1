// Rule metadata is the single source of the rule index (docs/rules/README.md), the README's rule table and
// the `harden.rules` settings schema in package.json. `npm run generate` writes them; `--check` (run by the
// tests) fails when any of them is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  allRules,
  docsUrl,
  KUBERNETES_MINOR_VERSION,
  offeredFixKinds,
  POD_SECURITY_CONTROLS,
  SCHEMA_RULE_ID,
  SEVERITY_SETTINGS,
  type PodSecurityCheck,
  type RuleAliases,
  type RuleMeta,
} from '../server/src/engine';

const root = join(__dirname, '..');
const FIXABLE = '🔧';
const SUGGESTION = '💡';

function sortedRules(): RuleMeta[] {
  return allRules.map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
}

function oneLine(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function ruleTable(linkPrefix: string): string {
  const rows = sortedRules().map(
    (m) => `| [\`${m.id}\`](${linkPrefix}${m.id}.md) | ${m.defaultSeverity} | ${m.category} | ${fixMarks(m)} | ${oneLine(m.description)} |`,
  );
  return ['| rule | default | category | fix | reports |', '|---|---|---|---|---|', ...rows].join('\n');
}

function fixMarks(m: RuleMeta): string {
  return offeredFixKinds(m)
    .map((kind) => (kind === 'safe' ? FIXABLE : SUGGESTION))
    .join(' ');
}

const HEADER_START = "<!-- header:start (generated from the rule's metadata by `npm run generate`; edit the rule, not this) -->";
const HEADER_END = '<!-- header:end -->';
/** Earlier generated sections and the hand-written summary table they replace. */
const LEGACY_FIX_KINDS = /<!-- fix-kinds:start -->[\s\S]*?<!-- fix-kinds:end -->\n*/;
const LEGACY_TABLE = /^\| Default severity \|.*\n\|[-| ]+\|\n\|.*\|\n\n?/m;

const PEER_NAMES: Record<keyof RuleAliases, string> = {
  hadolint: 'hadolint',
  kubeLinter: 'kube-linter',
  polaris: 'Polaris',
  checkov: 'Checkov',
  kubeScore: 'kube-score',
  kubescape: 'Kubescape',
  trivy: 'Trivy',
};

function fixCell(m: RuleMeta): string {
  const kinds = offeredFixKinds(m);
  return kinds.length === 0 ? 'none' : kinds.map((kind) => (kind === 'safe' ? `${FIXABLE} safe` : `${SUGGESTION} suggestion`)).join(', ');
}

function aliasesLine(m: RuleMeta): string {
  const names = (Object.keys(PEER_NAMES) as Array<keyof RuleAliases>).flatMap((peer) => (m.aliases?.[peer] ?? []).map((id) => `${PEER_NAMES[peer]} \`${id}\``));
  return names.length > 0 ? `\n\nThe same check in other tools: ${names.join(', ')}.` : '';
}

function podSecurityLine(m: RuleMeta): string {
  const controls = (m.podSecurity ?? []).map((check) => {
    const { control, level } = POD_SECURITY_CONTROLS[check];
    return `${level} control "${control}" (\`${check}\`)`;
  });
  return controls.length > 0 ? `\n\nPod Security Standards: ${controls.join(', ')}; see [Pod Security Standards](../../pod-security.md).` : '';
}

const CONTROLS_START = "<!-- controls:start (generated from the rules' meta.podSecurity by `npm run generate`) -->";
const CONTROLS_END = '<!-- controls:end -->';

/** docs/pod-security.md's table: every admission check and the rules that implement it. */
function podSecurityTable(): string {
  const rows = (Object.keys(POD_SECURITY_CONTROLS) as PodSecurityCheck[]).map((check) => {
    const { control, level, versions, ...rest } = POD_SECURITY_CONTROLS[check] as (typeof POD_SECURITY_CONTROLS)[PodSecurityCheck] & { harden?: string };
    const rules = sortedRules().filter((m) => m.podSecurity?.includes(check));
    if (rules.length === 0) throw new Error(`no rule implements the Pod Security check ${check}`);
    const links = rules.map((m) => `[\`${m.id}\`](rules/${m.id}.md)`).join(', ');
    return `| ${control} (\`${check}\`) | ${level} | ${versions} | ${links}${rest.harden ? ` (${rest.harden})` : ''} |`;
  });
  return ['| Control (admission check id) | Level | Versions (admission `MinimumVersion`) | Rule |', '|---|---|---|---|', ...rows].join('\n');
}

function podSecurityPage(page: string): string {
  const [before, rest] = page.split(CONTROLS_START);
  if (rest === undefined) throw new Error(`docs/pod-security.md lacks ${CONTROLS_START}`);
  return `${before}${CONTROLS_START}\n${podSecurityTable()}\n${CONTROLS_END}${rest.split(CONTROLS_END)[1] ?? ''}`;
}

/** The generated header of a rule's docs page: summary, table, peers' ids, fix kinds with their reasons. */
function headerSection(m: RuleMeta): string {
  const kinds = offeredFixKinds(m);
  const lines = kinds.map((kind) =>
    kind === 'safe'
      ? `- **safe** (applied by \`harden lint --fix\` and fix-all on save): ${m.fixKinds?.safe}`
      : `- **suggestion** (a quick fix in the editor, never applied in bulk; \`--fix --fix-type suggestion\` or \`--fix --fix-rule ${m.id}\` applies it): ${m.fixKinds?.suggestion}`,
  );
  const fixes = kinds.length > 0 ? lines.join('\n') : "No fix: what to change is the owner's decision.";
  const seeds = m.seeds.length > 0 ? m.seeds.join(', ') : '—';
  return [
    HEADER_START,
    `> ${oneLine(m.description)}`,
    '',
    '| Default severity | Category | Fix | Seeds |',
    '|---|---|---|---|',
    `| ${m.defaultSeverity} | ${m.category} | ${fixCell(m)} | ${seeds} |${podSecurityLine(m)}${aliasesLine(m)}`,
    '',
    '## Fix kinds',
    '',
    fixes,
    HEADER_END,
  ].join('\n');
}

/** A rule's docs page with its generated header right after the title (replaced when present). */
function docsPageWithHeader(page: string, m: RuleMeta): string {
  const header = headerSection(m);
  if (page.includes(HEADER_START)) {
    const [before, rest] = page.split(HEADER_START);
    return `${before}${header}${rest.split(HEADER_END)[1] ?? ''}`;
  }
  const body = page.replace(LEGACY_FIX_KINDS, '').replace(LEGACY_TABLE, '');
  const title = `# ${m.id}\n`;
  const rest = body.startsWith(title) ? body.slice(title.length).replace(/^\n+/, '') : body;
  return `${title}\n${header}\n\n${rest}`;
}

function rulesIndex(): string {
  return `# Rules

Generated from the rules' metadata by \`npm run generate\`; do not edit by hand.
${FIXABLE} = a safe fix is offered (applied by \`harden lint --fix\` and fix-all in the editor).
${SUGGESTION} = a suggestion is offered: a quick fix that may change what the workload does, never applied in bulk
(\`harden lint --fix --fix-type suggestion\` or \`--fix-rule <id>\` applies it). Each rule's page says why.
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
        enum: SEVERITY_SETTINGS,
        default: m.defaultSeverity,
        markdownDescription: `${m.description} [Docs](${docsUrl(m.id)})`,
      },
    ]),
  );
}

/** JSON schema of `.harden.yaml`, for YAML tooling (contributed through `yamlValidation`). */
function configSchema(): string {
  const severity = { type: 'string', enum: SEVERITY_SETTINGS };
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/harden-dev/harden/blob/main/schemas/harden-config.schema.json',
    title: 'Harden configuration (.harden.yaml)',
    description: 'Read by the Harden editor extension and CLI from the nearest .harden.yaml above a file. Generated by npm run generate.',
    type: 'object',
    additionalProperties: false,
    properties: {
      kubernetesVersion: { type: 'string', pattern: KUBERNETES_MINOR_VERSION.source, description: 'Kubernetes minor version, quoted, e.g. "1.32".' },
      rules: {
        type: 'object',
        description: 'Severity per rule id.',
        additionalProperties: false,
        properties: {
          ...Object.fromEntries(sortedRules().map((m) => [m.id, { ...severity, description: m.description, default: m.defaultSeverity }])),
          [SCHEMA_RULE_ID]: {
            type: 'string',
            enum: ['off'],
            description: 'Schema validation (unknown fields, wrong types): off turns it off for the files under this .harden.yaml.',
          },
        },
      },
      ignore: { type: 'array', items: { type: 'string' }, description: "Globs, relative to this file's folder, of files not to lint." },
      crds: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description:
          "Files or folders (relative to this file's folder, or absolute) of CustomResourceDefinition manifests whose schemas validate custom resources.",
      },
      workloadKinds: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Extra workload kinds and their pod template path, e.g. Rollout: spec.template.',
      },
      images: { type: 'object', additionalProperties: { type: 'string' }, description: 'Image name -> Dockerfile path (relative to this file).' },
      dockerTarget: { type: 'string', description: 'The Dockerfile stage that runs (docker build --target).' },
      defaultNamespace: { type: 'string', description: 'Namespace of objects that name none.' },
      helm: {
        type: 'object',
        additionalProperties: false,
        description: 'How Helm charts render before they are linted (like helm template).',
        properties: {
          valuesFiles: {
            type: 'array',
            items: { type: 'string' },
            description: "Values files (relative to this file) applied over each chart's values.yaml, in order, like helm -f.",
          },
          releaseName: { type: 'string', description: 'Release name (.Release.Name); default release-name.' },
          namespace: { type: 'string', description: 'Release namespace (.Release.Namespace); default: defaultNamespace, else default.' },
          kubeVersion: {
            type: 'string',
            pattern: '^v?1\\.\\d+(\\.\\d+)?$',
            description: '.Capabilities.KubeVersion, e.g. "1.32"; default: kubernetesVersion.',
          },
        },
      },
    },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function packageWithSchema(pkgText: string): string {
  type Section = { properties?: Record<string, { properties?: unknown; additionalProperties?: boolean }> };
  const pkg = JSON.parse(pkgText) as { contributes: { configuration?: Section | Section[]; yamlValidation?: unknown } };
  const configuration = pkg.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  const section = sections.find((c) => c?.properties?.['harden.rules'])?.properties?.['harden.rules'];
  if (!section) throw new Error('package.json lacks contributes.configuration.properties["harden.rules"]');
  section.properties = settingsSchema();
  section.additionalProperties = false;
  pkg.contributes.yamlValidation = [{ fileMatch: ['.harden.yaml', '.harden.yml'], url: './schemas/harden-config.schema.json' }];
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function generated(): Array<{ path: string; expected: string; actual: string }> {
  const read = (p: string) => readFileSync(join(root, p), 'utf8');
  return [
    { path: 'docs/rules/README.md', expected: rulesIndex(), actual: safeRead(() => read('docs/rules/README.md')) },
    { path: 'README.md', expected: readmeWithTable(read('README.md')), actual: read('README.md') },
    { path: 'docs/pod-security.md', expected: podSecurityPage(read('docs/pod-security.md')), actual: read('docs/pod-security.md') },
    { path: 'package.json', expected: packageWithSchema(read('package.json')), actual: read('package.json') },
    { path: 'schemas/harden-config.schema.json', expected: configSchema(), actual: safeRead(() => read('schemas/harden-config.schema.json')) },
    ...sortedRules().map((m) => {
      const path = `docs/rules/${m.id}.md`;
      const actual = safeRead(() => read(path));
      return { path, expected: docsPageWithHeader(actual, m), actual };
    }),
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
    else {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.expected);
    }
  }
  if (check && stale > 0) process.exit(1);
  console.log(check ? 'generated files are up to date' : `updated ${stale} generated file(s)`);
}
