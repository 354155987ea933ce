import { z } from 'zod';
import { parseDurationMs } from './duration.js';
import { EXECUTORS, JOURNEYS, PHASES, type LoadProfile } from './profile.js';

/**
 * Validation of a {@link LoadProfile} from untrusted input (a file, `--profile` JSON, an
 * experiment). Reports EVERY problem at once, each as `path: message`. Node-side only (zod).
 */

const duration = z.string().refine((s) => parseDurationMs(s) !== undefined, {
  message: 'must be a k6 duration such as "500ms", "30s" or "1m30s"',
});
const positiveDuration = z.string().refine((s) => (parseDurationMs(s) ?? 0) > 0, {
  message: 'must be a k6 duration longer than 0, such as "500ms", "30s" or "1m30s"',
});
const rate = z.number().finite().nonnegative();
const vus = z.number().int().nonnegative();

const constantArrivalRate = z.object({
  executor: z.literal('constant-arrival-rate'),
  rate: z.number().finite().positive(),
  timeUnit: positiveDuration.optional(),
  duration: positiveDuration,
  preAllocatedVUs: vus,
  maxVUs: z.number().int().positive().optional(),
});
const rampingArrivalRate = z.object({
  executor: z.literal('ramping-arrival-rate'),
  startRate: rate.optional(),
  timeUnit: positiveDuration.optional(),
  stages: z.array(z.object({ target: rate, duration })).min(1),
  preAllocatedVUs: vus,
  maxVUs: z.number().int().positive().optional(),
});
const constantVus = z.object({
  executor: z.literal('constant-vus'),
  vus: z.number().int().positive(),
  duration: positiveDuration,
});
const executor = z.discriminatedUnion('executor', [constantArrivalRate, rampingArrivalRate, constantVus], {
  error: `unknown executor; expected one of ${EXECUTORS.join(', ')}`,
});

const profileSchema = z.object({
  name: z.string().min(1),
  journey: z.enum(JOURNEYS),
  phases: z
    .array(
      z.object({
        phase: z.enum(PHASES),
        executor,
        thresholds: z.record(z.string(), z.array(z.string())).optional(),
      }),
    )
    .min(1),
  maxIterations: z.number().int().positive().optional(),
  gracefulStop: duration.optional(),
});

/** Outcome of {@link validateProfile}: the typed profile, or every problem found. */
export type ProfileValidation = { ok: true; profile: LoadProfile } | { ok: false; problems: string[] };

/** Validates untrusted input as a load profile, collecting every problem. Pure. */
export function validateProfile(input: unknown): ProfileValidation {
  const parsed = profileSchema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  problems.push(...crossFieldProblems(input));
  problems.sort();
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, profile: parsed.data };
}

// Cross-field rules run on the raw input so they are reported even when other fields are invalid.
function crossFieldProblems(input: unknown): string[] {
  const phases = (input as { phases?: unknown } | null)?.phases;
  if (!Array.isArray(phases)) return [];
  const problems: string[] = [];
  let lastOrder = -1;
  phases.forEach((raw: unknown, index) => {
    const phase = raw as { phase?: unknown; executor?: Record<string, unknown> } | null;
    const order = PHASES.indexOf(phase?.phase as (typeof PHASES)[number]);
    if (order !== -1 && order <= lastOrder) {
      problems.push(
        `phases.${index}.phase: "${String(phase?.phase)}" is repeated or out of order (${PHASES.join(' → ')})`,
      );
    }
    lastOrder = Math.max(lastOrder, order);
    const pre = phase?.executor?.['preAllocatedVUs'];
    const max = phase?.executor?.['maxVUs'];
    if (typeof pre === 'number' && typeof max === 'number' && max < pre) {
      problems.push(`phases.${index}.executor.maxVUs: must be >= preAllocatedVUs (${max} < ${pre})`);
    }
  });
  return problems;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(profile)' : path.map(String).join('.');
}
