import type { IncomingHttpHeaders } from 'node:http';
import type { CircuitState } from 'cockatiel';
import { request } from 'undici';
import type { ResilienceConfig } from '../config.js';
import { ServiceError } from '../errors.js';
import type { Address } from '../links.js';
import type { Logger } from '../logger.js';
import {
  isFailureStatus,
  isIdempotent,
  rejectionOf,
  UpstreamStatusError,
  type Rejection,
} from '../resilience/classify.js';
import { createOutboundPolicy, type OutboundPolicy } from '../resilience/outbound-policy.js';
import { patternTelemetry } from '../resilience/pattern-telemetry.js';
import { createRecorder, type Recorder } from '../telemetry/metrics.js';

/**
 * Outcome of an outbound JSON call: the status and parsed body, or a failure. `rejectedBy` names
 * the pattern that refused or cut the call (open breaker, full bulkhead, timeout).
 */
export type CallResult =
  { ok: true; status: number; body: unknown } | { ok: false; error: string; rejectedBy?: Rejection };

/** One outbound request. */
export interface PeerRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query (`/v1/orders/1?x=y`). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent as `Idempotency-Key`; makes a POST retryable. */
  idempotencyKey?: string;
}

/** A peer's answer (any status). */
export interface PeerResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How to build a peer client. */
export interface PeerClientOptions {
  /** Link name of the downstream (`payment-psp`): the metric/span `downstream` label. */
  link: string;
  address: Address;
  /** Per-attempt timeout (ms). */
  timeoutMs: number;
  /** The service config (its resilience switches and settings). */
  config: ResilienceConfig;
  logger: Logger;
  /** Defaults to a recorder named after the link's client service. */
  recorder?: Recorder;
}

/**
 * An HTTP client for one downstream with its own policy (timeout, retries with budget, breaker,
 * bulkhead; see outbound-policy.ts), built from config and keyed by the link name.
 */
export class PeerClient {
  readonly link: string;
  private readonly policy: OutboundPolicy;

  constructor(private readonly opts: PeerClientOptions) {
    this.link = opts.link;
    const recorder = opts.recorder ?? createRecorder(opts.link.split('-')[0] ?? opts.link);
    this.policy = createOutboundPolicy(
      opts.timeoutMs,
      opts.config,
      patternTelemetry(opts.link, recorder, opts.logger),
    );
  }

  /** The breaker's current state. */
  get breakerState(): CircuitState {
    return this.policy.breakerState;
  }

  /**
   * Sends one request under the policy and returns the answer, 5xx included. Throws cockatiel's
   * `BrokenCircuitError`, `BulkheadRejectedError` and `TaskCancelledError` unchanged (callers map
   * them: 503 / saga step failure), and `ERR_HTTP_PEER` for a transport failure.
   */
  async send(req: PeerRequest): Promise<PeerResponse> {
    const { host, port } = this.opts.address;
    const headers: Record<string, string> = { ...req.headers };
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    const idempotent = isIdempotent(req.method, req.idempotencyKey);
    try {
      return await this.policy.execute(idempotent, async (signal) => {
        const res = await request(`http://${host}:${port}${req.path}`, {
          method: req.method,
          headers,
          body: req.body,
          signal,
        });
        const response = {
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.from(await res.body.arrayBuffer()),
        };
        if (isFailureStatus(response.status)) throw new UpstreamStatusError(response);
        return response;
      });
    } catch (err) {
      if (err instanceof UpstreamStatusError) return err.response as PeerResponse;
      if (rejectionOf(err)) throw err;
      throw new ServiceError('ERR_HTTP_PEER', `${this.link} unreachable: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /**
   * Sends JSON and parses the JSON answer. Every failure is a value (`ok: false`), including the
   * patterns' rejections (`rejectedBy`), so a saga participant turns it into a step failure.
   */
  async json(
    method: PeerRequest['method'],
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<CallResult> {
    try {
      const res = await this.send({
        method,
        path,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        idempotencyKey,
      });
      const text = res.body.toString('utf8');
      return { ok: true, status: res.status, body: text ? safeJson(text) : undefined };
    } catch (err) {
      const rejectedBy = rejectionOf(err);
      const error = err instanceof Error ? err.message : String(err);
      return rejectedBy ? { ok: false, error, rejectedBy } : { ok: false, error };
    }
  }
}

/**
 * A single plain call with a hard timeout (ms) and no policy, for probes (`/healthz`). Transport
 * failures and timeouts are values (`ok: false`).
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
