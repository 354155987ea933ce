import { z } from 'zod';
import { FaultlineError } from '../../chaos/errors.js';

/**
 * Reads k6 `handleSummary` data — written by real k6 (our scripts' handleSummary) or by the
 * built-in engine — into one view, so reports and assertions never care which engine ran.
 */

const metricSchema = z.object({
  type: z.enum(['counter', 'gauge', 'rate', 'trend']),
  contains: z.string().optional(),
  values: z.record(z.string(), z.number()),
  thresholds: z.record(z.string(), z.object({ ok: z.boolean() })).optional(),
});
const checkSchema = z.object({ name: z.string(), passes: z.number(), fails: z.number() });
interface GroupShape {
  checks?: z.infer<typeof checkSchema>[];
  groups?: GroupShape[];
}
const groupSchema: z.ZodType<GroupShape> = z.lazy(() =>
  z.object({ checks: z.array(checkSchema).optional(), groups: z.array(groupSchema).optional() }),
);
const summarySchema = z.object({
  metrics: z.record(z.string(), metricSchema),
  root_group: groupSchema.optional(),
  state: z.object({ testRunDurationMs: z.number() }),
  faultline: z.object({ engine: z.string() }).loose().optional(),
});

export type SummaryMetric = z.infer<typeof metricSchema>;

/** One engine-independent view of a run's summary. */
export interface LoadSummaryView {
  engine: 'builtin' | 'k6';
  testRunDurationMs: number;
  /** A metric, or its sub-metric for one tag value (e.g. `{ phase: 'inject' }`). */
  metric(name: string, tag?: Readonly<Record<string, string>>): SummaryMetric | undefined;
  /** One value of a metric, e.g. `value('http_req_duration', 'p(99)', { phase: 'inject' })`. */
  value(name: string, stat: string, tag?: Readonly<Record<string, string>>): number | undefined;
  /** Values of a tag that have sub-metrics, e.g. `tagValues('http_reqs', 'phase')`. */
  tagValues(name: string, key: string): string[];
  /** Every check with pass and fail counts, groups flattened. */
  checks: { name: string; passes: number; fails: number }[];
  /** Threshold results, by `metric` then expression (real k6 only). */
  thresholds: Record<string, Record<string, boolean>>;
}

/** Parses summary JSON; throws `ERR_LOAD_SUMMARY_INVALID` listing every shape problem. */
export function readSummary(input: unknown): LoadSummaryView {
  const parsed = summarySchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new FaultlineError('ERR_LOAD_SUMMARY_INVALID', `not a k6 summary: ${problems.join('; ')}`);
  }
  const data = parsed.data;
  const metric = (name: string, tag?: Readonly<Record<string, string>>) => data.metrics[metricKey(name, tag)];
  return {
    engine: data.faultline?.engine === 'builtin' ? 'builtin' : 'k6',
    testRunDurationMs: data.state.testRunDurationMs,
    metric,
    value: (name, stat, tag) => metric(name, tag)?.values[stat],
    tagValues(name, key) {
      const prefix = `${name}{${key}:`;
      return Object.keys(data.metrics)
        .filter((k) => k.startsWith(prefix) && k.endsWith('}') && !k.slice(prefix.length).includes(','))
        .map((k) => k.slice(prefix.length, -1));
    },
    checks: flattenChecks(data.root_group),
    thresholds: Object.fromEntries(
      Object.entries(data.metrics)
        .filter(([, m]) => m.thresholds !== undefined)
        .map(([name, m]) => [
          name,
          Object.fromEntries(Object.entries(m.thresholds ?? {}).map(([e, r]) => [e, r.ok])),
        ]),
    ),
  };
}

/** k6's sub-metric key: `name{k:v}` (one tag) or `name{a:1,b:2}` in the given order. */
export function metricKey(name: string, tag?: Readonly<Record<string, string>>): string {
  if (tag === undefined || Object.keys(tag).length === 0) return name;
  return `${name}{${Object.entries(tag)
    .map(([k, v]) => `${k}:${v}`)
    .join(',')}}`;
}

function flattenChecks(group: GroupShape | undefined): LoadSummaryView['checks'] {
  if (!group) return [];
  const own = (group.checks ?? []).map((c) => ({ name: c.name, passes: c.passes, fails: c.fails }));
  return own.concat((group.groups ?? []).flatMap(flattenChecks));
}
