/**
 * What the queries measure, handed to the pure evaluators. `traceIds` are samples that illustrate
 * the result (violators first), already capped by the query.
 */

/** A single number computed over `samples` spans (count, rate, duration statistic). */
export interface ScalarStats {
  samples: number;
  /** null when there were no samples. */
  value: number | null;
  traceIds: string[];
}

/** "Every selected span satisfies P": how many were checked and how many did not. */
export interface AllMatchStats {
  samples: number;
  violations: number;
  traceIds: string[];
  /** Offending values and how often they occurred (top few). */
  offending: Record<string, number>;
}

/** A trace-structure rule over the traces containing the trigger. */
export interface StructureStats {
  /** Traces containing a triggering span. */
  traces: number;
  violations: number;
  traceIds: string[];
}

export interface PropagationStats {
  consumers: number;
  linkedConsumers: number;
  traces: number;
  tracesWithOrphans: number;
  /** Traces with an unlinked consumer or an orphan span. */
  traceIds: string[];
}
