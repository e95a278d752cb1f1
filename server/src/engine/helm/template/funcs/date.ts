// Dates are deterministic here: `now` is a fixed instant, so a chart renders the same text on every run
// (the golden maker pins Go's `now` to the same instant).
import { GoStruct } from '../values';

/** 2024-01-01T00:00:00Z. */
export const FIXED_NOW = new GoStruct('time.Time', { unix: 1704067200 }, {}, () => '2024-01-01 00:00:00 +0000 UTC');

const PAD = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Go's reference-time layout (`2006-01-02 15:04:05`), in UTC. */
export function formatGoDate(layout: string, date: unknown): string {
  let seconds = 1704067200;
  if (date instanceof GoStruct && typeof date.fields.unix === 'number') seconds = date.fields.unix;
  else if (typeof date === 'bigint') seconds = Number(date);
  const d = new Date(seconds * 1000);
  const tokens: Array<[string, () => string]> = [
    ['2006', () => String(d.getUTCFullYear())],
    ['January', () => MONTHS[d.getUTCMonth()]],
    ['Jan', () => MONTHS[d.getUTCMonth()].slice(0, 3)],
    ['Monday', () => DAYS[d.getUTCDay()]],
    ['Mon', () => DAYS[d.getUTCDay()].slice(0, 3)],
    ['MST', () => 'UTC'],
    ['01', () => PAD(d.getUTCMonth() + 1)],
    ['02', () => PAD(d.getUTCDate())],
    ['15', () => PAD(d.getUTCHours())],
    ['03', () => PAD(d.getUTCHours() % 12 || 12)],
    ['04', () => PAD(d.getUTCMinutes())],
    ['05', () => PAD(d.getUTCSeconds())],
    ['06', () => PAD(d.getUTCFullYear() % 100)],
    ['PM', () => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
    ['-0700', () => '+0000'],
    ['-07:00', () => '+00:00'],
    ['Z07:00', () => 'Z'],
    ['1', () => String(d.getUTCMonth() + 1)],
    ['2', () => String(d.getUTCDate())],
    ['3', () => String(d.getUTCHours() % 12 || 12)],
  ];
  let out = '';
  for (let i = 0; i < layout.length;) {
    const hit = tokens.find(([t]) => layout.startsWith(t, i));
    if (hit) {
      out += hit[1]();
      i += hit[0].length;
    } else {
      out += layout[i++];
    }
  }
  return out;
}
