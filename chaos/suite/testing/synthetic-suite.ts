import type { CheckRow } from '../../history/history-row.js';
import type { Verdict } from '../../verdict.js';
import { assignShards } from '../shard.js';
import type { SuiteEntry } from '../suite-entry.js';
import { SUITE_SCHEMA_VERSION, type SuiteJson } from '../suite-json.js';
import { selectionKeyOf } from '../suite-plan.js';

/** A catalog entry for tests. */
export const testEntry = (id: string, weightS: number, expect: 'pass' | 'fail' = 'pass'): SuiteEntry => ({
  id,
  file: `experiments/${id}.yaml`,
  title: id,
  tags: ['smoke'],
  weightMs: weightS * 1000,
  expect,
});

/** Checks of every experiment per trial: check id -> verdict and margin of each trial. */
export type TrialPlan = Record<string, Record<string, { verdict: Verdict; margin: number | null }[]>>;

/**
 * The output `faultline suite` would write for shard `index` of `count` (count 1: unsharded), with
 * the given check results per experiment and trial (test fixture).
 */
export function shardOutput(
  selection: SuiteEntry[],
  plan: TrialPlan,
  index: number,
  count: number,
  o: { trials?: number; commit?: string; startedAt?: string } = {},
): SuiteJson {
  const trials = o.trials ?? 2;
  const startedAt = o.startedAt ?? `2026-12-0${index}T02:00:00.000Z`;
  const suiteId = `suite-${index}of${count}`;
  const mine = assignShards(selection, count)[index - 1]!.entries;
  const runs: SuiteJson['runs'] = [];
  const rows: CheckRow[] = [];
  for (const e of mine)
    for (let t = 1; t <= trials; t++) {
      const checks = plan[e.id] ?? {};
      const verdicts = Object.values(checks).map((c) => c[t - 1]?.verdict ?? 'pass');
      const runVerdict: Verdict = verdicts.includes('fail')
        ? 'fail'
        : verdicts.includes('inconclusive')
          ? 'inconclusive'
          : 'pass';
      const dir = `${e.id}-t${t}/run`;
      runs.push({
        experiment: e.id,
        trial: t,
        runId: 'run',
        dir,
        verdict: runVerdict,
        exit: runVerdict,
        status: 'completed',
        startedAt,
        endedAt: startedAt,
      });
      for (const [check, results] of Object.entries(checks)) {
        const r = results[t - 1] ?? { verdict: 'pass', margin: null };
        rows.push({
          suiteId,
          startedAt,
          commit: o.commit ?? 'c1',
          branch: 'main',
          experiment: e.id,
          trial: t,
          check,
          title: check,
          kind: 'promql',
          verdict: r.verdict,
          observed: null,
          objective: null,
          margin: r.margin,
          expect: e.expect,
          runVerdict,
          durationS: 20,
          runDir: dir,
        });
      }
    }
  return {
    schemaVersion: SUITE_SCHEMA_VERSION,
    suiteId,
    startedAt,
    endedAt: startedAt,
    commit: o.commit ?? 'c1',
    branch: 'main',
    machine: 'test',
    nodeVersion: 'v20',
    faultlineVersion: '0.1.0',
    selection: { key: selectionKeyOf(selection), tags: [], excludeTags: [], experiments: selection },
    trials,
    shard: count === 1 ? null : { index, count },
    mergedFrom: [],
    runs,
    rows,
  };
}
