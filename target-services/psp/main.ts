import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { parseOrProblem } from '../platform/http/problem.js';
import { runMain } from '../platform/run-main.js';
import { failUnavailable, runSimulator } from '../platform/simulator/simulator-service.js';

/** Payment service provider simulator: charges get approved, declined, fail or time out. */
const chargeSchema = z.object({ orderId: z.string().min(1), amountCents: z.number().int().nonnegative() });
const refundSchema = z.object({ orderId: z.string().min(1), chargeId: z.string().min(1).optional() });

runMain('psp', () =>
  runSimulator('psp', { port: 8085, adminPort: 9185 }, process.env, (simulate) => {
    const r = Router();
    r.post('/v1/charges', async (req, res) => {
      const charge = parseOrProblem(chargeSchema, req.body);
      const verdict = await simulate();
      failUnavailable(verdict);
      res.status(201).json({
        id: randomUUID(),
        orderId: charge.orderId,
        amountCents: charge.amountCents,
        status: verdict === 'decline' ? 'declined' : 'approved',
      });
    });
    r.post('/v1/refunds', async (req, res) => {
      const refund = parseOrProblem(refundSchema, req.body);
      const verdict = await simulate();
      failUnavailable(verdict);
      res.status(201).json({ id: randomUUID(), orderId: refund.orderId, status: 'refunded' });
    });
    return r;
  }),
);
