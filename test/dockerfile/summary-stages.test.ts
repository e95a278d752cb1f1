// The workspace index summarises a Dockerfile of many stages from the stages it reads (the target and those it is
// built on): the summary must be exactly the one a parse of every stage gives, for every target.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { stageCuts, summarizeDockerfile, summarySource } from '../../server/src/engine/testing';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

function dockerfiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return dockerfiles(full);
    return /dockerfile/i.test(entry.name) ? [full] : [];
  });
}

const files = dockerfiles(FIXTURES);
const stageNames = (text: string) => [...text.matchAll(/^[ \t]*from[ \t].*?[ \t]as[ \t]+(\S+)[ \t]*$/gim)].map((m) => m[1]);

function assertSameSummaries(text: string, label: string): void {
  for (const target of [undefined, ...stageNames(text), 'no-such-stage']) {
    assert.deepEqual(
      summarizeDockerfile(text, '/w/Dockerfile', target),
      summarizeDockerfile(text, '/w/Dockerfile', target, { wholeFile: true }),
      `${label}, target ${target ?? '(last)'}`,
    );
  }
}

describe('Dockerfile summaries from the stages they read', () => {
  it('has many-stage fixtures to check', () => {
    assert.ok(files.length > 30, `${files.length} Dockerfiles`);
    const moby = fs.readFileSync(path.join(FIXTURES, 'corpus', 'docker', 'moby.Dockerfile'), 'utf8');
    const source = summarySource(moby, undefined);
    assert.ok(source !== undefined && source.length < moby.length / 2, 'moby (59 stages) is summarised from a part of it');
  });

  it('equal the whole-file summary for every fixture and every target', () => {
    for (const file of files) assertSameSummaries(fs.readFileSync(file, 'utf8'), path.relative(FIXTURES, file));
  });

  it('equal it for all fixtures in one file (reused stage names: the first one counts), and with global ARGs first', () => {
    // Only files whose stages can be cut apart: one that cannot makes the whole mix parse whole.
    const all = files
      .map((file) =>
        fs
          .readFileSync(file, 'utf8')
          .replace(/^\uFEFF/, '')
          .replace(/^#\s*(escape|syntax)\s*=.*$/gim, ''),
      )
      .filter((text) => stageCuts(text, '\\') !== undefined)
      .join('\n');
    assert.ok(summarySource(all, undefined), 'read in part');
    assertSameSummaries(all, 'all fixtures');
    assertSameSummaries(`ARG BASE=alpine:3.20\n# a comment\n${all}`, 'all fixtures after an ARG');
  });

  it('reads a base named by a global ARG; parses the whole file under another escape character', () => {
    const stages = Array.from({ length: 12 }, (_, i) => `FROM alpine:3.20 AS s${i}\nRUN adduser -D -u 10${i} u${i}\nUSER u${i}\n`).join('');
    assert.ok(summarySource(stages, undefined), 'plain stages are read in part');
    assert.ok(summarySource(`ARG B=alpine\n${stages}FROM $B\n`, undefined), 'a FROM with a global ARG');
    assertSameSummaries(`ARG B=s4\n${stages}FROM \${B} AS last\nRUN true\n`, 'a base named by an ARG');
    assert.equal(summarySource(`# escape=\`\n${stages}`, undefined), undefined);
    assertSameSummaries(`${stages}FROM s3 AS last\nUSER u3\n`, 'a stage built on an earlier one');
  });
});
