import type { PrometheusClient } from '../assertions/promql/prometheus-client.js';
import type { K6Summary } from '../assertions/threshold/k6-summary.js';
import type { PlanCheck, ResolvedPlan } from '../experiment/plan.js';
import type { GuardEvent, PhaseRecord } from '../report/journal.js';
import type { SpanStore } from '../telemetry/span-store.js';
import type { CheckResult } from '../verdict.js';
import { evaluatePlanCheck } from './evaluate-checks.js';
import { GuardTracker } from './guard-tracker.js';

/** Live state of a run's guards. */
export interface GuardRunner {
  events: GuardEvent[];
  /** Stops the timers; returns one check result per guard. */
  stop(): CheckResult[];
}

/** Where guards read their data while the run goes on. */
export interface GuardSources {
  store: SpanStore;
  /** The run's Prometheus, for PromQL guards (an instant query at each check). */
  prometheus?: PrometheusClient;
  /** The load engine's live metrics so far, for threshold guards (absent: inconclusive). */
  loadSummary?: () => K6Summary;
}

/**
 * Evaluates each guard every `intervalMs` during inject, over the spans seen so far in inject (trace
 * guards), Prometheus at that moment (PromQL guards) or the load engine's live metrics so far
 * (threshold guards; both engines expose them live: k6's through its `--out json` stream). Calls
 * `onAbort` once when a guard reaches its limit. The caller must call `stop()` on every path
 * (the timeline does, in `finally`); nothing is recorded after it.
 */
export function startGuards(
  plan: ResolvedPlan,
  sources: GuardSources,
  t0: number,
  injectStartMs: number,
  onAbort: (guard: string) => void,
): GuardRunner {
  const events: GuardEvent[] = [];
  const last = new Map<string, CheckResult>();
  let stopped = false;
  const timers = plan.guards.map((guard) => {
    const check = plan.checks.find((c) => c.id === guard.checkId) as PlanCheck;
    const tracker = new GuardTracker(guard.name, guard.consecutive);
    let busy = false;
    return setInterval(() => {
      if (busy || tracker.aborted || stopped) return;
      busy = true;
      const nowMs = Date.now() - t0;
      const phases: PhaseRecord[] = [{ name: 'inject', startMs: injectStartMs, endMs: nowMs }];
      const inputs = {
        summary: sources.loadSummary?.() ?? { metrics: {} },
        store: sources.store,
        ...(sources.prometheus ? { prometheus: sources.prometheus } : {}),
        runStartEpochMs: t0,
        phases,
      };
      void evaluatePlanCheck({ ...check, phase: 'inject' }, inputs)
        .then((result) => {
          // An evaluation that finishes after stop() is not part of the run any more.
          if (stopped) return;
          last.set(guard.name, result);
          events.push(...tracker.record(nowMs, result.verdict, result.reason, result.evidence.observed));
          if (tracker.aborted) onAbort(guard.name);
        })
        .finally(() => (busy = false));
    }, guard.intervalMs);
  });
  return {
    events,
    stop: () => {
      stopped = true;
      timers.forEach(clearInterval);
      return plan.guards.map((guard) => guardResult(guard.checkId, guard.name, events, last.get(guard.name)));
    },
  };
}

function guardResult(
  id: string,
  name: string,
  events: readonly GuardEvent[],
  last?: CheckResult,
): CheckResult {
  const abort = events.find((e) => e.guard === name && e.type === 'abort');
  const title = `guard ${name}`;
  if (abort)
    return {
      id,
      kind: 'guard',
      title,
      verdict: 'fail',
      reason: `aborted inject after ${abort.consecutive} consecutive breaches: ${abort.message}`,
      evidence: {},
    };
  if (last === undefined)
    return {
      id,
      kind: 'guard',
      title,
      verdict: 'inconclusive',
      reason: 'never evaluated (inject shorter than the guard interval, or the run stopped)',
      evidence: {},
    };
  if (last.verdict === 'inconclusive')
    return {
      id,
      kind: 'guard',
      title,
      verdict: 'inconclusive',
      reason: `could not be evaluated live: ${last.reason}`,
      evidence: {},
    };
  return {
    id,
    kind: 'guard',
    title,
    verdict: 'pass',
    reason: 'never reached its breach limit',
    evidence: last.evidence,
  };
}
