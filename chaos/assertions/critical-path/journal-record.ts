import type { Phase } from '../../experiment/check-spec.js';
import type { SegmentKind } from './path-span.js';
import { diffPopulations, type DiffRow } from './population-diff.js';
import type { PopulationSummary } from './population-summary.js';

/** One phase's critical paths as the journal keeps them (small: the report draws from it). */
export interface CriticalPathPhase {
  phase: Phase;
  traces: number;
  /** End-to-end latency of those traces (ms); absent when there are none. */
  latency?: { meanMs: number; p50Ms: number; p99Ms: number };
  /** Share of the critical-path time by service and segment kind, largest first. */
  parts: { service: string; kind: SegmentKind; share: number; meanMs: number; p99Ms: number }[];
  /** The most frequent paths, as services in order. */
  topPaths: { services: string[]; count: number }[];
  problems: PopulationSummary['problems'];
}

/** The journal's "where the time went": each phase, and the ranked change baseline → inject. */
export interface CriticalPathRecord {
  phases: CriticalPathPhase[];
  /** By service and kind, ranked by growth in share; absent unless both phases were measured. */
  diff?: { from: Phase; to: Phase; inconclusive?: string; rows: DiffRow[] };
}

/** Rows of the diff kept in the journal. */
const DIFF_ROWS = 12;

/** Builds the journal record from each measured phase's summary. Pure. */
export function criticalPathRecord(
  summaries: readonly { phase: Phase; summary: PopulationSummary }[],
): CriticalPathRecord {
  const phases = summaries.map(({ phase, summary: s }): CriticalPathPhase => ({
    phase,
    traces: s.traces,
    ...(s.latency ? { latency: s.latency } : {}),
    parts: s.components['service-kind'].map((c) => ({
      service: c.service ?? '',
      kind: c.kind ?? 'work',
      share: c.share,
      meanMs: c.meanMs,
      p99Ms: c.p99Ms,
    })),
    topPaths: s.topPaths.slice(0, 3).map((p) => ({ services: p.services, count: p.count })),
    problems: s.problems,
  }));
  const before = summaries.find((x) => x.phase === 'baseline');
  const after = summaries.find((x) => x.phase === 'inject');
  if (!before || !after) return { phases };
  const d = diffPopulations(before.summary, after.summary, 'service-kind');
  return {
    phases,
    diff: {
      from: 'baseline',
      to: 'inject',
      ...(d.inconclusive ? { inconclusive: d.inconclusive } : {}),
      rows: d.rows.slice(0, DIFF_ROWS),
    },
  };
}
