import { request } from 'undici';
import { ServiceError } from '../errors.js';
import type { Address } from '../links.js';

/** Outcome of an outbound JSON call: the status and parsed body, or a transport failure. */
export type CallResult = { ok: true; status: number; body: unknown } | { ok: false; error: string };

/**
 * POSTs/DELETEs JSON to a peer with a hard timeout (ms). Transport failures and timeouts are
 * values (`ok: false`); callers decide what they mean. Goes through node:http-compatible undici
 * so the call is traced (context injected by the http/undici instrumentation).
 */
export async function callJson(
  peer: Address,
  method: 'POST' | 'DELETE' | 'GET',
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<CallResult> {
  try {
    const res = await request(`http://${peer.host}:${peer.port}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    return { ok: true, status: res.statusCode, body: text ? safeJson(text) : undefined };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Throws when a required peer answered with a 5xx (used where failure must propagate). */
export function assertReachable(r: CallResult, peer: string): asserts r is Extract<CallResult, { ok: true }> {
  if (!r.ok) throw new ServiceError('ERR_HTTP_PEER', `${peer} unreachable: ${r.error}`);
}
