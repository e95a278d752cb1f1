// Number literals in template actions read as Go's text/template reads them: every Go literal (strconv's ParseInt,
// ParseUint and ParseFloat with base 0: `_` separators, 0x/0o/0b and leading-0 octal ints, hex floats), an int
// unless the text is a float's. traefik and opentelemetry-collector multiply by `0x1p60` in their helpers, which
// failed the whole chart with `illegal number syntax`. Expected values are Go's (go1.19, `printf "%T %v"`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadChart, renderChart, type RenderResult } from '../../server/src/engine/testing';
import { chartFileSystem } from './memoryChart';

function render(template: string): RenderResult {
  const files = {
    '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    '/c/values.yaml': '{}\n',
    '/c/templates/x.yaml': template,
  };
  return renderChart(loadChart(chartFileSystem(files), '/c')!, { releaseName: 'r', namespace: 'default', kubeVersion: 'v1.32.0', userValues: [] });
}

/** What `{{ printf "%T %v" L L }}` gives: its output, or `parse: …` / `exec: …` with the error's tail. */
function printed(literal: string): string {
  const result = render(`{{ printf "%T %v" ${literal} ${literal} }}`);
  if (result.parseError) return `parse: ${result.parseError.message.replace(/^parse error at \(.*?\): /, '')}`;
  const [template] = result.templates;
  return template.error ? `exec: ${template.error.message}` : template.output!.text;
}

const GO: Array<[string, string]> = [
  // Hex floats: float64 (a `p` exponent is a float's, as `.` and `e` are).
  ['0x1p60', 'float64 1.152921504606847e+18'],
  ['0x1p10', 'float64 1024'],
  ['0x1p-2', 'float64 0.25'],
  ['-0x1p-2', 'float64 -0.25'],
  ['0x1.8p3', 'float64 12'],
  ['0X_1FFFP-16', 'float64 0.1249847412109375'],
  ['0x.8p1', 'float64 1'],
  ['0x1.Fp+0_1', 'float64 3.875'],
  // Rounded to the nearest float64, ties to even; subnormals; overflow is a syntax error.
  ['0x1.00000000000008p0', 'float64 1'],
  ['0x1.00000000000018p0', 'float64 1.0000000000000004'],
  ['0x1.0000000000000800001p0', 'float64 1.0000000000000002'],
  ['0x1P-1074', 'float64 5e-324'],
  ['0x1P-1075', 'float64 0'],
  ['0x1.8P-1075', 'float64 5e-324'],
  ['0x1.fffffffffffff7p1023', 'float64 1.7976931348623157e+308'],
  ['0x1.fffffffffffff8p1023', 'parse: illegal number syntax: "0x1.fffffffffffff8p1023"'],
  // Ints: hex (an `e` is a digit there), octal, binary, separators, char constants.
  ['0x1e3', 'int 483'],
  ['0x_1F', 'int 31'],
  ['-0x10', 'int -16'],
  ['0b101', 'int 5'],
  ['0o17', 'int 15'],
  ['017', 'int 15'],
  ['0_17', 'int 15'],
  ['1_000', 'int 1000'],
  ['+5', 'int 5'],
  ['-0', 'int 0'],
  ["'a'", 'int 97'],
  ['9223372036854775807', 'int 9223372036854775807'],
  ['-9223372036854775808', 'int -9223372036854775808'],
  // Decimal floats.
  ['1e3', 'float64 1000'],
  ['1.5', 'float64 1.5'],
  ['.5', 'float64 0.5'],
  ['5.', 'float64 5'],
  ['01.5', 'float64 1.5'],
  ['1_0.5e1_0', 'float64 1.05e+11'],
  ['1e-400', 'float64 0'],
  // Errors where Go has them: parse errors, and ints beyond int64 that parse but do not evaluate.
  ['08', 'parse: integer overflow: "08"'],
  ['18446744073709551616', 'parse: integer overflow: "18446744073709551616"'],
  ['-9223372036854775809', 'parse: integer overflow: "-9223372036854775809"'],
  ['9223372036854775808', 'exec: 9223372036854775808 overflows int'],
  ['18446744073709551615', 'exec: 18446744073709551615 overflows int'],
  ['1e400', 'parse: illegal number syntax: "1e400"'],
  ['1__0', 'parse: illegal number syntax: "1__0"'],
  ['1_', 'parse: illegal number syntax: "1_"'],
  ['0x1_p4', 'parse: illegal number syntax: "0x1_p4"'],
  ['0x', 'parse: illegal number syntax: "0x"'],
  ['0x1i', 'parse: illegal number syntax: "0x1i"'],
  ['0b1.0', 'parse: illegal number syntax: "0b1.0"'],
  ['+', 'parse: illegal number syntax: "+"'],
  ['0o8', 'parse: bad number syntax: "0o8"'],
  ['1.x', 'parse: bad number syntax: "1.x"'],
  ['1-2', 'parse: bad number syntax: "1-2"'],
  ['3-', 'parse: bad number syntax: "3-"'],
];

describe('number literals in templates read as Go reads them', () => {
  for (const [literal, want] of GO) {
    it(`${literal} -> ${want}`, () => assert.equal(printed(literal), want));
  }

  it('mulf with a hex float: traefik and opentelemetry-collector render', () => {
    const result = render('a: {{ mulf 2.0 0x1p10 }}\nb: {{ mulf 0.5 0x1p60 | int64 }}\n');
    assert.equal(result.parseError, undefined);
    assert.equal(result.templates[0].output?.text, 'a: 2048\nb: 576460752303423488\n');
  });

  it('complex constants parse, as in Go (a branch not taken renders); evaluating one is an error', () => {
    assert.equal(render('{{ if false }}{{ 1i }}{{ 1+2i }}{{ end }}ok').templates[0].output?.text, 'ok');
    assert.match(printed('1+2i'), /^exec: complex number 1\+2i is not supported/);
    assert.match(printed('2i'), /^exec: complex number 2i is not supported/);
  });
});
