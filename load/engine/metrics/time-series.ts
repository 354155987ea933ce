import { Trend } from './trend.js';

/** One second of a run, for report charts and the live progress line. */
export interface SecondSample {
  /** Seconds since the run started (bucket start). */
  second: number;
  phase: string;
  reqs: number;
  failed: number;
  /** Iterations started in this second (the achieved arrival rate). */
  started: number;
  /** Iterations completed in this second. */
  iterations: number;
  dropped: number;
  /** Highest number of iterations in flight seen during the second. */
  inFlight: number;
  p50Ms: number;
  p99Ms: number;
}

interface Bucket {
  phase: string;
  reqs: number;
  failed: number;
  started: number;
  iterations: number;
  dropped: number;
  inFlight: number;
  latency: Trend;
}

/** Per-second buckets of request, iteration and latency counts. Pure; times are run offsets (ms). */
export class TimeSeries {
  private readonly buckets: Bucket[] = [];

  request(atMs: number, phase: string, durationMs: number, failed: boolean): void {
    const b = this.bucket(atMs, phase);
    b.reqs++;
    if (failed) b.failed++;
    b.latency.add(durationMs);
  }

  started(atMs: number, phase: string): void {
    this.bucket(atMs, phase).started++;
  }

  iteration(atMs: number, phase: string): void {
    this.bucket(atMs, phase).iterations++;
  }

  dropped(atMs: number, phase: string): void {
    this.bucket(atMs, phase).dropped++;
  }

  inFlight(atMs: number, phase: string, count: number): void {
    const b = this.bucket(atMs, phase);
    b.inFlight = Math.max(b.inFlight, count);
  }

  /** Every second from 0 to the last one touched (gaps filled with zeros). */
  samples(): SecondSample[] {
    const out: SecondSample[] = [];
    for (let second = 0; second < this.buckets.length; second++) {
      const b = this.buckets[second];
      out.push({
        second,
        phase: b?.phase ?? '',
        reqs: b?.reqs ?? 0,
        failed: b?.failed ?? 0,
        started: b?.started ?? 0,
        iterations: b?.iterations ?? 0,
        dropped: b?.dropped ?? 0,
        inFlight: b?.inFlight ?? 0,
        p50Ms: b?.latency.percentile(50) ?? 0,
        p99Ms: b?.latency.percentile(99) ?? 0,
      });
    }
    return out;
  }

  private bucket(atMs: number, phase: string): Bucket {
    const second = Math.max(0, Math.floor(atMs / 1000));
    let b = this.buckets[second];
    if (!b) {
      b = {
        phase,
        reqs: 0,
        failed: 0,
        started: 0,
        iterations: 0,
        dropped: 0,
        inFlight: 0,
        latency: new Trend(),
      };
      this.buckets[second] = b;
    }
    return b;
  }
}
