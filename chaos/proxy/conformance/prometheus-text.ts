/**
 * Finds the value of the first sample of `metric` in Prometheus text exposition whose labels include
 * every pair in `labels` (label order does not matter). Returns undefined when no sample matches.
 */
export function findSample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== metric) continue;
    const found = parseLabels(match[2] ?? '');
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

function parseLabels(body: string): Record<string, string> {
  const pairs = [...body.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)];
  return Object.fromEntries(pairs.map((p) => [p[1] ?? '', (p[2] ?? '').replace(/\\(.)/g, '$1')]));
}
