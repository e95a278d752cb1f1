// Masterminds/semver v3 as Sprig's `semver` and `semverCompare` use it (charts compare .Capabilities.KubeVersion).
import { GoStruct } from '../values';

export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
  metadata: string;
  original: string;
}

const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

export function parseVersion(s: string): Version {
  const m = VERSION.exec(s);
  if (!m) throw new Error('Invalid Semantic Version');
  return {
    major: Number(m[1]),
    minor: m[2] ? Number(m[2].slice(1)) : 0,
    patch: m[3] ? Number(m[3].slice(1)) : 0,
    prerelease: m[5] ?? '',
    metadata: m[8] ?? '',
    original: s,
  };
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (i >= pa.length) return -1;
    if (i >= pb.length) return 1;
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return Number(x) < Number(y) ? -1 : 1;
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

interface Constraint {
  op: string;
  con: Version;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const CONSTRAINT =
  /(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*(v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?)/g;

const isX = (s: string | undefined) => s === 'x' || s === 'X' || s === '*';

function parseConstraintGroup(group: string): Constraint[] {
  const out: Constraint[] = [];
  const rest = group.replace(CONSTRAINT, '').replace(/[\s,]/g, '');
  if (rest !== '') throw new Error(`improper constraint: ${group}`);
  for (const m of group.matchAll(CONSTRAINT)) {
    const pre = m[6] ?? '';
    let dirty = false;
    let minorDirty = false;
    let patchDirty = false;
    let ver: string;
    const minor = m[4]?.slice(1);
    const patch = m[5]?.slice(1);
    if (isX(m[3])) {
      ver = `0.0.0${pre}`;
      dirty = true;
    } else if (minor === undefined || isX(minor)) {
      minorDirty = dirty = true;
      ver = `${m[3]}.0.0${pre}`;
    } else if (patch === undefined || isX(patch)) {
      patchDirty = dirty = true;
      ver = `${m[3]}.${minor}.0${pre}`;
    } else ver = m[2];
    out.push({ op: m[1] ?? '', con: parseVersion(ver), dirty, minorDirty, patchDirty });
  }
  return out;
}

function check(v: Version, c: Constraint): boolean {
  const cmp = compareVersions(v, c.con);
  if (v.prerelease !== '' && c.con.prerelease === '' && c.op !== '!=') return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c, cmp) : cmp === 0;
    case '!=':
      if (c.dirty) return !tilde(v, c, cmp);
      return cmp !== 0;
    case '>':
      if (!c.dirty) return cmp > 0;
      if (v.major !== c.con.major) return v.major > c.con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return false;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c, cmp);
    case '^':
      if (cmp < 0) return false;
      if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major;
      if (v.major > 0) return false;
      if (c.con.minor > 0 || c.patchDirty) return v.minor === c.con.minor;
      if (v.minor > 0) return false;
      return v.patch === c.con.patch;
  }
  return false;
}

function tilde(v: Version, c: Constraint, cmp: number): boolean {
  if (cmp < 0) return false;
  if (c.con.major === 0 && c.con.minor === 0 && c.con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

export function semverCompare(constraint: string, version: string): boolean {
  // Hyphen ranges `1.2 - 1.4` mean `>= 1.2 <= 1.4`.
  const rewritten = constraint.replace(/\s*(v?[0-9xX*.]+[^\s]*)\s+-\s+(v?[0-9xX*.]+[^\s]*)\s*/g, '>= $1, <= $2');
  const groups = rewritten.split('||').map(parseConstraintGroup);
  const v = parseVersion(version);
  return groups.some((g) => g.every((c) => check(v, c)));
}

export function versionObject(s: string): GoStruct {
  const v = parseVersion(s);
  const text = `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
  return new GoStruct(
    '*semver.Version',
    {},
    {
      Major: () => BigInt(v.major),
      Minor: () => BigInt(v.minor),
      Patch: () => BigInt(v.patch),
      Prerelease: () => v.prerelease,
      Metadata: () => v.metadata,
      Original: () => v.original,
      String: () => text,
    },
    () => text,
  );
}
