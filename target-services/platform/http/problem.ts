import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { HttpProblem } from '../errors.js';
import type { Logger } from '../logger.js';

/** The problem+json body (RFC 9457). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: readonly { path: string; message: string }[];
}

/** Turns a zod error into a 400 problem listing every field at fault. */
export function validationProblem(err: z.ZodError): HttpProblem {
  const errors = err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  return new HttpProblem(400, 'Invalid request', `${errors.length} problem(s) in the request`, errors);
}

/** Parses `value` with `schema` or throws a 400 problem. */
export function parseOrProblem<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationProblem(r.error);
  return r.data;
}

/** Pure: maps any thrown value to a problem body (never leaks a stack; 5xx only for our bugs). */
export function toProblem(err: unknown, instance: string): ProblemBody {
  if (err instanceof HttpProblem)
    return {
      type: 'about:blank',
      title: err.title,
      status: err.status,
      detail: err.detail,
      instance,
      ...(err.errors ? { errors: err.errors } : {}),
    };
  const e = err as { type?: string; status?: number; statusCode?: number };
  if (e?.type === 'entity.parse.failed')
    return {
      type: 'about:blank',
      title: 'Invalid JSON',
      status: 400,
      detail: 'the request body is not valid JSON',
      instance,
    };
  if (e?.type === 'entity.too.large')
    return {
      type: 'about:blank',
      title: 'Payload too large',
      status: 413,
      detail: 'the request body exceeds the size limit',
      instance,
    };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return { type: 'about:blank', title: 'Bad request', status, instance };
  return {
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: 'an unexpected error occurred',
    instance,
  };
}

/** The last middleware: renders every error as problem+json and logs 5xx. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const body = toProblem(err, req.originalUrl);
    if (body.status >= 500) logger.error({ err, url: req.originalUrl }, 'request failed');
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  };
}

/** Unknown routes: 404 problem. */
export const notFound: RequestHandler = (req, _res, next) =>
  next(new HttpProblem(404, 'Not found', `no route for ${req.method} ${req.path}`));
