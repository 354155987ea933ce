/**
 * Exception type of the fleet's platform and services. `code` is stable (`ERR_<AREA>_<WHAT>`);
 * expected business outcomes are values, never this.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** An HTTP error that the problem+json mapper renders with its own status. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly { path: string; message: string }[],
  ) {
    super(detail ?? title);
  }
}

/** A message that can never be processed (bad JSON, unknown type, schema-invalid): goes to the DLQ. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}
