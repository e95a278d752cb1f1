import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, Linter } from '../server/src/engine';
import type { Finding, LintResult, SourceFile } from '../server/src/engine';

/** A finding at `offset` whose safe fix inserts `newText` at `at`. */
function finding(text: string, ruleId: string, offset: number, at: number, newText: string): Finding {
  const index = new LineIndex(text);
  const start = index.positionAt(offset);
  const insert = index.positionAt(at);
  return {
    ruleId,
    severity: 'warning',
    message: `${ruleId} message`,
    range: { start, end: start },
    fixes: [{ title: 'Fix', kind: 'safe', isPreferred: true, edits: [{ range: { start: insert, end: insert }, newText }] }],
  };
}

/**
 * A linter whose `fake/stuck` fix never removes its finding (as a fix landing in an unterminated heredoc did), and
 * whose `fake/header` fix, applied in the same pass, moves it down.
 */
class StuckFixLinter extends Linter {
  override lint(file: SourceFile): LintResult {
    const { text } = file;
    const findings = [finding(text, 'fake/stuck', text.indexOf('FROM'), text.length, 'USER 10001\n')];
    if (!text.startsWith('# header\n')) findings.unshift(finding(text, 'fake/header', 0, 0, '# header\n'));
    return { language: 'dockerfile', findings, indexChanged: false, suppressed: 0 };
  }
}

/** A linter that reports each repeated line, on its start, with one message; its fix deletes the line. */
class DuplicateLineLinter extends Linter {
  override lint(file: SourceFile): LintResult {
    const { text } = file;
    const index = new LineIndex(text);
    const lines = text.split('\n');
    const findings: Finding[] = [];
    lines.forEach((line, i) => {
      if (line === '' || lines.indexOf(line) === i) return;
      const range = { start: { line: i, character: 0 }, end: { line: i + 1, character: 0 } };
      findings.push({
        ruleId: 'fake/duplicate',
        severity: 'warning',
        message: `${line} is repeated`,
        range: { start: range.start, end: index.positionAt(index.offsetAt(range.start) + line.length) },
        fixes: [{ title: 'Delete', kind: 'safe', isPreferred: true, edits: [{ range, newText: '' }] }],
      });
    });
    return { language: 'dockerfile', findings, indexChanged: false, suppressed: 0 };
  }
}

/**
 * A linter whose finding and fix were worked out on the first text and never follow the edits (a Helm partial's
 * fixes mapped through a render of its older text): each pass reports `true` where it was, and replaces it.
 */
class StaleOffsetLinter extends Linter {
  constructor(private readonly first: string) {
    super();
  }

  override lint(): LintResult {
    const index = new LineIndex(this.first);
    const at = this.first.indexOf('true');
    const range = { start: index.positionAt(at), end: index.positionAt(at + 'true'.length) };
    const fix = { title: 'Set false', kind: 'safe' as const, isPreferred: true, edits: [{ range, newText: 'false' }] };
    return {
      language: 'kubernetes',
      findings: [{ ruleId: 'fake/stale', severity: 'error', message: 'true', range, fixes: [fix] }],
      indexChanged: false,
      suppressed: 0,
    };
  }
}

/** A linter whose one fix points past the end of the text it is asked about (worked out on a longer, older one). */
class PastTheEndLinter extends Linter {
  override lint(file: SourceFile): LintResult {
    const lines = file.text.split('\n').length;
    const range = { start: { line: lines + 3, character: 2 }, end: { line: lines + 3, character: 6 } };
    const fix = { title: 'Set false', kind: 'safe' as const, isPreferred: true, edits: [{ range, newText: 'false' }] };
    return {
      language: 'kubernetes',
      findings: [{ ruleId: 'fake/past', severity: 'error', message: 'true', range, fixes: [fix] }],
      indexChanged: false,
      suppressed: 0,
    };
  }
}

describe('Linter.fixAll', () => {
  it('never writes the text an earlier pass wrote over it again (a fix from stale offsets: `privileged: falseeeeeeeeee`)', () => {
    const text = 'privileged: true\n';
    const result = new StaleOffsetLinter(text).fixAll({ path: '/w/pod.yaml', text });
    assert.equal(result.text, 'privileged: false\n');
    assert.equal(result.applied, 1);
  });

  it('applies no edit whose range is not in the text', () => {
    const text = 'privileged: true\n';
    const result = new PastTheEndLinter().fixAll({ path: '/w/pod.yaml', text });
    assert.equal(result.text, text);
    assert.equal(result.applied, 0);
  });

  it('applies a fix that leaves its finding in place once, not on every pass (its spot followed through other edits)', () => {
    const result = new StuckFixLinter().fixAll({ path: '/w/Dockerfile', text: 'FROM debian:12\n' });
    assert.equal(result.text, '# header\nFROM debian:12\nUSER 10001\n');
    assert.equal(result.applied, 2);
    assert.deepEqual(
      result.remaining.map((f) => f.ruleId),
      ['fake/stuck'],
    );
  });

  it('still fixes a finding that moves to where a fixed one was, once its text is gone (a repeated line moved up)', () => {
    const result = new DuplicateLineLinter().fixAll({ path: '/w/Dockerfile', text: 'FROM debian:12\nENV A=1\nENV A=1\nENV A=1\n' });
    assert.equal(result.text, 'FROM debian:12\nENV A=1\n');
    assert.equal(result.applied, 2);
    assert.deepEqual(result.remaining, []);
  });
});
