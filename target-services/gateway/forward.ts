import type { Request, Response } from 'express';
import { request } from 'undici';
import { HttpProblem } from '../platform/errors.js';
import type { Address } from '../platform/links.js';

/** Request headers passed through to the upstream (traceparent is injected by instrumentation). */
const PASS_HEADERS = ['idempotency-key', 'accept'] as const;
/** Response headers passed back to the client. */
const RETURN_HEADERS = ['content-type', 'location'] as const;

/**
 * Forwards the request (method, path, parsed JSON body) to `upstream` and relays the status,
 * body and a few headers. An unreachable or slow upstream becomes a 502/504 problem.
 */
export async function forward(
  upstream: Address,
  timeoutMs: number,
  req: Request,
  res: Response,
): Promise<void> {
  const headers: Record<string, string> = {};
  for (const h of PASS_HEADERS) {
    const v = req.get(h);
    if (v !== undefined) headers[h] = v;
  }
  const hasBody = req.method === 'POST' || req.method === 'PUT';
  if (hasBody) headers['content-type'] = 'application/json';
  let upstreamRes;
  try {
    upstreamRes = await request(`http://${upstream.host}:${upstream.port}${req.originalUrl}`, {
      method: req.method as 'GET' | 'POST',
      headers,
      body: hasBody ? JSON.stringify(req.body ?? {}) : undefined,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  } catch (err) {
    const timedOut = (err as { code?: string }).code?.includes('TIMEOUT');
    throw new HttpProblem(
      timedOut ? 504 : 502,
      timedOut ? 'Upstream timeout' : 'Bad gateway',
      `upstream did not answer: ${(err as Error).message}`,
    );
  }
  res.status(upstreamRes.statusCode);
  for (const h of RETURN_HEADERS) {
    const v = upstreamRes.headers[h];
    if (typeof v === 'string') res.setHeader(h, v);
  }
  res.send(Buffer.from(await upstreamRes.body.arrayBuffer()));
}
