import type { PrometheusClient } from '../assertions/promql/prometheus-client.js';

/**
 * Waits until Prometheus holds a scrape of every target taken at or after `epochMs` (the run's
 * end), so that checks evaluated right after the run see its last second. Gives up after
 * `limitMs` (default 5 000) and returns false; checks then run on what is there (a missing point
 * is at worst an inconclusive verdict, never a pass).
 */
export async function waitForScrapesAfter(
  client: PrometheusClient,
  epochMs: number,
  limitMs = 5000,
  pollMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    try {
      const [oldest] = await client.query('min(timestamp(up))', Date.now());
      const scrapedMs = (oldest?.points[0]?.value ?? 0) * 1000;
      if (scrapedMs >= epochMs) return true;
    } catch {
      // Prometheus busy or briefly unreachable: try again until the deadline
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return false;
}
