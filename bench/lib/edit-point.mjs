// Where to type: the same choice as bench/harness/lspbench.mjs (pickEditPoint), so the in-process
// re-lint and the LSP edit->diag numbers time the same edit. YAML: end of a plain, single-line string value
// nearest the middle of the file (never apiVersion/kind, never in a block scalar); Dockerfile: end of an
// instruction line nearest the middle that ends in a letter.
import { LineCounter, isPair, isScalar, parseAllDocuments, visit } from 'yaml';

export function pickEditPoint(text, lang) {
  const lines = text.split('\n');
  const mid = lines.length >> 1;
  const order = [];
  for (let d = 0; d < lines.length; d++) {
    if (mid + d < lines.length) order.push(mid + d);
    if (d && mid - d >= 0) order.push(mid - d);
  }
  if (lang === 'yaml') {
    const lc = new LineCounter();
    const ok = new Map();
    for (const doc of parseAllDocuments(text, { lineCounter: lc })) {
      visit(doc, {
        Pair(_, pair) {
          if (
            isPair(pair) &&
            isScalar(pair.key) &&
            isScalar(pair.value) &&
            pair.value.type === 'PLAIN' &&
            typeof pair.value.value === 'string' &&
            /^[A-Za-z]/.test(pair.value.value) &&
            !['apiVersion', 'kind'].includes(pair.key.value)
          ) {
            const pos = lc.linePos(pair.value.range[1]);
            const startPos = lc.linePos(pair.value.range[0]);
            if (pos.line === startPos.line) ok.set(pos.line - 1, pos.col - 1);
          }
        },
      });
    }
    for (const l of order) if (ok.has(l)) return { line: l, character: ok.get(l) };
  }
  for (const l of order) {
    if (/[A-Za-z]\s*$/.test(lines[l]) && !/^\s*#/.test(lines[l]) && !/^\s*(EXPOSE|STOPSIGNAL|HEALTHCHECK|FROM|ARG|ENV|ONBUILD|SHELL)\b/i.test(lines[l]))
      return { line: l, character: lines[l].replace(/\s+$/, '').length };
  }
  return { line: mid, character: lines[mid].length };
}

export function offsetAt(text, pos) {
  let off = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) break;
    off = nl + 1;
  }
  return off + pos.character;
}
