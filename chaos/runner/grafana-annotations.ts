import type { FaultWindow } from '../report/journal.js';

/** A Grafana to annotate: its base URL and a service-account token (sent as a Bearer token). */
export interface GrafanaTarget {
  url: string;
  token: string;
  /** Per-request timeout in ms; default 5 000. */
  timeoutMs?: number;
}

/** The body of Grafana's `POST /api/annotations` (times in epoch ms). */
export interface AnnotationBody {
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
}

/** One annotation per fault window, tagged `faultline`, the run id and the fault name. Pure. */
export function faultAnnotations(
  runId: string,
  t0: number,
  windows: readonly FaultWindow[],
  endMs: number,
): AnnotationBody[] {
  return windows.map((w) => {
    const removed = w.removedMs === undefined ? 'not removed' : `${Math.round(w.removedMs - w.appliedMs)} ms`;
    return {
      time: Math.round(t0 + w.appliedMs),
      timeEnd: Math.round(w.removedMs === undefined ? Math.max(endMs, t0 + w.appliedMs) : t0 + w.removedMs),
      tags: ['faultline', runId, w.name],
      text:
        `faultline fault ${w.name}: ${w.kind} on ${w.target} (${removed})` +
        (w.errors.length > 0 ? `; errors: ${w.errors.join('; ')}` : ''),
    };
  });
}

/**
 * Posts each annotation to Grafana's HTTP API. Never throws: telemetry must not fail a run.
 * Returns one warning per annotation that was not accepted (the token is never included).
 */
export async function postAnnotations(
  grafana: GrafanaTarget,
  annotations: readonly AnnotationBody[],
): Promise<string[]> {
  const endpoint = `${grafana.url.replace(/\/+$/, '')}/api/annotations`;
  const warnings: string[] = [];
  for (const body of annotations) {
    const label = `annotation ${body.tags[2] ?? ''}`;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${grafana.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(grafana.timeoutMs ?? 5000),
      });
      const text = await response.text().catch(() => '');
      if (!response.ok)
        warnings.push(`${label}: ${endpoint} answered HTTP ${response.status} ${text.slice(0, 200)}`);
    } catch (err) {
      warnings.push(
        `${label}: cannot reach ${endpoint}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return warnings;
}
