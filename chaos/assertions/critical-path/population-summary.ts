import { ComponentIndex, PATH_DIMENSIONS, type PathDimension } from './component-index.js';
import { LogHistogram } from './log-histogram.js';
import { PathCounter } from './path-counter.js';
import { SEGMENT_KINDS, type SegmentKind, type TracePath } from './path-span.js';
import type { TraceAnalyser } from './trace-analyser.js';

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
  totalMs = new Float64Array(64);
  /** Traces whose path includes the component (0: never seen). */
  traces = new Float64Array(64);
  hist: LogHistogram[] = [];
  /** This trace's contribution per component, and which components it touched. */
  private scratch = new Float64Array(64);
  private touched: number[] = [];

  add(id: number, ms: number): void {
    if (id >= this.scratch.length) this.grow(id + 1);
    if (this.scratch[id] === 0) this.touched.push(id);
    this.scratch[id]! += ms;
  }

  /** Folds this trace's contributions into the totals and clears the scratch. */
  endTrace(): void {
    for (const id of this.touched) {
      const ms = this.scratch[id]!;
      this.scratch[id] = 0;
      this.totalMs[id]! += ms;
      this.traces[id]!++;
      (this.hist[id] ??= new LogHistogram()).record(ms);
    }
    this.touched.length = 0;
  }

  private grow(size: number): void {
    const cap = Math.max(size, this.scratch.length * 2);
    for (const key of ['scratch', 'totalMs', 'traces'] as const) {
      const grown = new Float64Array(cap);
      grown.set(this[key]);
      this[key] = grown;
    }
  }
}

/**
 * Streams trace paths into a population summary in bounded memory (one histogram per component,
 * one counter per distinct path): `add` each trace's path (or `addAnalysed` a TraceAnalyser's
 * current trace, whose labels were interned in `index`), then `summary()`.
 */
export class PopulationAccumulator {
  /** Components and span labels; a TraceAnalyser fed to `addAnalysed` reads `index.labels`. */
  readonly index = new ComponentIndex();
  private readonly totals = PATH_DIMENSIONS.map(() => new DimensionTotals());
  private readonly ids = new Int32Array(PATH_DIMENSIONS.length);
  private readonly latency = new LogHistogram();
  private readonly paths = new PathCounter();
  private traces = 0;
  private totalMs = 0;
  private readonly problems = { orphans: 0, tracesWithOrphans: 0, clamped: 0, duplicates: 0, emptyTraces: 0 };

  add(path: TracePath): void {
    if (!this.startTrace(path, path.segments.length, path.totalMs)) return;
    for (const s of path.segments) {
      this.index.ids(s, this.ids);
      this.segment(this.ids[0]!, this.ids[1]!, this.ids[2]!, s.endMs - s.startMs);
    }
    this.endTrace(path.totalMs);
  }

  /** Adds the trace the analyser has just analysed. */
  addAnalysed(a: TraceAnalyser): void {
    const totalMs = a.totalMs;
    if (!this.startTrace(a, a.segments, totalMs)) return;
    const { service, span } = this.index.labels;
    for (let s = 0; s < a.segments; s++) {
      const l = a.segLabel[s]!;
      this.segment(service[l]!, span[l]!, a.segKind[s]!, a.segEnd[s]! - a.segStart[s]!);
    }
    this.endTrace(totalMs);
  }

  /** Counts the trace's problems; false (and counted empty) when it has no path. */
  private startTrace(
    p: { orphans: number; clamped: number; duplicates: number },
    segments: number,
    totalMs: number,
  ): boolean {
    this.problems.orphans += p.orphans;
    if (p.orphans > 0) this.problems.tracesWithOrphans++;
    this.problems.clamped += p.clamped;
    this.problems.duplicates += p.duplicates;
    if (segments === 0 || totalMs <= 0) {
      this.problems.emptyTraces++;
      return false;
    }
    this.paths.begin();
    return true;
  }

  private segment(service: number, span: number, kind: number, ms: number): void {
    const t = this.totals;
    t[0]!.add(service, ms);
    t[1]!.add(span, ms);
    t[2]!.add(kind, ms);
    t[3]!.add(service * SEGMENT_KINDS.length + kind, ms);
    this.paths.push(service);
  }

  private endTrace(totalMs: number): void {
    this.traces++;
    this.totalMs += totalMs;
    this.latency.record(totalMs);
    for (const t of this.totals) t.endTrace();
    this.paths.end(totalMs);
  }

  /** The summary so far, with the `topK` most frequent distinct paths (default 5). */
  summary(topK = 5): PopulationSummary {
    const dimension = (d: number): PathComponent[] => {
      const t = this.totals[d]!;
      const info = this.index.info[PATH_DIMENSIONS[d]!];
      const out: PathComponent[] = [];
      t.traces.forEach((traces, id) => {
        if (traces === 0) return;
        const c = info[id]!;
        const totalMs = t.totalMs[id]!;
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
    // Ties go to the lower sequence of service ids, compared as text (`0,1,2,`).
    const topPaths = this.paths
      .paths()
      .map((p) => ({ ...p, sig: p.services.map((id) => `${id},`).join('') }))
      .sort((x, y) => y.count - x.count || (x.sig < y.sig ? -1 : 1))
      .slice(0, topK)
      .map((p) => ({
        services: p.services.map((id) => services[id]!.key),
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
