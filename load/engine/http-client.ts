import { Agent, request } from 'undici';
import { performance } from 'node:perf_hooks';
import type { HttpStep } from '../journeys/journey.js';
import { assertLoopbackTarget } from './loopback-guard.js';

/** One response as the engine measured it. `status` 0 means the request failed at the network. */
export interface TimedResponse {
  status: number;
  body: string;
  /** The response's `Retry-After` header, when it had one. */
  retryAfter?: string;
  /** From dispatch to the last body byte (ms): k6's http_req_duration plus any connection setup. */
  durationMs: number;
  error?: string;
}

/** Keep-alive HTTP to one loopback target (edge). */
export interface LoadHttpClient {
  send(step: HttpStep, extraHeaders: Record<string, string>, signal?: AbortSignal): Promise<TimedResponse>;
  close(): Promise<void>;
}

/**
 * An undici client with a keep-alive pool of at most `connections` sockets per origin (default
 * 256; give it the profile's maxVUs). Refuses non-loopback targets before any socket opens.
 */
export function createHttpClient(baseUrl: string, connections = 256): LoadHttpClient {
  const base = assertLoopbackTarget(baseUrl);
  const agent = new Agent({ connections, keepAliveTimeout: 10_000, pipelining: 1 });
  const origin = base.origin;
  const prefix = base.pathname.replace(/\/$/, '');
  return {
    async send(step, extraHeaders, signal) {
      const started = performance.now();
      try {
        const res = await request(`${origin}${prefix}${step.path}`, {
          dispatcher: agent,
          method: step.method,
          headers: { ...step.headers, ...extraHeaders },
          body: step.body ?? null,
          signal: signal ?? null,
        });
        const body = await res.body.text();
        const retryAfter = res.headers['retry-after'];
        return {
          status: res.statusCode,
          body,
          durationMs: performance.now() - started,
          ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
        };
      } catch (err) {
        const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        return { status: 0, body: '', durationMs: performance.now() - started, error };
      }
    },
    close: () => agent.close(),
  };
}
