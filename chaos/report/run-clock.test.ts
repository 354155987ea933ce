import assert from 'node:assert/strict';
import { sampleJournal } from './fixtures/sample-journal.js';
import {
  formatInstant,
  formatOffset,
  formatSeconds,
  formatWallClock,
  formatWindow,
  runClockOf,
  type RunClock,
} from './run-clock.js';

const T0 = Date.parse('2026-11-23T00:42:00.000Z');
const known: RunClock = { t0Ms: T0 };
const unknown: RunClock = {};

describe('run clock', function () {
  const cases: [string, () => string, string][] = [
    ['seconds under a minute keep one decimal', () => formatSeconds(25_049), '25.0 s'],
    ['a minute or more is minutes and seconds', () => formatSeconds(125_000), '2 min 5.0 s'],
    ['an offset is signed', () => formatOffset(45_900), '+45.9 s'],
    ['an offset before the start is negative', () => formatOffset(-1500), '-1.5 s'],
    ['wall clock is UTC to the tenth of a second', () => formatWallClock(T0 + 25_049), '00:42:25.0'],
    ['an offset instant gets its wall clock', () => formatInstant(25_000, known), '+25.0 s (00:42:25.0 UTC)'],
    ['an offset instant without a start is an offset', () => formatInstant(25_000, unknown), '+25.0 s'],
    ['a Unix instant becomes an offset', () => formatInstant(T0 + 3000, known), '+3.0 s (00:42:03.0 UTC)'],
    [
      'a Unix instant without a start is wall clock',
      () => formatInstant(T0 + 3000, unknown),
      '00:42:03.0 UTC',
    ],
    [
      'a Unix-ms phase window reads as offsets and wall clock',
      () => formatWindow({ name: 'inject', startMs: T0 + 25_000, endMs: T0 + 45_900 }, known),
      'inject +25.0 s → +45.9 s (00:42:25.0 → 00:42:45.9 UTC)',
    ],
    [
      'an offset window reads the same',
      () => formatWindow({ startMs: 25_000, endMs: 45_900 }, known),
      '+25.0 s → +45.9 s (00:42:25.0 → 00:42:45.9 UTC)',
    ],
    [
      'a Unix-ms window with no known start is wall clock only',
      () => formatWindow({ name: 'run', startMs: T0, endMs: T0 + 1000 }, unknown),
      'run 00:42:00.0 → 00:42:01.0 UTC',
    ],
  ];
  for (const [name, run, expected] of cases) it(name, () => assert.equal(run(), expected));

  it('takes the start from the journal when it is recorded', function () {
    assert.deepEqual(runClockOf(sampleJournal()), { t0Ms: T0 });
  });

  it("recovers the start of an older journal from a PromQL check's phase window", function () {
    const journal = sampleJournal();
    delete journal.timelineStartedAt;
    assert.deepEqual(runClockOf(journal), {}, 'no window, no start');
    const inject = journal.phases.find((p) => p.name === 'inject');
    assert.ok(inject);
    journal.checks[2]!.evidence.details = {
      window: { name: 'inject', startMs: T0 + 7 + inject.startMs, endMs: T0 + 7 + inject.endMs },
    };
    assert.deepEqual(runClockOf(journal), { t0Ms: T0 + 7 });
    journal.checks[2]!.evidence.details = { window: { name: 'run', startMs: T0 + 9, endMs: T0 + 99 } };
    assert.deepEqual(runClockOf(journal), { t0Ms: T0 + 9 }, 'the whole-run window starts at the first phase');
  });
});
