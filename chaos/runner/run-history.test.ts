import assert from 'node:assert/strict';
import { lastRunOf, type RunRecord } from './run-history.js';

const record = (runId: string, experimentFile: string, title: string, startedAt: string): RunRecord => ({
  runId,
  dir: `runs/${runId}`,
  experimentFile,
  title,
  startedAt,
  status: 'completed',
  verdict: 'pass',
  exit: 'pass',
});

const runs = [
  record('a1', 'experiments/a.yaml', 'A', '2026-11-20T10:00:00.000Z'),
  record('a2', './experiments/a.yaml', 'A', '2026-11-21T10:00:00.000Z'),
  record('a0', 'experiments/a.yaml', 'A', '2026-11-19T10:00:00.000Z'),
  record('a-elsewhere', '/other/a.yaml', 'A', '2026-11-25T10:00:00.000Z'),
  record('b1', '/other/b.yaml', 'B', '2026-11-22T10:00:00.000Z'),
];

describe('lastRunOf', () => {
  it('picks the newest run of the same file path (normalised), ignoring same-title runs of other paths', () => {
    assert.equal(lastRunOf(runs, { file: 'experiments/a.yaml', title: 'A' })?.runId, 'a2');
  });

  it('falls back to the title when no run has the same path', () => {
    assert.equal(lastRunOf(runs, { file: 'experiments/b.yaml', title: 'B' })?.runId, 'b1');
  });

  it('is undefined for an experiment that never ran', () => {
    assert.equal(lastRunOf(runs, { file: 'experiments/c.yaml', title: 'C' }), undefined);
  });
});
