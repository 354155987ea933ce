import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { FaultlineError } from '../../chaos/errors.js';

const source = z.object({
  metricSource: z.object({
    type: z.literal('Prometheus'),
    spec: z.object({ query: z.string().includes('{{.window}}') }),
  }),
});

const sloSchema = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLO'),
  metadata: z.object({ name: z.string().regex(/^[a-z0-9-]+$/), displayName: z.string().optional() }),
  spec: z.object({
    service: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string().default(''),
    budgetingMethod: z.literal('Occurrences'),
    timeWindow: z
      .array(z.object({ duration: z.string().regex(/^\d+d$/), isRolling: z.literal(true) }))
      .length(1),
    objectives: z
      .array(z.object({ displayName: z.string().optional(), target: z.number().gt(0).lt(1) }))
      .length(1),
    indicator: z.object({
      metadata: z.object({ name: z.string() }),
      spec: z.object({
        ratioMetric: z
          .object({
            counter: z.literal(true),
            good: source.optional(),
            bad: source.optional(),
            total: source,
          })
          .refine((r) => (r.good === undefined) !== (r.bad === undefined), 'exactly one of good or bad'),
      }),
    }),
  }),
});

/** One SLO, reduced to what the rule generator needs. Queries contain `{{.window}}`. */
export interface SloSpec {
  /** OpenSLO metadata.name, e.g. `gateway-availability`. */
  name: string;
  service: string;
  description: string;
  /** Objective as a ratio, e.g. 0.999. */
  objective: number;
  /** Rolling period in days (the error-budget period). */
  periodDays: number;
  /** Either `bad` (error events) or `good` is set, never both. */
  badQuery?: string;
  goodQuery?: string;
  totalQuery: string;
}

/**
 * Parses a multi-document OpenSLO v1 YAML text (only ratio SLIs over Prometheus, occurrences
 * budgeting, one rolling window, one objective). Throws `ERR_INPUT_SLO` naming every problem.
 */
export function parseOpenSlo(text: string, file = 'slos.yaml'): SloSpec[] {
  const docs = parseAllDocuments(text);
  const out: SloSpec[] = [];
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0)
      throw new FaultlineError('ERR_INPUT_SLO', `${file} document ${i + 1}: ${doc.errors[0]?.message}`);
    const parsed = sloSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      const issues = parsed.error.issues.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ');
      throw new FaultlineError('ERR_INPUT_SLO', `${file} document ${i + 1}: ${issues}`);
    }
    out.push(toSpec(parsed.data));
  });
  const names = out.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new FaultlineError('ERR_INPUT_SLO', `${file}: SLO name ${dup} is used twice`);
  return out;
}

function toSpec(d: z.infer<typeof sloSchema>): SloSpec {
  const r = d.spec.indicator.spec.ratioMetric;
  return {
    name: d.metadata.name,
    service: d.spec.service,
    description: d.spec.description,
    objective: d.spec.objectives[0]!.target,
    periodDays: Number.parseInt(d.spec.timeWindow[0]!.duration, 10),
    ...(r.bad ? { badQuery: r.bad.metricSource.spec.query } : {}),
    ...(r.good ? { goodQuery: r.good.metricSource.spec.query } : {}),
    totalQuery: r.total.metricSource.spec.query,
  };
}
