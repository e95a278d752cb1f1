// The suppression-comment injection grammar (syntaxes/) and the manifest entries that contribute it and the
// snippets. The grammar's regexes are written to mean the same in Oniguruma (VS Code: vscode-oniguruma, i.e.
// Oniguruma 6.9.8, which has variable-length look-behind) and JavaScript, so a small TextMate tokenizer here
// can run them on sample lines, emulating how VS Code's YAML and Dockerfile grammars host the injection.
// Run: node --import tsx --test test/grammar/*.test.ts
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { parseDirectives } from '../../server/src/engine/testing';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface Capture {
  name?: string;
}
interface Rule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  contentName?: string;
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  patterns?: Rule[];
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const grammarEntries: Array<{ path: string; scopeName: string; injectTo?: string[]; language?: string }> = manifest.contributes?.grammars ?? [];
const injection = grammarEntries.find((g) => g.scopeName === 'harden.suppression.injection');
const GRAMMAR_PATH = join(ROOT, injection?.path ?? 'syntaxes/harden-suppression.injection.tmLanguage.json');
const grammar: Grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'));

// ---------------------------------------------------------------------------------------------------------
// A single-line TextMate tokenizer: match and begin/end rules, captures, name/contentName, #includes.
// Ties go to the end pattern, then to the first pattern in order, as in vscode-textmate.
// ---------------------------------------------------------------------------------------------------------

interface Token {
  text: string;
  scopes: string[];
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source, 'gd');
    compiled.set(source, re);
  }
  return re;
}

function resolve(rules: Rule[]): Rule[] {
  return rules.flatMap((r) => {
    if (!r.include) return [r];
    assert.ok(r.include.startsWith('#'), `only repository includes are used: ${r.include}`);
    const target = grammar.repository[r.include.slice(1)];
    assert.ok(target, `unknown include ${r.include}`);
    return target.patterns && !target.begin && !target.match ? resolve(target.patterns) : [target];
  });
}

function exec(source: string, line: string, from: number): RegExpExecArray | null {
  const re = regex(source);
  re.lastIndex = from;
  return re.exec(line);
}

function scopesOf(name: string | undefined): string[] {
  return name ? name.split(/\s+/) : [];
}

/** Tokens of `line` from `start`, in a context whose patterns are `patterns` and whose scopes are `base`. */
function tokenize(line: string, start: number, patterns: Rule[], base: string[]): Token[] {
  const tokens: Token[] = [];
  const emit = (from: number, to: number, scopes: string[]) => {
    if (to > from) tokens.push({ text: line.slice(from, to), scopes });
  };
  /** A match's text split by its (non-nested) captures. */
  const emitMatch = (m: RegExpExecArray, scopes: string[], captures: Record<string, Capture> | undefined) => {
    const [s, e] = m.indices![0];
    let at = s;
    const groups = Object.keys(captures ?? {})
      .map(Number)
      .filter((g) => g > 0 && m.indices![g])
      .map((g) => ({ g, range: m.indices![g] }))
      .sort((a, b) => a.range[0] - b.range[0]);
    for (const { g, range } of groups) {
      if (range[0] < at) continue; // nested capture: the outer one already covers it
      emit(at, range[0], scopes);
      const inner = groups.filter((o) => o.g !== g && o.range[0] >= range[0] && o.range[1] <= range[1]);
      let innerAt = range[0];
      const outer = [...scopes, ...scopesOf(captures![g].name)];
      for (const o of inner) {
        emit(innerAt, o.range[0], outer);
        emit(o.range[0], o.range[1], [...outer, ...scopesOf(captures![o.g].name)]);
        innerAt = o.range[1];
      }
      emit(innerAt, range[1], outer);
      at = range[1];
    }
    emit(at, e, scopes);
  };
  const run = (pos: number, rules: Rule[], scopes: string[], end: Rule | undefined): number => {
    const candidates = resolve(rules);
    while (pos <= line.length) {
      let best: { m: RegExpExecArray; rule: Rule | 'end' } | undefined;
      const consider = (m: RegExpExecArray | null, rule: Rule | 'end') => {
        if (m && (!best || m.index < best.m.index)) best = { m, rule };
      };
      if (end) consider(exec(end.end!, line, pos), 'end');
      for (const rule of candidates) consider(exec((rule.match ?? rule.begin)!, line, pos), rule);
      if (!best) {
        emit(pos, line.length, scopes);
        return line.length + 1;
      }
      const { m, rule } = best;
      emit(pos, m.index, scopes);
      if (rule === 'end') {
        emitMatch(m, scopes, end!.endCaptures);
        return m.index + m[0].length;
      }
      const ruleScopes = [...scopes, ...scopesOf(rule.name)];
      if (rule.match) {
        emitMatch(m, ruleScopes, rule.captures);
        pos = m.index + Math.max(m[0].length, 1);
        continue;
      }
      emitMatch(m, ruleScopes, rule.beginCaptures ?? rule.captures);
      const inner = [...ruleScopes, ...scopesOf(rule.contentName)];
      pos = run(m.index + m[0].length, rule.patterns ?? [], inner, rule);
      if (pos > line.length) return pos;
    }
    return pos;
  };
  run(start, patterns, base, undefined);
  return tokens;
}

/**
 * How VS Code's grammars present a line to the injection. YAML: a comment is a begin/end rule from `#`, and the
 * injection runs inside it (`comment.line.number-sign.yaml`). Dockerfile: the comment is one match rule, so
 * the injection runs at the top level of the line (`source.dockerfile`).
 */
function highlight(line: string, language: 'yaml' | 'dockerfile'): Token[] {
  if (language === 'dockerfile') return tokenize(line, 0, grammar.patterns, ['source.dockerfile']);
  const hash = /(?<=^|[ \t])#/.exec(line);
  if (!hash) return [];
  return tokenize(line, hash.index + 1, grammar.patterns, ['source.yaml', 'comment.line.number-sign.yaml']);
}

const withScope = (tokens: Token[], scope: string) => tokens.filter((t) => t.scopes.includes(scope)).map((t) => t.text);

interface Reading {
  keyword: string[];
  ids: string[];
  unknown: string[];
  separator: string[];
  reason: string;
}

function read(line: string, language: 'yaml' | 'dockerfile'): Reading {
  const tokens = highlight(line, language);
  return {
    keyword: withScope(tokens, 'keyword.control.directive.suppression.harden'),
    ids: idTokens(line, language),
    unknown: withScope(tokens, 'invalid.illegal.unknown-rule-id.harden'),
    separator: withScope(tokens, 'punctuation.separator.reason.harden'),
    reason: withScope(tokens, 'string.unquoted.reason.harden').join('').trim(),
  };
}

/** The rule-id tokens, each whole (the family and separator are nested captures of one id). */
function idTokens(line: string, language: 'yaml' | 'dockerfile'): string[] {
  const out: string[] = [];
  let current = '';
  let last = false;
  for (const t of highlight(line, language)) {
    const isId = t.scopes.includes('constant.other.rule-id.harden');
    if (isId && !t.scopes.includes('entity.name.namespace.rule-family.harden')) current += t.text;
    else if (isId) {
      if (current) out.push(current);
      current = t.text;
    } else if (last && current) {
      out.push(current);
      current = '';
    }
    last = isId;
  }
  if (current) out.push(current);
  return out;
}

function allRegexes(rule: unknown, out: Array<{ key: string; source: string }> = []): Array<{ key: string; source: string }> {
  if (Array.isArray(rule)) rule.forEach((r) => allRegexes(r, out));
  else if (rule && typeof rule === 'object') {
    for (const [key, value] of Object.entries(rule)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') out.push({ key, source: value });
      else allRegexes(value, out);
    }
  }
  return out;
}

describe('suppression injection grammar', () => {
  it('is a TextMate injection grammar for YAML and Dockerfile comments', () => {
    assert.equal(grammar.scopeName, 'harden.suppression.injection');
    const selectors = grammar.injectionSelector.split(',').map((s) => s.trim());
    assert.ok(selectors.includes('L:comment.line.number-sign.yaml'), 'YAML comments (VS Code yaml grammar scope)');
    assert.ok(selectors.includes('L:comment.line.number-sign.dockerfile'), 'Dockerfile comments');
    assert.ok(selectors.includes('L:source.dockerfile -comment -string'), 'whole Dockerfile comment lines (match-rule comments)');
    assert.ok(grammar.patterns.length > 0);
    for (const p of grammar.patterns) assert.ok(!p.include || grammar.repository[p.include.slice(1)], p.include);
  });

  it('has regexes that compile in JavaScript and use no Oniguruma-only syntax', () => {
    const regexes = allRegexes(grammar);
    assert.ok(regexes.length >= 10);
    for (const { key, source } of regexes) {
      assert.doesNotThrow(() => new RegExp(source, 'd'), `${key}: ${source}`);
      // \G, \A, \z, \h, possessive/atomic groups, \x{…}, (?i) and POSIX brackets would mean something else in JS.
      assert.doesNotMatch(source, /\\[GAzZhH]|\\x\{|\(\?>|[*+?}]\+|\(\?[imx]+\)|\[:\w+:\]/, `${key}: ${source}`);
    }
  });

  for (const language of ['yaml', 'dockerfile'] as const) {
    describe(`in ${language}`, () => {
      it('highlights a next-line directive: keyword, ids, separator, reason', () => {
        const line = '  # harden-disable-next-line k8s/run-as-non-root, docker/user-root -- the image sets USER 10001 itself';
        const r = read(line, language);
        assert.deepEqual(r.keyword, ['harden-disable-next-line']);
        assert.deepEqual(idTokens(line, language), ['k8s/run-as-non-root', 'docker/user-root']);
        assert.deepEqual(r.separator, ['--']);
        assert.equal(r.reason, 'the image sets USER 10001 itself');
        assert.deepEqual(r.unknown, []);
        const tokens = highlight(line, language);
        assert.deepEqual(withScope(tokens, 'entity.name.namespace.rule-family.harden'), ['k8s', 'docker']);
        assert.deepEqual(withScope(tokens, 'punctuation.separator.comma.harden'), [',']);
        // The whole directive stays a comment for themes.
        assert.ok(tokens.filter((t) => t.text.trim()).every((t) => t.scopes.some((s) => s.startsWith('comment.line.number-sign'))));
      });

      it('highlights file directives, bare directives and harden/ ids', () => {
        assert.deepEqual(read('# harden-disable-file harden/unused-suppression', language).keyword, ['harden-disable-file']);
        assert.deepEqual(idTokens('# harden-disable-file harden/unused-suppression', language), ['harden/unused-suppression']);
        const bare = read('#harden-disable-file', language);
        assert.deepEqual(bare.keyword, ['harden-disable-file']);
        assert.deepEqual(bare.ids, []);
        assert.deepEqual(read('\t#   harden-disable-next-line k8s/cpu-limit,k8s/memory-limit', language).ids, ['k8s/cpu-limit', 'k8s/memory-limit']);
        assert.equal(read('# harden-disable-next-line k8s/privileged --', language).reason, '');
      });

      it('marks what is not a rule id before the separator', () => {
        const r = read('# harden-disable-next-line k8s/privileged DL3002 because --reason', language);
        assert.deepEqual(r.ids, ['k8s/privileged']);
        assert.deepEqual(r.unknown, ['DL3002', 'because', '--reason']);
        assert.equal(r.reason, '');
      });

      it('leaves other comments alone', () => {
        for (const line of [
          '# a comment about harden-disable-next-line k8s/privileged',
          '# harden-disable-next-linex k8s/privileged',
          '# harden-disable k8s/privileged',
          '#',
          '# k8s/privileged -- not a directive',
        ]) {
          const tokens = highlight(line, language);
          assert.deepEqual(withScope(tokens, 'meta.directive.suppression.harden'), [], line);
          assert.deepEqual(withScope(tokens, 'constant.other.rule-id.harden'), [], line);
        }
      });

      it('highlights the honoured hadolint directive', () => {
        const tokens = highlight('# hadolint global ignore=DL3002,DL3059', language);
        assert.deepEqual(withScope(tokens, 'keyword.control.directive.suppression.hadolint'), ['hadolint', 'ignore']);
        assert.deepEqual(withScope(tokens, 'storage.modifier.scope.hadolint'), ['global']);
        assert.deepEqual(withScope(tokens, 'constant.other.rule-id.hadolint'), ['DL3002', 'DL3059']);
      });
    });
  }

  it('ignores a directive in a trailing comment, like the engine', () => {
    const line = 'replicas: 1 # harden-disable-next-line k8s/replicas';
    assert.deepEqual(read(line, 'yaml').keyword, []);
    assert.deepEqual(parseDirectives(`${line}\nx: 1\n`), []);
    assert.deepEqual(read('RUN make # harden-disable-next-line docker/user-root', 'dockerfile').keyword, []);
  });

  it('reads the same directive and ids as the engine parser', () => {
    const lines = [
      '# harden-disable-next-line k8s/run-as-non-root',
      '  # harden-disable-next-line k8s/run-as-non-root,k8s/run-as-user -- reason with -- inside',
      '#harden-disable-file docker/user-root docker/image-tag',
      '# harden-disable-file',
      '# harden-disable-next-line k8s/privileged --reason',
      '# harden-disable-next-line -- only a reason',
      '# harden-disable-filex k8s/privileged',
      '# not harden-disable-file k8s/privileged',
    ];
    for (const line of lines) {
      const parsed = parseDirectives(`${line}\nkey: value\n`).filter((d) => d.origin === 'harden');
      for (const language of ['yaml', 'dockerfile'] as const) {
        const r = read(line, language);
        assert.equal(r.keyword.length, parsed.length, `${language}: ${line}`);
        if (parsed.length) {
          assert.deepEqual([...idTokens(line, language), ...r.unknown].sort(), [...parsed[0].written].sort(), `${language}: ${line}`);
          assert.equal(parsed[0].scope, r.keyword[0].replace('harden-disable-', ''));
        }
      }
    }
  });

  it('recognizes every registered rule id as a rule id', () => {
    for (const rule of allRules) {
      assert.deepEqual(idTokens(`# harden-disable-next-line ${rule.meta.id}`, 'yaml'), [rule.meta.id], rule.meta.id);
    }
  });
});

describe('package.json contributions (grammar and snippets)', () => {
  it('contributes the injection grammar into YAML and Dockerfile', () => {
    assert.ok(injection, 'contributes.grammars has harden.suppression.injection');
    assert.ok(existsSync(join(ROOT, injection.path)), injection.path);
    assert.match(injection.path, /^\.\/syntaxes\//);
    assert.deepEqual([...(injection.injectTo ?? [])].sort(), ['source.dockerfile', 'source.yaml']);
    assert.equal(injection.language, undefined, 'an injection grammar is not a language grammar');
    for (const g of grammarEntries) assert.ok(existsSync(join(ROOT, g.path)), `grammar path exists: ${g.path}`);
  });

  it('contributes the Dockerfile snippets; the Kubernetes ones come from a provider limited to Kubernetes YAML', () => {
    const snippets: Array<{ language: string; path: string }> = manifest.contributes?.snippets ?? [];
    const byLanguage = Object.fromEntries(snippets.map((s) => [s.language, s.path]));
    assert.equal(byLanguage.yaml, undefined, 'not offered in every YAML file');
    assert.ok(existsSync(join(ROOT, 'snippets', 'kubernetes.json')), 'client/src/snippets.ts reads it');
    assert.equal(byLanguage.dockerfile, './snippets/dockerfile.json');
    for (const s of snippets) {
      assert.ok(existsSync(join(ROOT, s.path)), `snippet path exists: ${s.path}`);
      assert.doesNotThrow(() => JSON.parse(readFileSync(join(ROOT, s.path), 'utf8')), s.path);
    }
    // The .vsix allow-list ships both folders.
    const ignore = join(ROOT, '.vscodeignore');
    if (existsSync(ignore)) {
      const lines = readFileSync(ignore, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim());
      assert.ok(lines.includes('!snippets/**') && lines.includes('!syntaxes/**'), '.vscodeignore keeps snippets/ and syntaxes/');
    }
    // The dockerfile language the snippets target is the one the manifest contributes file names for.
    assert.ok(manifest.contributes.languages.some((l: { id: string }) => l.id === 'dockerfile'));
  });
});
