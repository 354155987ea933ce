import { criticalPathRecord, type CriticalPathRecord } from '../assertions/critical-path/journal-record.js';
import { readPopulation } from '../assertions/critical-path/read-population.js';
import { describeError } from '../errors.js';
import type { SpanStore } from '../telemetry/span-store.js';
import type { TimelineResult } from './run-timeline.js';

/**
 * "Where the time went" for the journal: the critical paths of the traces that started in each
 * phase (warmup left out), read from the run's store at evaluation time, plus the ranked change
 * from baseline to inject. Never throws: a store failure is one warning line and no record.
 */
export async function measureRunCriticalPath(
  store: SpanStore,
  timeline: Pick<TimelineResult, 't0' | 'phases'>,
  log: (line: string) => void,
): Promise<CriticalPathRecord | undefined> {
  const ns = (offsetMs: number): bigint => BigInt(Math.round(timeline.t0 + offsetMs)) * 1_000_000n;
  try {
    const summaries = [];
    for (const p of timeline.phases) {
      if (p.name === 'warmup') continue;
      const window = { fromUnixNano: ns(p.startMs), toUnixNano: ns(p.endMs) };
      summaries.push({ phase: p.name, summary: await readPopulation(store, { window, topK: 3 }) });
    }
    return criticalPathRecord(summaries);
  } catch (err) {
    log(`warning: no critical-path analysis: ${describeError(err)}`);
    return undefined;
  }
}
