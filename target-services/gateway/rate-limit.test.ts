import { strict as assert } from 'node:assert';
import { rateLimitHeaders } from './rate-limit.js';

describe('rateLimitHeaders', () => {
  it('states the policy as quota and window and the live remainder', () => {
    assert.deepEqual(
      rateLimitHeaders(
        { ratePerSec: 1000, burst: 2000 },
        { allowed: true, remaining: 1999, resetSec: 1, retryAfterSec: 0 },
      ),
      { 'RateLimit-Policy': '"gateway";q=2000;w=2', RateLimit: '"gateway";r=1999;t=1' },
    );
  });
  it('adds Retry-After on a refusal', () => {
    assert.deepEqual(
      rateLimitHeaders(
        { ratePerSec: 0.01, burst: 3 },
        { allowed: false, remaining: 0, resetSec: 300, retryAfterSec: 100 },
      ),
      { 'RateLimit-Policy': '"gateway";q=3;w=300', RateLimit: '"gateway";r=0;t=300', 'Retry-After': '100' },
    );
  });
  it('never advertises a window under one second', () => {
    const h = rateLimitHeaders(
      { ratePerSec: 100, burst: 10 },
      { allowed: true, remaining: 9, resetSec: 1, retryAfterSec: 0 },
    );
    assert.equal(h['RateLimit-Policy'], '"gateway";q=10;w=1');
  });
});
