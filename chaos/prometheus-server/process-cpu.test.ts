import assert from 'node:assert/strict';
import { cpuSecondsOfStat } from './process-cpu.js';

describe('cpuSecondsOfStat', () => {
  it('adds utime and stime (fields 14 and 15) in clock ticks', () => {
    const stat = '4242 (prometheus) S 1 4242 4242 0 -1 4194560 9000 0 0 0 250 75 0 0 20 0 12 0 100 0 0';
    assert.equal(cpuSecondsOfStat(stat), 3.25);
  });

  it('counts fields from the last `)` so a command name with spaces and parentheses is safe', () => {
    const stat = '7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 100 100 0 0';
    assert.equal(cpuSecondsOfStat(stat), 2);
  });

  it('is undefined for text that is not a stat line', () => {
    assert.equal(cpuSecondsOfStat('nonsense'), undefined);
  });
});
