import { z } from 'zod';

/** Run-time knobs of an external-system simulator (psp, carrier). */
export const behaviourSchema = z.object({
  latencyMs: z.number().int().min(0).max(60000),
  errorRate: z.number().min(0).max(1),
  declineRate: z.number().min(0).max(1),
  outage: z.boolean(),
});
export type Behaviour = z.infer<typeof behaviourSchema>;

/** What the simulator does with one request. */
export type Verdict = 'outage' | 'error' | 'decline' | 'ok';

/** Pure: draws the verdict for one request from the behaviour and a random source in [0,1). */
export function drawVerdict(b: Behaviour, random: () => number): Verdict {
  if (b.outage) return 'outage';
  if (random() < b.errorRate) return 'error';
  if (random() < b.declineRate) return 'decline';
  return 'ok';
}
