import type { RequestHandler } from 'express';
import { HttpProblem } from '../errors.js';

/**
 * Idempotency keys as real PSPs and carriers honour them: a POST carrying `Idempotency-Key` that
 * already succeeded gets the stored answer again (header `Idempotent-Replayed: true`) without
 * touching the simulation; one still in flight gets 409. Failures are not stored, so a retry
 * after a 5xx runs again. Keeps the newest `max` keys (default 10000).
 */
export function idempotencyReplay(max = 10000): RequestHandler {
  const done = new Map<string, { status: number; body: unknown }>();
  const inFlight = new Set<string>();
  return (req, res, next) => {
    const header = req.method === 'POST' ? req.get('idempotency-key') : undefined;
    if (!header) return next();
    const key = `${req.path}\n${header}`;
    const hit = done.get(key);
    if (hit) {
      res.status(hit.status).set('idempotent-replayed', 'true').json(hit.body);
      return;
    }
    if (inFlight.has(key))
      return next(new HttpProblem(409, 'Conflict', 'a request with this Idempotency-Key is in progress'));
    inFlight.add(key);
    res.on('close', () => inFlight.delete(key));
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 200 && res.statusCode < 300) {
        done.set(key, { status: res.statusCode, body });
        const oldest = done.size > max ? done.keys().next().value : undefined;
        if (oldest !== undefined) done.delete(oldest);
      }
      return json(body);
    };
    next();
  };
}
