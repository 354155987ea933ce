import type { RequestHandler } from 'express';
import { HttpProblem } from '../platform/errors.js';

/** API versions the gateway serves, as path prefixes (`/v1/...`). */
export const API_VERSIONS = ['v1'] as const;

const VERSIONED = /^\/(v\d+)(\/|$)/;

/** A request for an unknown API version (`/v2/orders`) gets 404 problem+json naming the versions served. */
export const rejectUnknownVersion: RequestHandler = (req, _res, next) => {
  const version = VERSIONED.exec(req.path)?.[1];
  if (version === undefined || (API_VERSIONS as readonly string[]).includes(version)) return next();
  next(
    new HttpProblem(
      404,
      'Not Found',
      `API version ${version} does not exist; supported: ${API_VERSIONS.join(', ')}`,
    ),
  );
};
