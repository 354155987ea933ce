import { z } from 'zod';

/** Order's load report, read by the gateway to decide whether to shed new orders. */
export const SAGA_LOAD_PATH = '/internal/saga-load';

/**
 * What the order service reports about its sagas (`GET /internal/saga-load`, JSON):
 * - `inFlight`: sagas not yet terminal (`pending` or `compensating`), counted in order_db;
 * - `completedPerSec`: the fleet's recent completion rate, the lower median over the non-empty
 *   `bucketSec` buckets of the last `windowSec`, less those next to an empty one when others remain
 *   (a burst does not read as capacity, a short stall not as its loss; order/completion-buckets.ts);
 * - `stalled`: completions stopped for a whole bucket of the window after they had begun (the
 *   fleet waited on an outage rather than worked at its limit, so `completedPerSec` was what the
 *   demand asked for, not what the fleet can do);
 * - `stepTimeoutMs`: the saga step timeout, or null when step timeouts are off.
 */
export const sagaLoadSchema = z.object({
  inFlight: z.number().int().nonnegative(),
  completedPerSec: z.number().nonnegative(),
  stalled: z.boolean(),
  windowSec: z.number().positive(),
  bucketSec: z.number().positive(),
  stepTimeoutMs: z.number().int().positive().nullable(),
});
export type SagaLoad = z.infer<typeof sagaLoadSchema>;
