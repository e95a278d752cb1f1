// The Dockerfile is parsed stage by stage (server/src/engine/dockerfile/chunks.ts) so that an edit re-parses
// one stage. That is only right if the cut parse gives exactly what dockerfile-ast gives for the whole file:
// checked here on every real Dockerfile we have, on the constructs that decide where an instruction ends
// (continuations, comments inside them, heredocs, the escape directive, CRLF, BOM), and on random edits.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stageCuts, parseDockerfile, parseDockerfileUncut, type DockerfileModel } from '../../server/src/engine/testing';
import { Prng } from '../fuzz/prng';
import { fixtureDir } from '../harness/fixtures';

const corpus = fixtureDir('test', 'fixtures', 'corpus', 'docker');
const corpusFiles = readdirSync(corpus).filter((f) => /Dockerfile$/.test(f));

/** Everything rules read, with stages by index instead of object links. */
function shape(model: DockerfileModel): unknown {
  const stageIndex = (s: { index: number } | undefined) => s?.index ?? null;
  return {
    escapeChar: model.escapeChar,
    // Own string keys only: the parse keeps private bookkeeping under a symbol.
    instructions: model.instructions.map((i) => ({ ...Object.fromEntries(Object.entries(i)), stage: stageIndex(i.stage) })),
    stages: model.stages.map((s) => ({
      index: s.index,
      name: s.name,
      image: s.image,
      parent: stageIndex(s.parent),
      from: s.from.start,
      instructions: s.instructions.map((i) => i.start),
    })),
    globalArgs: [...model.globalArgs],
  };
}

function assertSameAsWhole(text: string, label: string): void {
  assert.deepEqual(shape(parseDockerfile(text)), shape(parseDockerfileUncut(text)), label);
}

const TRICKY: Record<string, string> = {
  'plain stages': 'FROM a AS one\nRUN x\n\nFROM one\nUSER 1000\n',
  'continuation with comment and blank lines before a FROM line': 'FROM a\nRUN echo \\\n# a comment\n\n  \\\nFROM b\nRUN y\nFROM c\n',
  'escape followed by blanks': 'FROM a\nRUN echo \\  \t\nFROM b\nFROM c\n',
  'escaped escape at the end of a line': 'FROM a\nRUN echo \\\\\nFROM b\nFROM c\n',
  'escape, space, escape': 'FROM a\nRUN echo \\ \\\nFROM b\nRUN <<EOF\nFROM c\nEOF\nFROM d\n',
  'heredoc whose body has FROM lines': 'FROM a\nRUN <<EOF\nFROM b\necho hi\nEOF\nFROM c\nRUN z\n',
  'two heredocs': 'FROM a\nCOPY <<one <<two /dst/\nFROM x\none\nFROM y\ntwo\nFROM c\n',
  'tabbed heredoc': 'FROM a\nRUN <<-EOT\n\tFROM b\n\tEOT\nFROM c\n',
  'indented terminator without <<-': 'FROM a\nRUN <<EOT\nFROM b\n\tEOT\nEOT\nFROM c\n',
  'quoted heredoc names': 'FROM a\nRUN <<"EOF" cat\nFROM b\nEOF\nADD <<\'X\' /x\nFROM q\nX\nFROM c\n',
  'heredoc opened on a continued line': 'FROM a\nRUN cat \\\n  <<EOF\nFROM b\nEOF\nFROM c\n',
  'ONBUILD heredoc': 'FROM a\nONBUILD RUN <<EOF\nFROM b\nEOF\nFROM c\n',
  'heredoc on an instruction without heredocs': 'FROM a\nENV X=<<EOF\nFROM b\nEOF\nFROM c\n',
  'unterminated heredoc': 'FROM a\nRUN <<EOF\nFROM b\nFROM c\n',
  'empty heredoc name': 'FROM a\nRUN <<"" x\n\nFROM b\n',
  'terminator with trailing blank': 'FROM a\nRUN <<EOF\nEOF \nFROM b\nEOF\nFROM c\n',
  'escape directive': '# escape=`\nFROM a\nRUN echo `\n  hi\nFROM b\nRUN x \\\nFROM c\n',
  'escape directive with heredoc': '# escape=`\nFROM a\nRUN <<EOF\nFROM x\nEOF\nFROM c\n',
  'keyword continued onto the next line': 'FROM a\nRU\\\nN x\nFR\\\nOM b\nFROM c\n',
  CRLF: 'FROM a\r\nRUN x \\\r\n  y\r\nFROM b\r\nRUN <<EOF\r\nFROM q\r\nEOF\r\nFROM c\r\n',
  'lone CR': 'FROM a\rRUN x\rFROM b\n',
  BOM: '\uFEFFFROM a\nFROM b\n',
  'BOM and directive': '\uFEFF# escape=`\nFROM a\nRUN x `\nFROM b\n',
  'indented instructions and comments': 'FROM a\n   # c \\\n  FROM b\n\t\tFROM c\n',
  'no-break space before an instruction': 'FROM a\n\u00a0FROM b\n\u00a0# x \\\nFROM c\n',
  'global ARGs and stage references': 'ARG BASE=debian\nARG TAG\nFROM $BASE AS build\nFROM ${BASE}:${TAG:-12} AS run\nFROM build\nFROM BUILD\n',
  'duplicate stage names': 'FROM a AS x\nFROM b AS x\nFROM x\n',
  'no FROM at all': 'RUN x\nUSER 1\n',
  empty: '',
  'last line without a line break': 'FROM a\nRUN x\nFROM b',
};

describe('stage cuts of a Dockerfile', () => {
  for (const [label, text] of Object.entries(TRICKY)) {
    it(`gives the whole-file parse: ${label}`, () => assertSameAsWhole(text, label));
  }

  it('cuts at every FROM line outside continuations and heredocs', () => {
    const text = TRICKY['heredoc whose body has FROM lines'];
    assert.deepEqual(stageCuts(text, '\\'), [0, text.indexOf('FROM c')]);
    assert.deepEqual(stageCuts(TRICKY['plain stages'], '\\'), [0, TRICKY['plain stages'].indexOf('FROM one')]);
  });

  it('reuses the stages before an edit, and rebuilds a stage whose base stage changed', () => {
    const text = 'ARG BASE=alpine\nFROM $BASE AS build\nRUN adduser -D -u 1000 app\nFROM build AS final\nUSER 1000\nFROM scratch\nCOPY --from=final / /\n';
    const before = parseDockerfile(text);
    const edited = parseDockerfile(text.replace('COPY --from=final / /', 'COPY --from=final /app /app'));
    assert.equal(edited.stages[0], before.stages[0], 'an unchanged stage at the same offset is the same object');
    assert.equal(edited.stages[1], before.stages[1]);
    assert.notEqual(edited.stages[2], before.stages[2], 'the edited stage is new');
    assert.equal(edited.stages[2].instructions[0].stage, edited.stages[2]);
    // Renaming the first stage changes what the second is built on, though the second's text is the same.
    const renamed = parseDockerfile(text.replace('AS build', 'AS bild'));
    assert.equal(renamed.stages[1].parent, undefined);
    assert.notEqual(renamed.stages[1], before.stages[1]);
    // A different global ARG default changes the image of a stage whose own text is the same.
    const rebased = parseDockerfile(text.replace('BASE=alpine', 'BASE=debian'));
    assert.equal(rebased.stages[0].image, 'debian');
    assertSameAsWhole(text.replace('BASE=alpine', 'BASE=debian'), 'rebased');
  });

  it('gives up rather than guess on a keyword continued onto the next line or a lone CR', () => {
    assert.equal(stageCuts(TRICKY['keyword continued onto the next line'], '\\'), undefined);
    assert.equal(stageCuts(TRICKY['lone CR'], '\\'), undefined);
  });

  for (const file of corpusFiles) {
    it(`gives the whole-file parse on ${file}, and after 150 random edits of it`, () => {
      const original = readFileSync(join(corpus, file), 'utf8');
      assertSameAsWhole(original, file);
      const whole = parseDockerfileUncut(original);
      const cuts = stageCuts(original, whole.escapeChar);
      assert.ok(cuts, `${file}: no cuts`);
      // One chunk per stage, and one for what comes before the first FROM.
      assert.deepEqual(
        cuts.filter((c) => c > 0),
        whole.stages.map((s) => s.from.start).filter((c) => c > 0),
        `${file}: a cut at each FROM`,
      );
      const prng = new Prng(0x5eed + file.length);
      const pieces = [
        '\\\n',
        '\\',
        '\n',
        '<<EOF\n',
        'EOF\n',
        'RUN <<-X cat\n',
        '\tX\n',
        'FROM x AS y\n',
        '# ',
        '#',
        '`',
        ' ',
        '\t',
        '\r\n',
        '"',
        "'",
        'ONBUILD ',
        'COPY <<a <<b /\n',
      ];
      let text = original;
      for (let step = 0; step < 150; step++) {
        const at = prng.int(0, text.length);
        text = prng.chance(0.25)
          ? text.slice(0, at) + text.slice(Math.min(text.length, at + prng.int(1, 40)))
          : text.slice(0, at) + prng.pick(pieces) + text.slice(at);
        assertSameAsWhole(text, `${file} after edit ${step} (seed ${prng.seed})`);
      }
    });
  }
});
