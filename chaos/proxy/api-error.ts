/**
 * The one table of API errors, with Toxiproxy's exact messages and statuses. Handlers throw
 * `ApiError`; the router renders it as `{"error":...,"status":...}`.
 */
export const API_ERRORS = {
  badRequestBody: { message: 'bad request body', status: 400 },
  missingField: { message: 'missing required field', status: 400 },
  proxyNotFound: { message: 'proxy not found', status: 404 },
  proxyAlreadyExists: { message: 'proxy already exists', status: 409 },
  invalidStream: { message: 'stream was invalid, can be either upstream or downstream', status: 400 },
  invalidToxicType: { message: 'invalid toxic type', status: 400 },
  toxicAlreadyExists: { message: 'toxic already exists', status: 409 },
  toxicNotFound: { message: 'toxic not found', status: 404 },
} as const;

export type ApiErrorName = keyof typeof API_ERRORS;

/** An API failure with its HTTP status; `message` goes to the client verbatim. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = `ERR_PROXY_API_${status}`;
  }
}

/** The catalogued error, optionally with Go's `: detail` suffix (`bad request body: EOF`). */
export function apiError(name: ApiErrorName, detail?: string, cause?: unknown): ApiError {
  const e = API_ERRORS[name];
  return new ApiError(detail === undefined ? e.message : `${e.message}: ${detail}`, e.status, { cause });
}

/** Any other failure becomes a 500 with its message, like Go's `err.Error()`. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(err instanceof Error ? err.message : String(err), 500, { cause: err });
}
