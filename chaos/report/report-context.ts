import type { ResolvedPlan } from '../experiment/plan.js';
import type { Journal } from './journal.js';
import { runClockOf, type RunClock } from './run-clock.js';

/** What every renderer needs to know about a journal besides the item it is drawing. */
export interface ReportContext {
  clock: RunClock;
  /** The run's resolved plan (check phases and specs). */
  plan: ResolvedPlan;
  /** Every order id of an invariant check (`invariant.<id>`), from the journal's full violation list. */
  orderIdsByCheck: ReadonlyMap<string, readonly string[]>;
  /** Trace ids drawn as waterfalls in the report. */
  waterfallTraceIds: ReadonlySet<string>;
  /** Order id → the trace id of its waterfall, for the orders whose trace is in the report. */
  waterfallByOrderId: ReadonlyMap<string, string>;
}

/** Builds the context of a journal once per render. Pure. */
export function reportContextOf(journal: Journal): ReportContext {
  const byCheck = new Map<string, Set<string>>();
  for (const v of journal.invariantViolations) {
    if (v.subject === '-' || v.subject === '') continue;
    const id = `invariant.${v.invariant}`;
    byCheck.set(id, (byCheck.get(id) ?? new Set<string>()).add(v.subject));
  }
  const orderIdsByCheck = new Map([...byCheck].map(([id, set]) => [id, [...set]] as const));
  const waterfallByOrderId = new Map<string, string>();
  for (const trace of journal.traces)
    for (const orderId of trace.orderIds ?? [])
      if (!waterfallByOrderId.has(orderId)) waterfallByOrderId.set(orderId, trace.traceId);
  return {
    clock: runClockOf(journal),
    plan: journal.experiment,
    orderIdsByCheck,
    waterfallTraceIds: new Set(journal.traces.map((t) => t.traceId)),
    waterfallByOrderId,
  };
}
