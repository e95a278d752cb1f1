// Half-typed and malformed Dockerfiles (what the editor sends on every keystroke) never crash the engine.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine';
import { fixtureDir } from '../harness/fixtures';

const WEIRD = [
  '',
  '\n',
  '# only a comment',
  'FROM',
  'FROM \nRUN',
  'RUN echo before any FROM',
  'USER',
  'USER \nFROM x',
  'COPY',
  'COPY .',
  'CMD ["node"',
  'CMD []',
  'ENTRYPOINT',
  'FROM a AS',
  'ONBUILD RUN adduser x',
  'COPY <<EOF /x\nhi\nEOF',
  'RUN <<EOF',
  'RUN <<EOF\nadduser\n',
  'FROM scratch\nUSER',
  'FROM x\nRUN chown -R',
  'FROM x\nRUN adduser --uid',
  'FROM x\nRUN useradd -u',
  'FROM x\nUSER a:',
  'FROM x\nUSER :g',
  'FROM x\nCOPY --chown= a b',
  'FROM x\nCMD \\\n',
  '# escape=`\nFROM x\nRUN a `\n',
  'FROM x\nRUN a \\',
  'ARG X=${Y:-z}\nFROM ${X}',
  'FROM $(echo)\nCMD $(',
  'FROM x\nRUN "unterminated\nCMD "a',
  'FROM x\r\nRUN a\r\nRUN b\r',
  'FROM x\nRUN if true; then adduser -D a; fi\nUSER a',
  'FROM x\nRUN für ü && adduser -D ö\nUSER ö',
];

describe('robustness', () => {
  const linter = new Linter({ rules: { 'docker/image-digest': 'info' } });
  const check = (text: string) => {
    linter.lint({ path: '/w/Dockerfile', text });
    linter.fixAll({ path: '/w/Dockerfile', text });
  };

  it('lints and fixes malformed input without throwing', () => WEIRD.forEach(check));

  const corpus = fixtureDir('test', 'fixtures', 'corpus', 'docker');
  it('lints prefixes of the corpus files (typing) without throwing', () => {
    for (const file of readdirSync(corpus)) {
      const text = readFileSync(join(corpus, file), 'utf8');
      for (let cut = 0; cut < text.length; cut += 613) linter.lint({ path: '/w/Dockerfile', text: text.slice(0, cut) });
      for (const part of [0.5]) check(text.slice(0, Math.floor(text.length * part)));
    }
  });
});
