import { strict as assert } from 'node:assert';
import { confirmedPrefix } from './confirmed-prefix.js';

const ok: PromiseSettledResult<unknown> = { status: 'fulfilled', value: undefined };
const no = (message: string): PromiseSettledResult<unknown> => ({
  status: 'rejected',
  reason: new Error(message),
});

describe('confirmedPrefix', () => {
  const cases: {
    name: string;
    results: PromiseSettledResult<unknown>[];
    confirmed: number;
    error?: string;
  }[] = [
    { name: 'an empty batch confirms nothing', results: [], confirmed: 0 },
    { name: 'a fully confirmed batch marks every row', results: [ok, ok, ok], confirmed: 3 },
    { name: 'a failure first marks no row', results: [no('nack'), ok], confirmed: 0, error: 'nack' },
    {
      name: 'rows confirmed after a failure stay unpublished (commit order)',
      results: [ok, ok, no('closed'), ok, no('timeout')],
      confirmed: 2,
      error: 'closed',
    },
  ];
  it('wraps a rejection that is not an Error', () => {
    const out = confirmedPrefix([ok, { status: 'rejected', reason: 'closed' }]);
    assert.equal(out.confirmed, 1);
    assert.ok(out.error instanceof Error);
    assert.equal(out.error.message, 'closed');
  });
  for (const c of cases)
    it(c.name, () => {
      const out = confirmedPrefix(c.results);
      assert.equal(out.confirmed, c.confirmed);
      assert.equal(out.error?.message, c.error);
    });
});
