/** How a batch of pipelined publishes ended. */
export interface PrefixOutcome {
  /** Rows from the start of the batch whose publish was confirmed, up to the first failure. */
  confirmed: number;
  /** The first failure's reason, when there was one. */
  error?: Error;
}

/**
 * The rows of a pipelined batch that may be marked published: the confirmed ones before the first
 * failure. Rows after a failure stay unpublished even when confirmed, so the relay re-sends them
 * after the failed row and keeps commit order (consumers dedupe the second copy by message id).
 * Pure.
 */
export function confirmedPrefix(results: readonly PromiseSettledResult<unknown>[]): PrefixOutcome {
  const failed = results.findIndex((r) => r.status === 'rejected');
  if (failed === -1) return { confirmed: results.length };
  const reason: unknown = (results[failed] as PromiseRejectedResult).reason;
  return { confirmed: failed, error: reason instanceof Error ? reason : new Error(String(reason)) };
}
