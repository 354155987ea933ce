/**
 * What `bench:fleet`'s overload mode counts per phase, and how it prints them. Pure.
 *
 * An accepted order is **stranded** when it was not terminal within its deadline: still in flight
 * once the deadline passed, or terminal only after it.
 */
import { renderTable } from './rate-curve.js';
export interface OverloadPhase {
  name: string;
  /** Offered orders per second. */
  rate: number;
  sent: number;
  /** 202. */
  accepted: number;
  /** Refused by the gateway's load shedding (from its `gateway_shed_total`). */
  shed: number;
  /** Any other answer or failure (a full bulkhead's 503, a timeout …). */
  failed: number;
  /** Refusals that carried `Retry-After`. */
  withRetryAfter: number;
  /** Accepted orders terminal within their deadline. */
  terminal: number;
  /** Accepted orders compensated (within their deadline). */
  compensated: number;
  /** Accepted orders terminal after their deadline, or still in flight past it. */
  stranded: number;
  p50Ms: number;
  p99Ms: number;
}

const fmtMs = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');

/** The phases as a table. */
export function renderOverload(phases: readonly OverloadPhase[]): string {
  const head = [
    'phase',
    'rate/s',
    'sent',
    'accepted',
    'shed',
    'failed',
    'Retry-After',
    'terminal',
    'compensated',
    'stranded',
    'p50 ms',
    'p99 ms',
  ];
  const body = phases.map((p) => [
    p.name,
    String(p.rate),
    String(p.sent),
    String(p.accepted),
    String(p.shed),
    String(p.failed),
    String(p.withRetryAfter),
    String(p.terminal),
    String(p.compensated),
    String(p.stranded),
    fmtMs(p.p50Ms),
    fmtMs(p.p99Ms),
  ]);
  return renderTable(head, body);
}

/** Reads a counter's value from a Prometheus text exposition (sum over its series; 0 when absent). */
export function counterValue(exposition: string, name: string): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    const afterLabels = rest[0] === '{' ? rest.slice(rest.lastIndexOf('}') + 1) : rest;
    const value = Number(afterLabels.trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}
