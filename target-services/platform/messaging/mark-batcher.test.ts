import { strict as assert } from 'node:assert';
import { MarkBatcher } from './mark-batcher.js';

/** A flush the test completes by hand. */
function manualFlush() {
  const calls: { ids: string[]; done: () => void; fail: (e: Error) => void }[] = [];
  const flush = (ids: string[]) =>
    new Promise<void>((done, fail) => {
      calls.push({ ids, done, fail });
    });
  return { calls, flush };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('MarkBatcher', () => {
  it('flushes a lone request at once', async () => {
    const { calls, flush } = manualFlush();
    const b = new MarkBatcher(flush);
    const p = b.mark(['a', 'b']);
    assert.deepEqual(
      calls.map((c) => c.ids),
      [['a', 'b']],
    );
    calls[0]!.done();
    await p;
  });

  it('carries the requests made during a flush together in the next one', async () => {
    const { calls, flush } = manualFlush();
    const b = new MarkBatcher(flush);
    const first = b.mark(['a']);
    const second = b.mark(['b']);
    const third = b.mark(['c', 'd']);
    assert.equal(calls.length, 1);
    calls[0]!.done();
    await first;
    await tick();
    assert.deepEqual(calls[1]?.ids, ['b', 'c', 'd']);
    calls[1].done();
    await Promise.all([second, third]);
    assert.equal(calls.length, 2);
  });

  it('rejects the callers of a failed flush only, and keeps going', async () => {
    const { calls, flush } = manualFlush();
    const b = new MarkBatcher(flush);
    const first = b.mark(['a']);
    const second = b.mark(['b']);
    calls[0]!.fail(new Error('db gone'));
    await assert.rejects(first, /db gone/);
    await tick();
    calls[1]!.done();
    await second;
    const third = b.mark(['c']);
    await tick();
    assert.deepEqual(calls[2]?.ids, ['c']);
    calls[2].done();
    await third;
  });
});
