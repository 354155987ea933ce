import { z } from 'zod';
import { CRITICAL_PATH_STATS } from '../assertions/critical-path/critical-path-assertion.js';
import { PATH_DIMENSIONS } from '../assertions/critical-path/population-summary.js';

/**
 * `type: critical-path`: a bound on one component of the critical paths of a phase's traces, e.g.
 * `{ type: critical-path, phase: inject, by: service, component: psp, objective: '< 0.5' }`
 * (chaos/assertions/critical-path/critical-path-assertion.ts). `common` holds the keys every check
 * has (id, title, phase), passed in by check-spec.ts so the two files do not import each other.
 */
export function criticalPathCheckSchema<T extends z.ZodRawShape>(common: T) {
  return z.strictObject({
    type: z.literal('critical-path'),
    ...common,
    select: z.string().min(1).optional(),
    by: z.enum(PATH_DIMENSIONS).optional(),
    component: z.string().min(1),
    stat: z.enum(CRITICAL_PATH_STATS).optional(),
    objective: z.string().min(1),
    minTraces: z.number().int().positive().optional(),
  });
}
