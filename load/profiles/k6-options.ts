import { phaseTimeline } from './phase-timeline.js';
import type { ExecutorConfig, LoadProfile } from './profile.js';

/** A k6 scenario as the k6 script's `options.scenarios` expects it. */
export type K6Scenario = ExecutorConfig & {
  startTime: string;
  gracefulStop: string;
  exec: string;
  tags: { phase: string };
};

/** The part of k6's `options` a profile decides. */
export interface K6ProfileOptions {
  scenarios: Record<string, K6Scenario>;
  thresholds: Record<string, string[]>;
  summaryTrendStats: string[];
}

// Always-true thresholds make k6 compute (and report) the per-phase sub-metric.
const PER_PHASE_METRICS: Readonly<Record<string, string>> = {
  http_reqs: 'count>=0',
  http_req_duration: 'max>=0',
  http_req_failed: 'rate>=0',
  iterations: 'count>=0',
  checks: 'rate>=0',
  order_time_to_terminal: 'max>=0',
};

/**
 * k6 options for a profile: one scenario per phase (named after it, started when the previous
 * phase's schedule ends, tagged `{ phase }`), `dropped_iterations{phase:X}: ['count==0']` for
 * every phase, the profile's own per-phase thresholds, and per-phase sub-metrics. Pure; the
 * k6 script and the tests both call it.
 */
export function k6Options(profile: LoadProfile, exec = 'default'): K6ProfileOptions {
  const scenarios: Record<string, K6Scenario> = {};
  const thresholds: Record<string, string[]> = {};
  const windows = phaseTimeline(profile);
  profile.phases.forEach((p, i) => {
    const startMs = windows[i]?.startMs ?? 0;
    scenarios[p.phase] = {
      ...p.executor,
      startTime: `${startMs}ms`,
      gracefulStop: profile.gracefulStop ?? '5s',
      exec,
      tags: { phase: p.phase },
    };
    addThreshold(thresholds, `dropped_iterations{phase:${p.phase}}`, 'count==0');
    // k6 always tags dropped_iterations with the scenario; the scenario is named after the phase.
    addThreshold(thresholds, `dropped_iterations{scenario:${p.phase}}`, 'count==0');
    for (const metric of Object.keys(PER_PHASE_METRICS)) {
      addThreshold(thresholds, `${metric}{phase:${p.phase}}`, PER_PHASE_METRICS[metric] as string);
    }
    for (const metric of Object.keys(p.thresholds ?? {})) {
      for (const expr of p.thresholds?.[metric] ?? [])
        addThreshold(thresholds, withPhase(metric, p.phase), expr);
    }
  });
  return {
    scenarios,
    thresholds,
    // `count` lets a reader tell an empty trend (count 0) from one whose values are really 0.
    summaryTrendStats: ['count', 'avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'],
  };
}

/**
 * A profile threshold's metric scoped to its phase, as one k6 sub-metric selector:
 * `http_req_failed` → `http_req_failed{phase:inject}`, and an already tagged
 * `http_req_duration{name:GET /v1/products}` → `http_req_duration{name:GET /v1/products,phase:inject}`
 * (never `...}{phase:inject}`, which k6 would match to nothing). A metric that already names a
 * phase keeps it. Pure.
 */
export function withPhase(metric: string, phase: string): string {
  const open = metric.indexOf('{');
  if (open < 0) return `${metric}{phase:${phase}}`;
  const inner = metric.slice(open + 1, metric.lastIndexOf('}')).trim();
  if (/(^|,)\s*phase\s*:/.test(inner)) return metric;
  return `${metric.slice(0, open)}{${inner === '' ? '' : `${inner},`}phase:${phase}}`;
}

function addThreshold(thresholds: Record<string, string[]>, key: string, expr: string): void {
  const list = thresholds[key] ?? [];
  if (!list.includes(expr)) list.push(expr);
  thresholds[key] = list;
}
