import { strict as assert } from 'node:assert';
import { applyEvent, startSaga, type SagaState } from './saga.js';

const ok = (command: SagaState['current']) => ({ kind: 'reply' as const, command: command!, ok: true });

describe('the order saga', () => {
  it('runs payment, inventory and shipping in order and completes', () => {
    let t = startSaga();
    assert.deepEqual(t.send, ['payment.authorize']);
    t = applyEvent(t.state, ok('payment.authorize'));
    assert.deepEqual(t.send, ['inventory.reserve']);
    t = applyEvent(t.state, ok('inventory.reserve'));
    assert.deepEqual(t.send, ['shipping.schedule']);
    t = applyEvent(t.state, ok('shipping.schedule'));
    assert.equal(t.state.status, 'completed');
    assert.deepEqual(t.send, []);
  });

  it('compensates completed steps in reverse order when a step fails', () => {
    let t = applyEvent(startSaga().state, ok('payment.authorize'));
    t = applyEvent(t.state, ok('inventory.reserve'));
    t = applyEvent(t.state, {
      kind: 'reply',
      command: 'shipping.schedule',
      ok: false,
      reason: 'shipping_failed',
    });
    assert.equal(t.state.status, 'compensating');
    assert.deepEqual(t.send, ['inventory.release']);
    t = applyEvent(t.state, ok('inventory.release'));
    assert.deepEqual(t.send, ['payment.refund']);
    t = applyEvent(t.state, ok('payment.refund'));
    assert.equal(t.state.status, 'compensated');
    assert.equal(t.state.reason, 'shipping_failed');
  });

  it('ends compensated at once when the first step is declined', () => {
    const t = applyEvent(startSaga().state, {
      kind: 'reply',
      command: 'payment.authorize',
      ok: false,
      reason: 'payment_declined',
    });
    assert.equal(t.state.status, 'compensated');
    assert.equal(t.state.reason, 'payment_declined');
  });

  it('undoes the timed-out step too, since it may have happened', () => {
    const t = applyEvent(startSaga().state, { kind: 'timeout', command: 'payment.authorize' });
    assert.equal(t.state.reason, 'step_timeout');
    assert.deepEqual(t.send, ['payment.refund']);
  });

  it('ignores stale and duplicate replies', () => {
    const s = applyEvent(startSaga().state, ok('payment.authorize')).state;
    const t = applyEvent(s, ok('payment.authorize'));
    assert.deepEqual(t.state, s);
    assert.deepEqual(t.send, []);
  });

  it('re-sends a compensation that timed out', () => {
    const s = applyEvent(applyEvent(startSaga().state, ok('payment.authorize')).state, {
      kind: 'reply',
      command: 'inventory.reserve',
      ok: false,
      reason: 'out_of_stock',
    }).state;
    const t = applyEvent(s, { kind: 'timeout', command: 'payment.refund' });
    assert.deepEqual(t.send, ['payment.refund']);
    assert.equal(t.state.status, 'compensating');
  });
});
