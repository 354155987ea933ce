import type { LoadSummaryView } from './summary-reader.js';

/**
 * A few human lines about a run: totals, then one line per phase (req/s, p99, failed, dropped).
 * Pure; the CLI prints it.
 */
export function summaryHeadline(view: LoadSummaryView): string[] {
  const seconds = view.testRunDurationMs / 1000;
  const fmt = (n: number | undefined, digits = 1) => (n === undefined ? '-' : n.toFixed(digits));
  const lines = [
    `engine ${view.engine}: ${fmt(seconds)} s, ${view.value('iterations', 'count') ?? 0} iterations, ` +
      `${view.value('http_reqs', 'count') ?? 0} requests, p99 ${fmt(view.value('http_req_duration', 'p(99)'), 2)} ms, ` +
      `failed ${fmt((view.value('http_req_failed', 'rate') ?? 0) * 100, 2)}%, dropped ${view.value('dropped_iterations', 'count') ?? 0}`,
  ];
  for (const phase of view.tagValues('http_reqs', 'phase')) {
    const tag = { phase };
    lines.push(
      `  ${phase.padEnd(9)} ${view.value('http_reqs', 'count', tag) ?? 0} req, ` +
        `p99 ${fmt(view.value('http_req_duration', 'p(99)', tag), 2)} ms, ` +
        `failed ${fmt((view.value('http_req_failed', 'rate', tag) ?? 0) * 100, 2)}%, ` +
        `dropped ${view.value('dropped_iterations', 'count', tag) ?? 0}`,
    );
  }
  return lines;
}

/** Phases with dropped iterations (an open-model run is only valid when this is empty). */
export function phasesWithDrops(view: LoadSummaryView): string[] {
  return view
    .tagValues('dropped_iterations', 'phase')
    .filter((p) => (view.value('dropped_iterations', 'count', { phase: p }) ?? 0) > 0);
}
