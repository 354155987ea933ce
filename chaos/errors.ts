/**
 * The controller's exception type. Expected outcomes (a failed assertion, an invalid experiment)
 * are values; a `FaultlineError` is for bugs and infrastructure failures that stop a command.
 * `code` is stable (`ERR_<AREA>_<WHAT>`) and is what callers and tests match on.
 */
export class FaultlineError extends Error {
  override readonly name = 'FaultlineError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True for errors whose code says the user's input was at fault (exit code "invalid input"). */
export function isInputError(err: unknown): boolean {
  return err instanceof FaultlineError && err.code.startsWith('ERR_INPUT_');
}

/** Message of any thrown value, with the chain of causes appended (`a: b: c`). */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : (JSON.stringify(current) ?? 'undefined'));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
