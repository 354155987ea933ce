import type { Request, RequestHandler } from 'express';
import { HttpProblem } from '../platform/errors.js';
import { matchKey, type HashedKey } from './api-keys.js';

const REALM = 'faultline';
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The key a request presents: `Authorization: Bearer <key>` first, else `X-API-Key`.
 * Undefined when neither is there.
 */
export function presentedKey(
  authorization: string | undefined,
  xApiKey: string | undefined,
): string | undefined {
  const bearer = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  return bearer ?? (xApiKey === undefined || xApiKey === '' ? undefined : xApiKey);
}

/** The label of the key that authenticated this request (set by `authenticate`). */
export function apiKeyLabel(req: Request): string | undefined {
  return (req.res?.locals as { apiKey?: string } | undefined)?.apiKey;
}

/**
 * Requires a configured API key. A missing key and a wrong key both get 401 problem+json with
 * `WWW-Authenticate` (RFC 6750 `Bearer`; `error="invalid_token"` for a wrong key). On success the
 * key's label (never the key) is kept in `res.locals.apiKey` for the rate limiter and the logs.
 */
export function authenticate(keys: readonly HashedKey[]): RequestHandler {
  return (req, res, next) => {
    const key = presentedKey(req.get('authorization'), req.get('x-api-key'));
    if (key === undefined) {
      res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}"`);
      return next(
        new HttpProblem(
          401,
          'Unauthorized',
          'an API key is required: send Authorization: Bearer <key> or X-API-Key',
        ),
      );
    }
    const label = matchKey(keys, key);
    if (label === undefined) {
      res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}", error="invalid_token"`);
      return next(new HttpProblem(401, 'Unauthorized', 'the API key is not valid'));
    }
    (res.locals as { apiKey?: string }).apiKey = label;
    next();
  };
}
