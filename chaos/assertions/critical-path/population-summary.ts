import { ComponentIndex, PATH_DIMENSIONS, type PathDimension } from './component-index.js';
import { LogHistogram } from './log-histogram.js';
import type { SegmentKind, TracePath } from './path-span.js';

/**
 * The dimensions a population's critical-path time is broken down by: the service, the span
 * (`service name`), the segment kind, and the service with the kind (the report's stacked bars).
 */
export { PATH_DIMENSIONS, type PathDimension };

/** One component (a service, a span, a kind) of a population's critical paths. */
export interface PathComponent {
  key: string;
  /** For `kind` and `service-kind`: the segment kind; for `service-kind` and `span`: the service. */
  service?: string;
  kind?: SegmentKind;
  /** Critical-path time summed over the population's traces (ms). */
  totalMs: number;
  /** totalMs over the population's summed latency, 0..1. */
  share: number;
  /** Mean contribution per trace (ms; absent counts as 0). */
  meanMs: number;
  /** Per-trace contribution percentiles (ms; absent counts as 0; within 0.5%). */
  p50Ms: number;
  p99Ms: number;
  /** Traces whose critical path includes the component. */
  traces: number;
}

/**
 * A distinct critical path, as the services it passes through in order (consecutive repeats
 * merged: `gateway > order > payment > psp > payment > order`), and how often it occurred.
 */
export interface TopPath {
  services: string[];
  count: number;
  /** count over the population's traces. */
  share: number;
  meanMs: number;
}

/** What the critical paths of one population of traces add up to. Empty when `traces` is 0. */
export interface PopulationSummary {
  /** Traces with a non-empty critical path. */
  traces: number;
  /** Summed end-to-end latency of those traces (ms). */
  totalMs: number;
  latency: { meanMs: number; p50Ms: number; p99Ms: number } | null;
  components: Record<PathDimension, PathComponent[]>;
  topPaths: TopPath[];
  /** Data problems: orphan spans, traces holding any, skew corrections, duplicate ids, traces with no path. */
  problems: {
    orphans: number;
    tracesWithOrphans: number;
    clamped: number;
    duplicates: number;
    emptyTraces: number;
  };
}

/** One dimension's totals, indexed by component id. */
class DimensionTotals {
  totalMs: number[] = [];
  traces: number[] = [];
  hist: LogHistogram[] = [];
  /** This trace's contribution per component, and which components it touched. */
  scratch = new Float64Array(64);
  touched: number[] = [];

  add(id: number, ms: number): void {
    if (id >= this.scratch.length) {
      const grown = new Float64Array(Math.max(id + 1, this.scratch.length * 2));
      grown.set(this.scratch);
      this.scratch = grown;
    }
    if (this.scratch[id] === 0) this.touched.push(id);
    this.scratch[id]! += ms;
  }

  /** Folds this trace's contributions into the totals and clears the scratch. */
  endTrace(): void {
    for (const id of this.touched) {
      const ms = this.scratch[id]!;
      this.scratch[id] = 0;
      this.totalMs[id] = (this.totalMs[id] ?? 0) + ms;
      this.traces[id] = (this.traces[id] ?? 0) + 1;
      (this.hist[id] ??= new LogHistogram()).record(ms);
    }
    this.touched.length = 0;
  }
}

/**
 * Streams trace paths into a population summary in bounded memory (one histogram per component,
 * one counter per distinct path): `add` each trace's path, then `summary()`.
 */
export class PopulationAccumulator {
  private readonly index = new ComponentIndex();
  private readonly totals = PATH_DIMENSIONS.map(() => new DimensionTotals());
  private readonly ids = new Int32Array(PATH_DIMENSIONS.length);
  private readonly latency = new LogHistogram();
  private readonly paths = new Map<string, { count: number; totalMs: number }>();
  private traces = 0;
  private totalMs = 0;
  private readonly problems = { orphans: 0, tracesWithOrphans: 0, clamped: 0, duplicates: 0, emptyTraces: 0 };

  add(path: TracePath): void {
    this.problems.orphans += path.orphans;
    if (path.orphans > 0) this.problems.tracesWithOrphans++;
    this.problems.clamped += path.clamped;
    this.problems.duplicates += path.duplicates;
    if (path.segments.length === 0 || path.totalMs <= 0) {
      this.problems.emptyTraces++;
      return;
    }
    this.traces++;
    this.totalMs += path.totalMs;
    this.latency.record(path.totalMs);
    let signature = '';
    let last = -1;
    for (const s of path.segments) {
      const ms = s.endMs - s.startMs;
      this.index.ids(s, this.ids);
      for (let d = 0; d < this.totals.length; d++) this.totals[d]!.add(this.ids[d]!, ms);
      if (this.ids[0] !== last) {
        last = this.ids[0]!;
        signature += `${last},`;
      }
    }
    for (const t of this.totals) t.endTrace();
    const p = this.paths.get(signature);
    if (p) {
      p.count++;
      p.totalMs += path.totalMs;
    } else this.paths.set(signature, { count: 1, totalMs: path.totalMs });
  }

  /** The summary so far, with the `topK` most frequent distinct paths (default 5). */
  summary(topK = 5): PopulationSummary {
    const dimension = (d: number): PathComponent[] => {
      const t = this.totals[d]!;
      const info = this.index.info[PATH_DIMENSIONS[d]!];
      const out: PathComponent[] = [];
      t.totalMs.forEach((totalMs, id) => {
        const c = info[id]!;
        const traces = t.traces[id] ?? 0;
        out.push({
          key: c.key,
          ...(c.service === undefined ? {} : { service: c.service }),
          ...(c.kind === undefined ? {} : { kind: c.kind }),
          totalMs,
          share: this.totalMs > 0 ? totalMs / this.totalMs : 0,
          meanMs: totalMs / this.traces,
          p50Ms: t.hist[id]?.quantile(0.5, this.traces - traces) ?? 0,
          p99Ms: t.hist[id]?.quantile(0.99, this.traces - traces) ?? 0,
          traces,
        });
      });
      return out.sort((x, y) => y.totalMs - x.totalMs || (x.key < y.key ? -1 : 1));
    };
    const services = this.index.info.service;
    const topPaths = [...this.paths]
      .sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : 1))
      .slice(0, topK)
      .map(([sig, p]) => ({
        services: sig
          .split(',')
          .filter((id) => id !== '')
          .map((id) => services[Number(id)]!.key),
        count: p.count,
        share: p.count / this.traces,
        meanMs: p.totalMs / p.count,
      }));
    return {
      traces: this.traces,
      totalMs: this.totalMs,
      latency:
        this.traces === 0
          ? null
          : {
              meanMs: this.totalMs / this.traces,
              p50Ms: this.latency.quantile(0.5)!,
              p99Ms: this.latency.quantile(0.99)!,
            },
      components: {
        service: dimension(0),
        span: dimension(1),
        kind: dimension(2),
        'service-kind': dimension(3),
      },
      topPaths,
      problems: { ...this.problems },
    };
  }
}

/** Summarises a list of trace paths (tests, small populations). */
export function summarisePaths(paths: Iterable<TracePath>, topK = 5): PopulationSummary {
  const acc = new PopulationAccumulator();
  for (const p of paths) acc.add(p);
  return acc.summary(topK);
}
