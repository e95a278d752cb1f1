// The lint scheduler debounces edits and tells background work (the workspace scan) when it may run: never
// while a lint run is in progress, nor just before one falls due.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { LintScheduler } from '../../server/src/hosts/lsp/scheduler';

describe('LintScheduler.whenIdle', () => {
  it('resolves at once when nothing is pending or running', async () => {
    const scheduler = new LintScheduler(() => undefined, 50);
    let idle = false;
    void scheduler.whenIdle(5).then(() => (idle = true));
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(idle, true);
    scheduler.dispose();
  });

  it('waits for a run in progress, through its awaits, and for one that falls due within the margin', async () => {
    const events: string[] = [];
    let finishRun!: () => void;
    const scheduler = new LintScheduler(async (uri) => {
      events.push(`start ${uri}`);
      await new Promise<void>((resolve) => (finishRun = resolve));
      events.push(`end ${uri}`);
    }, 20);
    scheduler.schedule('file:///a.yaml', 20);
    // Falls due in 20 ms, within a 50 ms margin: the background waits for the run and its end.
    const idle = scheduler.whenIdle(50).then(() => events.push('idle'));
    await sleep(40);
    assert.deepEqual(events, ['start file:///a.yaml'], 'still waiting while the run awaits');
    finishRun();
    await idle;
    assert.deepEqual(events, ['start file:///a.yaml', 'end file:///a.yaml', 'idle']);
    scheduler.dispose();
  });

  it('does not wait for a run due later than the margin', async () => {
    const scheduler = new LintScheduler(() => undefined, 20);
    scheduler.schedule('file:///b.yaml', 1000);
    const started = Date.now();
    await scheduler.whenIdle(5);
    assert.ok(Date.now() - started < 500, 'resolved without waiting for the timer');
    scheduler.dispose();
  });
});
