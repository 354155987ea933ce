import type { SourceContext } from './issue-to-problem.js';
import { problemAt } from './issue-to-problem.js';
import { formatDurationMs, parseDurationMs } from './duration.js';
import type { Problem } from './problem.js';
import { asList, asRecord } from './raw-access.js';

/**
 * Fault windows must fit inside the inject phase, and each lease (the maximum time the fault may
 * stay applied, enforced even if the controller dies) must cover the window.
 */
export function checkFaultTiming(ctx: SourceContext): Problem[] {
  const root = asRecord(ctx.data);
  const injectMs = parseDurationMs(asRecord(root?.['phases'])?.['inject']);
  const problems: Problem[] = [];
  asList(root?.['faults']).forEach((raw, i) => {
    const fault = asRecord(raw);
    const atMs = parseDurationMs(fault?.['at']);
    const durationMs = parseDurationMs(fault?.['duration']);
    const leaseMs = parseDurationMs(fault?.['lease']);
    if (durationMs === 0)
      problems.push(problemAt(ctx, ['faults', i, 'duration'], 'duration must be greater than 0'));
    if (
      injectMs !== undefined &&
      atMs !== undefined &&
      durationMs !== undefined &&
      atMs + durationMs > injectMs
    ) {
      const end = formatDurationMs(atMs + durationMs);
      problems.push(
        problemAt(
          ctx,
          ['faults', i, 'duration'],
          `fault window ends at ${end} into inject, after the inject phase (${formatDurationMs(injectMs)})`,
          'shorten `at` or `duration`, or lengthen phases.inject',
        ),
      );
    }
    if (leaseMs !== undefined && durationMs !== undefined && leaseMs < durationMs) {
      problems.push(
        problemAt(
          ctx,
          ['faults', i, 'lease'],
          `lease ${formatDurationMs(leaseMs)} is shorter than the fault duration ${formatDurationMs(durationMs)}`,
          'a lease must be >= duration',
        ),
      );
    }
  });
  return problems;
}
