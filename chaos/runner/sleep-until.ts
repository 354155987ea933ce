/** Resolves at epoch ms `at`, or at once when `signal` aborts (never rejects). */
export function sleepUntil(at: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, at - Date.now()),
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
