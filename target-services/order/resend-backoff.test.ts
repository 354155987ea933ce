import { strict as assert } from 'node:assert';
import { stepTimeoutMs } from './resend-backoff.js';
import { applyEvent, startSaga, type SagaState } from './saga.js';

const compensating = (resends?: number): SagaState => ({
  status: 'compensating',
  current: 'payment.refund',
  done: ['payment.authorize'],
  pendingCompensations: [],
  reason: 'step_timeout',
  ...(resends === undefined ? {} : { resends }),
});

describe('the compensation re-send backoff', () => {
  const cases: { name: string; state: SagaState; random01: number; ms: number }[] = [
    { name: 'a forward step waits the step timeout', state: startSaga().state, random01: 0.99, ms: 5000 },
    { name: 'a first compensation waits the step timeout', state: compensating(), random01: 0.5, ms: 5000 },
    { name: 'the first re-send waits twice as long', state: compensating(1), random01: 0.5, ms: 10_000 },
    {
      name: 'the second re-send waits four times as long',
      state: compensating(2),
      random01: 0.5,
      ms: 20_000,
    },
    {
      name: 'later re-sends wait no longer than four times',
      state: compensating(9),
      random01: 0.5,
      ms: 20_000,
    },
    { name: 'jitter shortens a wait by at most 20%', state: compensating(1), random01: 0, ms: 8000 },
    { name: 'jitter lengthens a wait by at most 20%', state: compensating(), random01: 0.999_999, ms: 6000 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(stepTimeoutMs(c.state, 5000, c.random01), c.ms));

  it('counts each re-send of a timed-out compensation and keeps re-sending it', () => {
    let s = compensating();
    for (let n = 1; n <= 3; n++) {
      const t = applyEvent(s, { kind: 'timeout', command: 'payment.refund' });
      assert.deepEqual(t.send, ['payment.refund']);
      assert.equal(t.state.resends, n);
      s = t.state;
    }
  });

  it('starts the next compensation with no re-sends', () => {
    const s: SagaState = {
      ...compensating(3),
      current: 'inventory.release',
      pendingCompensations: ['payment.refund'],
    };
    const t = applyEvent(s, { kind: 'reply', command: 'inventory.release', ok: true });
    assert.deepEqual(t.send, ['payment.refund']);
    assert.equal(t.state.resends, undefined);
    assert.equal(stepTimeoutMs(t.state, 5000, 0.5), 5000);
  });
});
