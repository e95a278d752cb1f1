// Summarises a V8 .cpuprofile (node --cpu-prof): self and inclusive time per function, mapped back
// through the bundle's source map to the original TypeScript file:line, and self time per source file.
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

function loadMap(mapFile) {
  try {
    return new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')));
  } catch {
    return null;
  }
}

function shortSource(p) {
  if (!p) return p;
  const s = p.replace(/^(\.\.\/)+/, '').replace(/^webpack:\/\//, '');
  const i = s.indexOf('node_modules/');
  return i >= 0 ? s.slice(i) : s;
}

/**
 * @param profileFile  .cpuprofile JSON
 * @param bundle       absolute path of the bundle that ran (dist/server.js); frames from it are mapped
 * @param mapFile      its source map (a copy taken when the profile was recorded)
 */
export function summariseProfile(profileFile, { bundle, mapFile, top = 20 } = {}) {
  const prof = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const map = mapFile ? loadMap(mapFile) : null;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const keyCache = new Map();
  const frameKey = (node) => {
    if (keyCache.has(node.id)) return keyCache.get(node.id);
    const cf = node.callFrame;
    let name = cf.functionName || '(anonymous)';
    let where = cf.url ? cf.url.replace(/^file:\/\//, '') : '';
    let source = where;
    if (where && bundle && path.resolve(where) === path.resolve(bundle)) {
      where = path.basename(bundle) + ':' + (cf.lineNumber + 1);
      source = path.basename(bundle);
      const e = map?.findEntry(cf.lineNumber, cf.columnNumber);
      if (e && e.originalSource) {
        source = shortSource(e.originalSource);
        where = `${source}:${e.originalLine + 1}`;
        if (e.name && name === '(anonymous)') name = e.name;
      }
    } else if (where.startsWith('node:')) {
      source = 'node internals';
    } else if (!where) {
      source = name.startsWith('(') ? name : 'native/V8';
    } else {
      source = shortSource(where);
      where = `${source}:${cf.lineNumber + 1}`;
    }
    const k = { key: `${name} ${where}`, name, where, source };
    keyCache.set(node.id, k);
    return k;
  };

  const self = new Map();
  const bySource = new Map();
  for (const [id, us] of selfUs) {
    const k = frameKey(byId.get(id));
    const e = self.get(k.key) ?? { name: k.name, where: k.where, selfUs: 0 };
    e.selfUs += us;
    self.set(k.key, e);
    bySource.set(k.source, (bySource.get(k.source) ?? 0) + us);
  }
  // inclusive: each sample counts once for every distinct function on its stack
  const incl = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let n = id; n != null; n = parent.get(n)) {
      const k = frameKey(byId.get(n));
      if (seen.has(k.key)) continue;
      seen.add(k.key);
      const e = incl.get(k.key) ?? { name: k.name, where: k.where, inclUs: 0 };
      e.inclUs += us;
      incl.set(k.key, e);
    }
  }
  return finish({ profileFile, totalUs, self, incl, bySource, top });
}

const ms = (us) => Math.round(us / 100) / 10;
const skip = new Set(['(root)', '(program)', '(idle)']);

function finish({ profileFile, totalUs, self, incl, bySource, top }) {
  const pct = (us) => Math.round((1000 * us) / totalUs) / 10;
  return {
    raw: { totalUs, self: [...self.values()], incl: [...incl.values()], bySource: [...bySource.entries()] },
    profile: profileFile,
    totalMs: ms(totalUs),
    idleMs: ms([...self.values()].filter((e) => e.name === '(idle)').reduce((a, e) => a + e.selfUs, 0)),
    topSelf: [...self.values()]
      .sort((a, b) => b.selfUs - a.selfUs)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, selfMs: ms(e.selfUs), pct: pct(e.selfUs) })),
    topInclusive: [...incl.values()]
      .filter((e) => !skip.has(e.name))
      .sort((a, b) => b.inclUs - a.inclUs)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, inclMs: ms(e.inclUs), pct: pct(e.inclUs) })),
    bySource: [...bySource.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([source, us]) => ({ source, selfMs: ms(us), pct: pct(us) })),
  };
}

/**
 * What `withEdits` spent beyond `baseline` (the same session without the edits): per function, self and
 * inclusive time of the edit phase alone, up to sampling noise.
 */
export function diffSummaries(withEdits, baseline, top = 20) {
  const key = (e) => `${e.name} ${e.where}`;
  const sub = (a, b, field) => {
    const m = new Map(a.map((e) => [key(e), { ...e }]));
    for (const e of b) {
      const x = m.get(key(e)) ?? { name: e.name, where: e.where, [field]: 0 };
      x[field] -= e[field];
      m.set(key(x), x);
    }
    return m;
  };
  const self = sub(withEdits.raw.self, baseline.raw.self, 'selfUs');
  const incl = sub(withEdits.raw.incl, baseline.raw.incl, 'inclUs');
  const bySource = new Map(withEdits.raw.bySource);
  for (const [k, us] of baseline.raw.bySource) bySource.set(k, (bySource.get(k) ?? 0) - us);
  const totalUs = withEdits.raw.totalUs - baseline.raw.totalUs;
  return finish({ profileFile: `${withEdits.profile} minus ${baseline.profile}`, totalUs, self, incl, bySource, top });
}
