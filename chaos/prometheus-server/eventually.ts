/**
 * Test helper: polls `probe` every `intervalMs` (default 250) until it returns true; returns false
 * after `limitMs` (default 20 000). For integration tests waiting on a scrape, never for timing.
 */
export async function eventually(
  probe: () => Promise<boolean>,
  limitMs = 20_000,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(intervalMs);
  }
  return false;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
