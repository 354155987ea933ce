import type { Writable } from 'node:stream';
import { diffPopulations } from '../../assertions/critical-path/population-diff.js';
import { readPopulation } from '../../assertions/critical-path/read-population.js';
import { renderDiffText, renderSummaryText } from '../../assertions/critical-path/render-text.js';
import type { SpanStore } from '../../telemetry/span-store.js';
import type { StepRun } from './bench-step.js';

/** Time the services' batch span processors need to export a step's last spans (ms). */
const EXPORT_SETTLE_MS = 2000;

const windowOf = (s: StepRun) => ({
  fromUnixNano: BigInt(s.fromMs) * 1_000_000n,
  toUnixNano: BigInt(s.toMs) * 1_000_000n,
});

/**
 * Prints where the time went in the traces of the step that missed: the critical path by segment
 * kind and by span, and, when a rate held before it, the change by span from that rate.
 */
export async function printCriticalPath(
  store: SpanStore,
  missed: StepRun,
  held: StepRun | undefined,
  out: Writable,
): Promise<void> {
  await new Promise((r) => setTimeout(r, EXPORT_SETTLE_MS));
  const label = `${missed.point.rate} orders/s, the first rate that missed`;
  const after = await readPopulation(store, { window: windowOf(missed) });
  out.write(`\n${renderSummaryText(after, { label, dimension: 'kind' })}`);
  out.write(`\n${renderSummaryText(after, { label, dimension: 'span', rows: 15 })}`);
  if (held === undefined) return;
  const before = await readPopulation(store, { window: windowOf(held) });
  out.write(
    `\n${renderDiffText(diffPopulations(before, after, 'span', 'ms'), `${held.point.rate}/s`, `${missed.point.rate}/s`, 12)}`,
  );
}
