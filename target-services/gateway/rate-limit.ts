import type { Request, RequestHandler } from 'express';
import { HttpProblem } from '../platform/errors.js';
import { apiKeyLabel } from './authenticate.js';
import type { BucketSettings, TakeResult, TokenBuckets } from './token-bucket.js';

/** The policy name in the `RateLimit-Policy` and `RateLimit` fields. */
export const POLICY_NAME = 'gateway';

/**
 * Response headers of the IETF RateLimit draft (draft-ietf-httpapi-ratelimit-headers, structured
 * fields): `RateLimit-Policy: "gateway";q=<burst>;w=<seconds to refill the burst>` and
 * `RateLimit: "gateway";r=<tokens left>;t=<seconds until full>`, plus `Retry-After` (seconds) on
 * a refusal.
 */
export function rateLimitHeaders(settings: BucketSettings, r: TakeResult): Record<string, string> {
  const windowSec = Math.max(1, Math.ceil(settings.burst / settings.ratePerSec));
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${POLICY_NAME}";q=${settings.burst};w=${windowSec}`,
    RateLimit: `"${POLICY_NAME}";r=${r.remaining};t=${r.resetSec}`,
  };
  if (!r.allowed) headers['Retry-After'] = String(r.retryAfterSec);
  return headers;
}

/** Whom a request counts against: its API key's label, else its client IP. */
export function rateLimitClient(req: Request): string {
  const label = apiKeyLabel(req);
  return label !== undefined ? `key:${label}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * Takes one token per request from the client's bucket; sets the RateLimit headers on every
 * answer and refuses an empty bucket with 429 problem+json and `Retry-After`.
 */
export function rateLimit(buckets: TokenBuckets, nowMs: () => number): RequestHandler {
  return (req, res, next) => {
    const result = buckets.take(rateLimitClient(req), nowMs());
    res.set(rateLimitHeaders(buckets.settings, result));
    if (result.allowed) return next();
    next(
      new HttpProblem(
        429,
        'Too Many Requests',
        `rate limit of ${buckets.settings.ratePerSec}/s (burst ${buckets.settings.burst}) exceeded; retry after ${result.retryAfterSec} s`,
      ),
    );
  };
}
