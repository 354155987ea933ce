import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import type { RequestHandler } from 'express';

/** The header carrying the request id, in and out (and on to the upstream). */
export const REQUEST_ID_HEADER = 'x-request-id';
/** Span attribute (semantic convention `http.request.header.<name>`, a string array). */
export const REQUEST_ID_ATTRIBUTE = `http.request.header.${REQUEST_ID_HEADER}`;

/** A sane client id: 1–128 characters of letters, digits and `. _ : @ / + = -`. */
const SANE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The client's request id when it is sane, else a new UUID. Pure but for the UUID. */
export function chooseRequestId(presented: string | string[] | undefined): string {
  return typeof presented === 'string' && SANE.test(presented) ? presented : randomUUID();
}

/**
 * Accepts the client's `X-Request-Id` (or makes one), writes it back on the request (so the
 * access log and the upstream call carry it), echoes it on the response, and puts it on the
 * server span. Telemetry never breaks the request.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = chooseRequestId(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader('X-Request-Id', id);
    try {
      const span = getRPCMetadata(context.active())?.span ?? trace.getActiveSpan();
      span?.setAttribute(REQUEST_ID_ATTRIBUTE, [id]);
    } catch {
      // telemetry is ambient
    }
    next();
  };
}
