import { z } from 'zod';
import { DURATION_STATS } from '../assertions/trace/trace-assertion.js';
import { INVARIANT_IDS } from '../invariants/invariant.js';
import { STATUS_CODES } from '../telemetry/span-row.js';
import { durationSchema } from './schema-primitives.js';
import { criticalPathCheckSchema } from './critical-path-check.js';

/** Phases of an experiment's timeline, in order. */
export const PHASES = ['warmup', 'baseline', 'inject', 'recover'] as const;
export type Phase = (typeof PHASES)[number];

/** Business invariants `reconcile` can check: one list, owned by chaos/invariants. */
export const INVARIANTS = INVARIANT_IDS;

const common = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case words joined by - . or _')
    .optional(),
  title: z.string().optional(),
  phase: z.enum(PHASES).optional(),
};

const selector = z.string().min(1);
const traceBase = { type: z.literal('trace'), ...common, minSamples: z.number().int().positive().optional() };

/**
 * Trace assertions over a population of spans picked by selector strings (the grammar of
 * chaos/assertions/trace/selector-parser.ts); `kind` picks the measure, as in trace-assertion.ts.
 */
export const traceCheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...traceBase, kind: z.literal('count'), select: selector, objective: z.string().min(1) }),
  z.strictObject({
    ...traceBase,
    kind: z.literal('rate'),
    select: selector,
    match: selector,
    objective: z.string().min(1),
  }),
  z.strictObject({
    ...traceBase,
    kind: z.literal('duration'),
    select: selector,
    stat: z.enum(DURATION_STATS),
    objective: z.string().min(1),
  }),
  z.strictObject({
    ...traceBase,
    kind: z.literal('attribute'),
    select: selector,
    key: z.string().min(1),
    allowed: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  }),
  z.strictObject({
    ...traceBase,
    kind: z.literal('status'),
    select: selector,
    allowed: z.array(z.enum(STATUS_CODES)).min(1),
  }),
  z.strictObject({
    ...traceBase,
    kind: z.literal('every-trace'),
    when: selector,
    require: z.array(selector).min(1),
    after: z.boolean().optional(),
  }),
  z.strictObject({ ...traceBase, kind: z.literal('no-trace'), when: selector, forbid: selector }),
  z.strictObject({
    ...traceBase,
    kind: z.literal('propagation'),
    linked: z.string().optional(),
    orphans: z.string().optional(),
  }),
]);

/** PromQL query with an objective such as `< 0.01`, evaluated at the end of the phase. */
export const promqlCheckSchema = z.strictObject({
  type: z.literal('promql'),
  ...common,
  query: z.string().min(1),
  objective: z.string().min(1),
});

/** k6-style thresholds over the load engine's client-side metrics. */
export const thresholdCheckSchema = z.strictObject({
  type: z.literal('threshold'),
  ...common,
  metric: z.string().min(1),
  thresholds: z.array(z.string().min(1)).min(1),
});

/** Time for a server-side SLI to return within its objective after the faults are removed. */
export const recoveryCheckSchema = z.strictObject({
  type: z.literal('recovery'),
  ...common,
  sli: z.string().regex(/^[a-z][a-z0-9_]*$/, 'an SLI name such as p99_latency'),
  query: z.string().min(1),
  sliObjective: z.string().min(1),
  objective: z.string().min(1),
  stability: durationSchema.optional(),
});

export const checkSchema = z.discriminatedUnion('type', [
  traceCheckSchema,
  promqlCheckSchema,
  thresholdCheckSchema,
  recoveryCheckSchema,
  criticalPathCheckSchema(common),
]);
export type CheckSpec = z.infer<typeof checkSchema>;
