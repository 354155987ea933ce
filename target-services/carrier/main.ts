import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { parseOrProblem } from '../platform/http/problem.js';
import { runMain } from '../platform/run-main.js';
import { failUnavailable, runSimulator } from '../platform/simulator/simulator-service.js';

/** Carrier simulator: shipments get scheduled, rejected (decline), fail or time out. */
const shipmentSchema = z.object({
  orderId: z.string().min(1),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
});

runMain('carrier', () =>
  runSimulator('carrier', { port: 8086, adminPort: 9186 }, process.env, (simulate) => {
    const r = Router();
    r.post('/v1/shipments', async (req, res) => {
      const shipment = parseOrProblem(shipmentSchema, req.body);
      const verdict = await simulate();
      failUnavailable(verdict);
      if (verdict === 'decline') {
        res
          .status(422)
          .type('application/problem+json')
          .send(
            JSON.stringify({
              type: 'about:blank',
              title: 'Shipment rejected',
              status: 422,
              detail: 'simulated rejection',
            }),
          );
        return;
      }
      res.status(201).json({ id: randomUUID(), orderId: shipment.orderId, status: 'scheduled' });
    });
    r.delete('/v1/shipments/:id', async (_req, res) => {
      failUnavailable(await simulate());
      res.status(204).end();
    });
    return r;
  }),
);
