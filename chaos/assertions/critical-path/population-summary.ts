import { LogHistogram } from './log-histogram.js';
import type { SegmentKind, TracePath } from './path-span.js';

/**
 * The dimensions a population's critical-path time is broken down by: the service, the span
 * (`service name`), the segment kind, and the service with the kind (the report's stacked bars).
 */
export const PATH_DIMENSIONS = ['service', 'span', 'kind', 'service-kind'] as const;
export type PathDimension = (typeof PATH_DIMENSIONS)[number];

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

interface Tagged {
  ms: number;
  service: string | undefined;
  kind: SegmentKind | undefined;
}

interface Acc {
  totalMs: number;
  traces: number;
  hist: LogHistogram;
  service: string | undefined;
  kind: SegmentKind | undefined;
}

/**
 * Streams trace paths into a population summary in bounded memory (one histogram per component,
 * one counter per distinct path): `add` each trace's path, then `summary()`.
 */
export class PopulationAccumulator {
  private readonly acc: Record<PathDimension, Map<string, Acc>> = {
    service: new Map(),
    span: new Map(),
    kind: new Map(),
    'service-kind': new Map(),
  };
  private readonly latency = new LogHistogram();
  private readonly paths = new Map<string, { count: number; totalMs: number }>();
  /** This trace's contribution per component, per dimension (cleared after each trace). */
  private readonly perTrace: Record<PathDimension, Map<string, Tagged>> = {
    service: new Map(),
    span: new Map(),
    kind: new Map(),
    'service-kind': new Map(),
  };
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
    const order: string[] = [];
    for (const s of path.segments) {
      const ms = s.endMs - s.startMs;
      const spanKey = `${s.service} ${s.name}`;
      this.bump('service', s.service, ms, s.service);
      this.bump('span', spanKey, ms, s.service);
      this.bump('kind', s.kind, ms, undefined, s.kind);
      this.bump('service-kind', `${s.service} ${s.kind}`, ms, s.service, s.kind);
      if (order[order.length - 1] !== s.service) order.push(s.service);
    }
    for (const dim of PATH_DIMENSIONS) {
      const into = this.acc[dim];
      for (const [key, c] of this.perTrace[dim]) {
        let a = into.get(key);
        if (a === undefined) {
          a = { totalMs: 0, traces: 0, hist: new LogHistogram(), service: c.service, kind: c.kind };
          into.set(key, a);
        }
        a.totalMs += c.ms;
        a.traces++;
        a.hist.record(c.ms);
      }
      this.perTrace[dim].clear();
    }
    const signature = order.join('\u0001');
    const p = this.paths.get(signature);
    if (p) {
      p.count++;
      p.totalMs += path.totalMs;
    } else this.paths.set(signature, { count: 1, totalMs: path.totalMs });
  }

  private bump(dim: PathDimension, key: string, ms: number, service?: string, kind?: SegmentKind): void {
    const c = this.perTrace[dim].get(key);
    if (c) c.ms += ms;
    else this.perTrace[dim].set(key, { ms, service, kind });
  }

  /** The summary so far, with the `topK` most frequent distinct paths (default 5). */
  summary(topK = 5): PopulationSummary {
    const component = (key: string, a: Acc): PathComponent => ({
      key,
      ...(a.service === undefined ? {} : { service: a.service }),
      ...(a.kind === undefined ? {} : { kind: a.kind }),
      totalMs: a.totalMs,
      share: this.totalMs > 0 ? a.totalMs / this.totalMs : 0,
      meanMs: a.totalMs / this.traces,
      p50Ms: a.hist.quantile(0.5, this.traces - a.traces) ?? 0,
      p99Ms: a.hist.quantile(0.99, this.traces - a.traces) ?? 0,
      traces: a.traces,
    });
    const dimension = (d: PathDimension): PathComponent[] =>
      [...this.acc[d]]
        .map(([k, a]) => component(k, a))
        .sort((x, y) => y.totalMs - x.totalMs || (x.key < y.key ? -1 : 1));
    const topPaths = [...this.paths]
      .sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : 1))
      .slice(0, topK)
      .map(([sig, p]) => ({
        services: sig.split('\u0001'),
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
        service: dimension('service'),
        span: dimension('span'),
        kind: dimension('kind'),
        'service-kind': dimension('service-kind'),
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
