import type { FaultlineSummaryExtras } from '../engine/run-load.js';
import { buildK6Summary, type K6SummaryData } from '../engine/metrics/k6-summary.js';
import { METRIC_CATALOG, type MetricName } from '../engine/metrics/metric-catalog.js';
import { MetricsRegistry } from '../engine/metrics/metrics-registry.js';
import { TimeSeries } from '../engine/metrics/time-series.js';
import type { Tags } from '../engine/metrics/tags.js';

/**
 * Turns k6's live `--out json` lines into the built-in engine's own bookkeeping (the same
 * `MetricsRegistry` and per-second `TimeSeries`), so a k6 run yields the same summary shape,
 * sub-metrics (phase, journey, name, outcome), dropped iterations per phase and chart series as a
 * built-in run. Pure: lines in, numbers out.
 *
 * ```
 * k6 --out json ─► lines ─► (buffer until the first iteration is seen: anchor = its start)
 *                        └► registry + time series, offsets in ms from the anchor
 * ```
 * The anchor is when k6's first scenario started (the first iteration of an arrival-rate phase
 * starts at its offset 0), so phase offsets mean the same as the built-in engine's.
 */
export class K6Samples {
  readonly metrics = new MetricsRegistry();
  readonly series = new TimeSeries();
  private pending: Point[] = [];
  private anchor: number | undefined;
  private lastEpochMs = 0;
  /** Lines that were not k6 JSON output (counted, never fatal). */
  badLines = 0;
  /** k6's latest `vus` reading (busy VUs; k6 emits it about once a second), for the progress line. */
  busyVUs = 0;

  constructor(
    /** The profile's journey, for samples k6 does not tag with it (iterations). */
    private readonly journey: string,
    private readonly onAnchor: (epochMs: number) => void = () => undefined,
  ) {}

  /** Epoch ms of k6's test start, once known. */
  get anchorEpochMs(): number | undefined {
    return this.anchor;
  }

  /** Ms from the anchor to the latest sample (0 before the anchor). */
  get elapsedMs(): number {
    return this.anchor === undefined ? 0 : Math.max(0, this.lastEpochMs - this.anchor);
  }

  /** Adds one line of k6's JSON output (`{"type":"Point",...}`; other types are ignored). */
  addLine(line: string): void {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.badLines++;
      return;
    }
    const point = toPoint(parsed);
    if (point === undefined) return;
    this.lastEpochMs = Math.max(this.lastEpochMs, point.epochMs);
    if (this.anchor !== undefined) return this.record(point);
    this.pending.push(point);
    if (point.metric === 'iteration_duration' || point.metric === 'dropped_iterations') this.settleAnchor();
  }

  /** Ends the input: samples still waiting for an anchor are anchored on the earliest of them. */
  end(): void {
    if (this.anchor === undefined && this.pending.length > 0) this.settleAnchor();
  }

  /** The k6-shaped summary of everything so far (what threshold guards read live). */
  summary(testRunDurationMs = this.elapsedMs): K6SummaryData {
    return buildK6Summary(this.metrics, testRunDurationMs);
  }

  /** Faultline's extras (engine `k6`), with the per-second series for the report's charts. */
  extras(runId: string, profile: string, interrupted: boolean, phases: FaultlineSummaryExtras['phases']) {
    return {
      engine: 'k6' as const,
      runId,
      profile,
      interrupted,
      phases,
      timeSeries: this.series.samples(),
      ...(this.anchor === undefined ? {} : { startedEpochMs: this.anchor }),
    };
  }

  private settleAnchor(): void {
    // A whole ms (k6 durations are fractional): the run's windows are built on it, and Prometheus
    // rounds a query time to the nearest ms, so a fractional window end could round past itself.
    this.anchor = Math.floor(Math.min(...this.pending.map(startOf)));
    const waiting = this.pending;
    this.pending = [];
    this.onAnchor(this.anchor);
    for (const p of waiting) this.record(p);
  }

  private record(p: Point): void {
    const atMs = p.epochMs - (this.anchor ?? p.epochMs);
    const tags = this.tagsOf(p);
    const phase = tags['phase'] ?? '';
    switch (p.metric) {
      case 'http_reqs':
        return this.metrics.count('http_reqs', p.value, tags);
      case 'http_req_duration': {
        const status = Number(p.tags['status'] ?? 0);
        this.series.request(atMs, phase, p.value, !(status >= 200 && status < 400));
        return this.metrics.trend('http_req_duration', p.value, tags);
      }
      case 'http_req_failed':
        return this.metrics.rate('http_req_failed', p.value !== 0, tags);
      case 'checks':
        return this.metrics.rate('checks', p.value !== 0, tags);
      case 'iterations':
        this.series.iteration(atMs, phase);
        return this.metrics.count('iterations', p.value, tags);
      case 'iteration_duration':
        this.series.started(atMs - p.value, phase);
        return this.metrics.trend('iteration_duration', p.value, tags);
      case 'dropped_iterations':
        for (let i = 0; i < p.value; i++) this.series.dropped(atMs, phase);
        return this.metrics.count('dropped_iterations', p.value, tags);
      case 'order_time_to_terminal':
        return this.metrics.trend('order_time_to_terminal', p.value, tags);
      case 'vus':
        this.busyVUs = p.value;
        this.series.inFlight(atMs, phase, p.value);
        return this.metrics.gauge('vus', p.value, {});
      case 'vus_max':
        return this.metrics.gauge('vus_max', p.value, {});
    }
  }

  /** The built-in engine's tags for a k6 sample: phase (k6 tags drops by scenario only), journey, name, check, outcome. */
  private tagsOf(p: Point): Tags {
    const phase = p.tags['phase'] ?? p.tags['scenario'];
    const out: Record<string, string> = {};
    if (phase !== undefined) out['phase'] = phase;
    if (p.metric === 'dropped_iterations' || p.metric === 'vus' || p.metric === 'vus_max') return out;
    out['journey'] = p.tags['journey'] ?? this.journey;
    for (const key of ['name', 'check', 'outcome']) {
      const value = p.tags[key];
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
}

interface Point {
  metric: MetricName;
  epochMs: number;
  value: number;
  tags: Record<string, string>;
}

/** When the thing a sample measures started: durations end at their sample time. */
function startOf(p: Point): number {
  return p.metric === 'iteration_duration' || p.metric === 'http_req_duration'
    ? p.epochMs - p.value
    : p.epochMs;
}

function toPoint(raw: unknown): Point | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as {
    type?: unknown;
    metric?: unknown;
    data?: { time?: unknown; value?: unknown; tags?: unknown };
  };
  if (r.type !== 'Point' || typeof r.metric !== 'string' || !(r.metric in METRIC_CATALOG)) return undefined;
  const epochMs = typeof r.data?.time === 'string' ? Date.parse(r.data.time) : NaN;
  const value = r.data?.value;
  if (!Number.isFinite(epochMs) || typeof value !== 'number') return undefined;
  const tags =
    typeof r.data?.tags === 'object' && r.data.tags !== null ? (r.data.tags as Record<string, string>) : {};
  return { metric: r.metric as MetricName, epochMs, value, tags };
}
