import { strict as assert } from 'node:assert';
import { OrderWatch, parseWaitMs } from './order-watch.js';

describe('OrderWatch', () => {
  it('wakes a waiter when its order is notified', async () => {
    const watch = new OrderWatch();
    const w = watch.watch('o-1');
    const started = Date.now();
    const woken = w.next(5000);
    watch.notify('o-1');
    assert.equal(await woken, true);
    assert.ok(Date.now() - started < 1000);
    w.close();
    assert.equal(watch.size, 0);
  });

  it('keeps a notify that came between registering and waiting', async () => {
    const watch = new OrderWatch();
    const w = watch.watch('o-2');
    watch.notify('o-2');
    assert.equal(await w.next(5000), true);
    w.close();
  });

  it('times out when another order is notified', async () => {
    const watch = new OrderWatch();
    const w = watch.watch('o-3');
    const woken = w.next(30);
    watch.notify('o-4');
    assert.equal(await woken, false);
    w.close();
  });

  it('wakes every waiter of an order and forgets them once closed', async () => {
    const watch = new OrderWatch();
    const a = watch.watch('o-5');
    const b = watch.watch('o-5');
    assert.equal(watch.size, 2);
    const both = Promise.all([a.next(5000), b.next(5000)]);
    watch.notify('o-5');
    assert.deepEqual(await both, [true, true]);
    a.close();
    b.close();
    assert.equal(watch.size, 0);
  });

  it('resolves a pending wait when the waiter is closed (client gone)', async () => {
    const watch = new OrderWatch();
    const w = watch.watch('o-6');
    const pending = w.next(5000);
    w.close();
    assert.equal(await pending, true);
  });
});

describe('parseWaitMs', () => {
  const cases: { raw: unknown; ms: number | undefined }[] = [
    { raw: undefined, ms: 0 },
    { raw: '0', ms: 0 },
    { raw: '1500', ms: 1500 },
    { raw: '60000', ms: 5000 },
    { raw: '-1', ms: undefined },
    { raw: '1.5', ms: undefined },
    { raw: 'soon', ms: undefined },
    { raw: ['1', '2'], ms: undefined },
  ];
  for (const c of cases)
    it(`reads wait=${JSON.stringify(c.raw)} as ${String(c.ms)} (cap 5000)`, () =>
      assert.equal(parseWaitMs(c.raw, 5000), c.ms));
});
