import { strict as assert } from 'node:assert';
import { lifelineState } from './lifeline.js';

describe('the launcher lifeline state', () => {
  const send = (): boolean => true;
  const cases = [
    { what: 'a process started by hand (no IPC channel)', p: {}, want: 'none' },
    {
      what: 'a process started by hand, even if something sets connected',
      p: { connected: true },
      want: 'none',
    },
    {
      what: 'a process whose launcher holds its IPC channel open',
      p: { send, connected: true },
      want: 'connected',
    },
    { what: 'a process whose IPC channel already closed', p: { send, connected: false }, want: 'lost' },
  ] as const;
  for (const c of cases)
    it(`is '${c.want}' for ${c.what}`, () => {
      assert.equal(lifelineState(c.p), c.want);
    });
});
