// Helm's values coalescing (pkg/chartutil/coalesce.go): user values over chart defaults, each enabled
// subchart's defaults under the parent's `<subchart>:` section, and `global` copied down. New maps keep
// the origins of the entries they take, so a value still points at the file that set it.
import { valueOrigins } from './template/exec';
import { isMap } from './template/values';
import type { LoadedChart } from './chart';

type Map_ = Record<string, unknown>;

function adopt(dst: object, key: string, src: object, srcKey: string): void {
  const origin = valueOrigins.get(src)?.get(srcKey);
  if (!origin) return;
  let map = valueOrigins.get(dst);
  if (!map) valueOrigins.set(dst, (map = new Map()));
  map.set(key, origin);
}

/** A shallow-copied map that keeps its entries' origins. */
export function copyMap(src: Map_): Map_ {
  const out: Map_ = {};
  for (const k of Object.keys(src)) {
    out[k] = src[k];
    adopt(out, k, src, k);
  }
  return out;
}

/** Deep copy of nested maps (lists are shared, as Go's copies share slices). */
export function copyTables(src: Map_): Map_ {
  const out = copyMap(src);
  for (const k of Object.keys(out)) if (isMap(out[k])) out[k] = copyTables(out[k]);
  return out;
}

/** coalesceTables: fills `dst` from `src` where dst has no entry; a nil in dst deletes (unless merging). */
export function coalesceTables(dst: Map_, src: Map_, merge = false): Map_ {
  for (const key of Object.keys(src)) {
    const sv = src[key];
    if (Object.prototype.hasOwnProperty.call(dst, key)) {
      const dv = dst[key];
      if (dv === null && !merge) delete dst[key];
      else if (isMap(dv) && isMap(sv)) coalesceTables(dv, sv, merge);
    } else {
      dst[key] = isMap(sv) ? copyTables(sv) : sv;
      adopt(dst, key, src, key);
    }
  }
  return dst;
}

/** Merges user values files in order (later wins), like `helm -f a.yaml -f b.yaml`. */
export function mergeUserValues(files: Map_[]): Map_ {
  const out: Map_ = {};
  const mergeMaps = (dst: Map_, src: Map_) => {
    for (const k of Object.keys(src)) {
      if (isMap(src[k]) && isMap(dst[k])) mergeMaps(dst[k], src[k]);
      else {
        dst[k] = isMap(src[k]) ? copyTables(src[k]) : src[k];
        adopt(dst, k, src, k);
      }
    }
  };
  for (const f of files) mergeMaps(out, f);
  return out;
}

function coalesceGlobals(dest: Map_, src: Map_): void {
  const dg = isMap(dest.global) ? dest.global : {};
  const sg = isMap(src.global) ? src.global : {};
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isMap(val)) {
      const vv = copyTables(val);
      if (!(key in dg)) dg[key] = vv;
      else if (isMap(dg[key])) {
        coalesceTables(vv, dg[key], true);
        dg[key] = vv;
      }
    } else if (!(key in dg && isMap(dg[key]))) {
      dg[key] = val;
    }
    adopt(dg, key, sg, key);
  }
  dest.global = dg;
}

/** The values each chart's templates see: `dest` is the parent's section for this chart. */
export function coalesceChart(chart: LoadedChart, dest: Map_, enabled: (sub: LoadedChart) => boolean, nameOf: (sub: LoadedChart) => string): Map_ {
  coalesceTables(dest, copyTables(chart.values));
  for (const sub of chart.subcharts) {
    if (!enabled(sub)) continue;
    const name = nameOf(sub);
    if (!isMap(dest[name])) dest[name] = {};
    const section = dest[name] as Map_;
    coalesceGlobals(section, dest);
    dest[name] = coalesceChart(sub, section, enabled, nameOf);
  }
  return dest;
}

/** A dotted path (`postgresql.enabled`) in values; undefined when a step is missing. */
export function valueAt(values: Map_, path: string): unknown {
  let v: unknown = values;
  for (const part of path.split('.')) {
    if (!isMap(v) || !Object.prototype.hasOwnProperty.call(v, part)) return undefined;
    v = v[part];
  }
  return v;
}
