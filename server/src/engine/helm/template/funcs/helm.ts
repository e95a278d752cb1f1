// The functions Helm adds to Sprig (pkg/engine/funcs.go and engine.go): include, tpl, required, fail,
// toYaml/fromYaml, toJson/fromJson, lookup. `env`/`expandenv` are removed, as Helm does.
import { Executor, segmentsOf } from '../exec';
import { TemplateError, parseTemplate } from '../parse';
import { toYaml } from '../toyaml';
import { isMap, typeOf } from '../values';
import { parseValuesYaml } from '../../yamlValues';
import type { FuncTable } from './define';
import { def, typed } from './define';
import { toJson } from './json';

/** Name under which `tpl` strings are parsed; their literal text maps to the string's own origin. */
export const TPL_FILE = '\0tpl';
const TPL_ROOT = 'gotpl';

export function stripNoValue(text: string, segments: import('../sourcemap').Segment[]): { text: string; segments: import('../sourcemap').Segment[] } {
  const marker = '<no value>';
  if (!text.includes(marker)) return { text, segments };
  const cuts: number[] = [];
  for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length)) cuts.push(i);
  let out = '';
  let last = 0;
  for (const c of cuts) {
    out += text.slice(last, c);
    last = c + marker.length;
  }
  out += text.slice(last);
  const shifted: typeof segments = [];
  for (const s of segments) {
    let start = s.start;
    let end = s.end;
    let removedBeforeStart = 0;
    let removedBeforeEnd = 0;
    for (const c of cuts) {
      const cEnd = c + marker.length;
      removedBeforeStart += Math.max(0, Math.min(cEnd, start) - c);
      removedBeforeEnd += Math.max(0, Math.min(cEnd, end) - c);
    }
    start -= removedBeforeStart;
    end -= removedBeforeEnd;
    if (end > start) shifted.push({ ...s, start, end });
  }
  return { text: out, segments: shifted };
}

export function addHelm(t: FuncTable): void {
  t.delete('env');
  t.delete('expandenv');
  t.set(
    'toYaml',
    typed('toYaml', 'a', (_c, [v], raw) => {
      const { text, segments } = toYaml(v, raw[0].o);
      return { v: text, m: segments };
    }),
  );
  def(t, 'fromYaml', 's', (s: string) => {
    const parsed = parseValuesYaml(s, TPL_FILE);
    if (parsed.error) return { Error: `error converting YAML to JSON: yaml: ${parsed.error.message}` };
    return isMap(parsed.value)
      ? parsed.value
      : parsed.value === null || parsed.value === undefined
        ? {}
        : {
            Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${typeOf(parsed.value) === 'string' ? 'string' : 'array'} into Go value of type map[string]interface {}`,
          };
  });
  def(t, 'fromYamlArray', 's', (s: string) => {
    const parsed = parseValuesYaml(s, TPL_FILE);
    if (parsed.error) return [`error converting YAML to JSON: yaml: ${parsed.error.message}`];
    return Array.isArray(parsed.value) ? parsed.value : [];
  });
  def(t, 'toJson', 'a', (v) => toJson(v, { html: true }));
  def(t, 'fromJson', 's', (s: string) => {
    try {
      const v = JSON.parse(s);
      return isMap(v) ? v : { Error: 'json: cannot unmarshal into Go value of type map[string]interface {}' };
    } catch (e) {
      return { Error: (e as Error).message };
    }
  });
  def(t, 'fromJsonArray', 's', (s: string) => {
    try {
      const v = JSON.parse(s);
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [(e as Error).message];
    }
  });
  def(t, 'lookup', 's,s,s,s', () => ({}));
  t.set(
    'required',
    typed('required', 's,a', (_c, [warn, v], raw) => {
      if (v === null || v === '') throw new RequiredError(warn);
      return raw[1];
    }),
  );
  def(t, 'fail', 's', (msg: string) => {
    throw new RequiredError(msg);
  });
  t.set(
    'include',
    typed('include', 's,a', (ctx, [name, data]) => {
      const result = ctx.exec.execute(name, data, { template: ctx.templateName, pos: ctx.pos });
      return { v: result.text, m: result.segments };
    }),
  );
  t.set(
    'tpl',
    typed('tpl', 's,a', (ctx, [text, vals], raw) => {
      // Helm 3.14+: the string is parsed into a clone of the chart's template set and run with `vals`.
      const trees = parseTemplate(TPL_ROOT, text);
      const templates = new Map(ctx.exec.templates);
      for (const [name, tree] of trees) templates.set(name, { ...tree, file: TPL_FILE, base: 0 });
      const child = new Executor(templates, ctx.exec.funcs);
      child.depth = ctx.exec.depth;
      let result;
      try {
        result = child.execute(TPL_ROOT, vals);
      } catch (e) {
        if (e instanceof TemplateError && e.templateName === TPL_FILE) {
          throw new TemplateError(`error during tpl function execution for ${JSON.stringify(text)}: ${e.message}`, ctx.templateName, ctx.pos);
        }
        throw e;
      }
      // Literal text of the string maps to the string's own origin, when it has one.
      const own = segmentsOf(raw[0], text)[0]?.source;
      const segments = result.segments.flatMap((s) => (s.source.file !== TPL_FILE ? [s] : own ? [{ ...s, source: own }] : []));
      const stripped = stripNoValue(result.text, segments);
      return { v: stripped.text, m: stripped.segments };
    }),
  );
}

/** `required`/`fail`: Helm reports these as "execution error at (file:line:col): message". */
export class RequiredError extends Error {}
