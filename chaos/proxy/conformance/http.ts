/**
 * Raw HTTP access to a Toxiproxy-compatible API, for cases that must see exact status codes, headers
 * and bodies (key order, trailing newlines). Uses the global `fetch` with a non-browser User-Agent.
 */

/** User-Agent sent by default; anything not starting with `Mozilla/` is allowed by the server. */
export const CONFORMANCE_USER_AGENT = 'faultline-conformance/1';

/** A fully read HTTP response. */
export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body exactly as received. */
  text: string;
}

/** Options for {@link request}. A string body is sent verbatim; anything else is JSON-encoded. */
export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends one request to `baseUrl + path` and reads the whole body. */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { 'user-agent': CONFORMANCE_USER_AGENT, ...options.headers };
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) {
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const res = await fetch(baseUrl + path, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Parses a response body as JSON, failing with the raw text in the message. */
export function parseJson<T>(res: RawResponse): T {
  try {
    return JSON.parse(res.text) as T;
  } catch (err) {
    throw new Error(`expected JSON, got status ${res.status} body ${JSON.stringify(res.text)}`, {
      cause: err,
    });
  }
}

/** The Toxic JSON shape. */
export interface ToxicJson {
  attributes: Record<string, number>;
  name: string;
  type: string;
  stream: string;
  toxicity: number;
}

/** The Proxy JSON shape. */
export interface ProxyJson {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  Logger: Record<string, never>;
  toxics: ToxicJson[];
}

/** The exact text body Toxiproxy sends for an API error outside /populate (note the newline). */
export function errorBody(message: string, status: number): string {
  return `${JSON.stringify({ error: message, status })}\n`;
}

/** Splits `host:port` (including `[::]:port`) into its parts. */
export function splitHostPort(address: string): { host: string; port: number } {
  const idx = address.lastIndexOf(':');
  return { host: address.slice(0, idx).replace(/^\[|\]$/g, ''), port: Number(address.slice(idx + 1)) };
}
