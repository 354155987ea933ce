import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { FaultlineError } from '../errors.js';
import { encodeStatus, encodeTraceResponse } from './otlp-codec.js';
import { decodeProtoSpans } from './otlp-proto-spans.js';
import { OtlpShapeError, requestToRows, type DecodedSpans } from './otlp-spans.js';
import type { SpanStore } from './span-store.js';

const gunzipAsync = promisify(gunzip);
const JSON_TYPE = 'application/json';
const PROTO_TYPE = 'application/x-protobuf';
/** gRPC status codes carried in OTLP/HTTP error bodies. */
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_UNAVAILABLE = 14;
const GRPC_INTERNAL = 13;

/** Options of `startReceiver`. */
export interface ReceiverOptions {
  store: SpanStore;
  /** Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Default 4318; 0 picks a free port. */
  port?: number;
  /** Largest accepted body, before and after gunzip; default 32 MiB. */
  maxBodyBytes?: number;
  /** Seconds announced in `Retry-After` when the store is saturated; default 1. */
  retryAfterS?: number;
}

/** Counters since start, for the `collect` summary and tests. */
export interface ReceiverStats {
  requests: number;
  spansAccepted: number;
  spansRejected: number;
  badRequests: number;
  throttled: number;
}

/** A running receiver. */
export interface Receiver {
  url: string;
  port: number;
  stats: ReceiverStats;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly grpcCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts an OTLP/HTTP receiver: `POST /v1/traces` (JSON or protobuf, plain or gzip) into the span
 * store; `/v1/metrics` and `/v1/logs` are accepted and discarded. Answers per the OTLP/HTTP spec:
 * 200 with partial success, 400 with a Status body, 415 for other content types, 503 with
 * `Retry-After` while the store's queue is full.
 */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const stats: ReceiverStats = {
    requests: 0,
    spansAccepted: 0,
    spansRejected: 0,
    badRequests: 0,
    throttled: 0,
  };
  const server = createServer((req, res) => {
    handle(req, res, options, stats).catch((err: unknown) => {
      reply(res, 500, isJson(req), encodeStatus(GRPC_INTERNAL, String((err as Error)?.message), isJson(req)));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await listen(server, host, options.port ?? 4318);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats,
    close: () => closeServer(server),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  opt: ReceiverOptions,
  stats: ReceiverStats,
): Promise<void> {
  stats.requests++;
  const json = isJson(req);
  const path = (req.url ?? '/').split('?')[0];
  try {
    if (req.method !== 'POST') throw new HttpError(405, GRPC_INVALID_ARGUMENT, 'only POST is supported');
    if (path !== '/v1/traces' && path !== '/v1/metrics' && path !== '/v1/logs') {
      throw new HttpError(404, GRPC_INVALID_ARGUMENT, `unknown path ${path}`);
    }
    const type = contentType(req);
    if (type !== JSON_TYPE && type !== PROTO_TYPE) {
      throw new HttpError(415, GRPC_INVALID_ARGUMENT, `unsupported content type ${type || '(none)'}`);
    }
    // Checked before and after reading the body: concurrent requests may fill the queue meanwhile.
    if (path === '/v1/traces' && opt.store.isSaturated()) return throttle(req, res, opt, stats, json);
    const body = await readBody(req, opt.maxBodyBytes ?? 32 * 1024 * 1024);
    if (path !== '/v1/traces') {
      reply(res, 200, json, json ? '{}' : new Uint8Array());
      return;
    }
    if (opt.store.isSaturated()) return throttle(req, res, opt, stats, json);
    const decoded = decodeBody(body, json);
    opt.store.enqueue(decoded.rows);
    stats.spansAccepted += decoded.rows.length;
    stats.spansRejected += decoded.rejected;
    const partial =
      decoded.rejected > 0
        ? { rejectedSpans: decoded.rejected, errorMessage: decoded.firstError ?? '' }
        : undefined;
    reply(res, 200, json, encodeTraceResponse(partial, json));
  } catch (err) {
    const e = toHttpError(err);
    if (e.status === 400) stats.badRequests++;
    if (!req.complete) req.resume();
    reply(res, e.status, json, encodeStatus(e.grpcCode, e.message, json));
  }
}

function throttle(
  req: IncomingMessage,
  res: ServerResponse,
  opt: ReceiverOptions,
  stats: ReceiverStats,
  json: boolean,
): void {
  stats.throttled++;
  if (!req.complete) req.resume();
  res.setHeader('Retry-After', String(opt.retryAfterS ?? 1));
  reply(res, 503, json, encodeStatus(GRPC_UNAVAILABLE, 'the span store is behind; retry later', json));
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof OtlpShapeError) return new HttpError(400, GRPC_INVALID_ARGUMENT, err.message);
  if (err instanceof FaultlineError && err.code === 'ERR_STORE_CLOSED') {
    return new HttpError(503, GRPC_UNAVAILABLE, err.message);
  }
  return new HttpError(500, GRPC_INTERNAL, (err as Error)?.message ?? 'internal error');
}

/** JSON is parsed, then flattened; protobuf is decoded straight into rows (otlp-proto-spans.ts). */
function decodeBody(body: Buffer, json: boolean): DecodedSpans {
  let request: unknown;
  try {
    if (!json) return decodeProtoSpans(body);
    request = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new HttpError(
      400,
      GRPC_INVALID_ARGUMENT,
      `malformed ${json ? 'JSON' : 'protobuf'} body: ${(err as Error).message}`,
    );
  }
  return requestToRows(request);
}

function contentType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function isJson(req: IncomingMessage): boolean {
  return contentType(req) === JSON_TYPE;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity') {
    throw new HttpError(415, GRPC_INVALID_ARGUMENT, `unsupported content encoding ${encoding}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes)
      throw new HttpError(413, GRPC_INVALID_ARGUMENT, `body larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  if (encoding === 'identity') return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new HttpError(400, GRPC_INVALID_ARGUMENT, `malformed gzip body: ${(err as Error).message}`);
  }
}

function reply(res: ServerResponse, status: number, json: boolean, body: Uint8Array | string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', json ? JSON_TYPE : PROTO_TYPE);
  res.end(body);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) =>
      reject(new FaultlineError('ERR_RECEIVER_LISTEN', `cannot listen on ${host}:${port}`, { cause: err })),
    );
    server.listen(port, host, () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
