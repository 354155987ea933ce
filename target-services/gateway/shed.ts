import type { RequestHandler } from 'express';
import { HttpProblem } from '../platform/errors.js';
import { decideShed, type LoadReading, type ShedSettings } from './shed-rule.js';

/** Where the shedding middleware reads the fleet's load, and what it tells when it sheds. */
export interface Shedding {
  settings: ShedSettings;
  latest: () => LoadReading | undefined;
  /** Called once per admitted new order (counted as in flight until the next reading). */
  onAdmit: () => void;
  /** Called once per shed request (the metric). */
  onShed: () => void;
}

/**
 * Sheds a new order (mount on `POST /v1/orders` only; status reads are never shed) that the fleet
 * cannot finish in time, by the rule in shed-rule.ts: 503 problem+json with `Retry-After`, before
 * the body is read or order is called.
 */
export function shedNewOrders(s: Shedding, nowMs: () => number): RequestHandler {
  return (_req, res, next) => {
    const d = decideShed(s.latest(), nowMs(), s.settings);
    if (!d.shed) {
      s.onAdmit();
      return next();
    }
    s.onShed();
    res.set('Retry-After', String(d.retryAfterSec));
    next(new HttpProblem(503, 'Service Unavailable', d.detail));
  };
}
