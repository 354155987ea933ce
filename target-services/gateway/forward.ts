import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response } from 'express';
import { upstreamProblem, type RetryAfterSettings } from './upstream-problem.js';

/** One call to an upstream (the platform's `PeerClient` fits this shape). */
export interface UpstreamRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Makes a POST retryable under the outbound policy. */
  idempotencyKey?: string;
}

/** An upstream's answer, any status. */
export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An upstream service behind the gateway, with its outbound policy. */
export interface Upstream {
  /** Link name (`gateway-order`): names the downstream in problems. */
  readonly link: string;
  send(req: UpstreamRequest): Promise<UpstreamResponse>;
}

/** Request headers passed through (traceparent is injected by instrumentation). */
const PASS_HEADERS = ['accept', 'x-request-id'] as const;
/** Response headers passed back to the client. */
const RETURN_HEADERS = ['content-type', 'location'] as const;

/**
 * Forwards the request (method, path, parsed JSON body, `Idempotency-Key`) to `upstream` and
 * relays the status, body and a few headers. A refused, cut or failed call becomes a
 * 503/504/502 problem (see `upstreamProblem`).
 */
export async function forward(
  upstream: Upstream,
  retryAfter: RetryAfterSettings,
  req: Request,
  res: Response,
): Promise<void> {
  const headers: Record<string, string> = {};
  for (const h of PASS_HEADERS) {
    const v = req.get(h);
    if (v !== undefined) headers[h] = v;
  }
  const method = req.method === 'POST' ? 'POST' : 'GET';
  if (method === 'POST') headers['content-type'] = 'application/json';
  const idempotencyKey = req.get('idempotency-key');
  let answer: UpstreamResponse;
  try {
    answer = await upstream.send({
      method,
      path: req.originalUrl,
      headers,
      ...(method === 'POST' ? { body: JSON.stringify(req.body ?? {}) } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  } catch (err) {
    const mapped = upstreamProblem(err, upstream.link, retryAfter);
    res.set(mapped.headers);
    throw mapped.problem;
  }
  res.status(answer.status);
  for (const h of RETURN_HEADERS) {
    const v = answer.headers[h];
    if (typeof v === 'string') res.setHeader(h, v);
  }
  res.send(answer.body);
}
