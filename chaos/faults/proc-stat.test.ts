import assert from 'node:assert/strict';
import { parseProcStat } from './proc-stat.js';

describe('parsing /proc/<pid>/stat', function () {
  const tail = '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 987654 20 21';

  it('reads the state, the start time and the CPU ticks after a plain command name', function () {
    assert.deepEqual(parseProcStat(`42 (node) T ${tail}`), { state: 'T', startTicks: 987654, cpuTicks: 23 });
  });

  it('reads them after a command name holding spaces and parentheses', function () {
    assert.deepEqual(parseProcStat(`42 (a b) (c)) S ${tail}`), {
      state: 'S',
      startTicks: 987654,
      cpuTicks: 23,
    });
  });

  it('returns undefined for truncated text', function () {
    assert.equal(parseProcStat('42 (node) S 1 2'), undefined);
    assert.equal(parseProcStat('garbage'), undefined);
  });
});
