/** A minimal valid experiment for loader tests; line numbers are referenced by the tests (test fixture). */
export const BASE_EXPERIMENT = [
  'title: t',
  'environment:',
  '  allow: { links: [payment-psp], services: [payment] }',
  'load:',
  '  rate: { warmup: 1, baseline: 2, inject: 2, recover: 2 }',
  'phases: { warmup: 1s, baseline: 2s, inject: 10s, recover: 2s }',
  'faults:',
  '  - name: slow',
  '    kind: toxic',
  '    link: payment-psp',
  '    toxic: { type: latency, attributes: { latency: 100 } }',
  '    at: 1s',
  '    duration: 5s',
  'assertions:',
  "  - { type: threshold, metric: http_req_duration, thresholds: ['p(99)<800'] }",
  "evidence: { type: promql, query: up, objective: '> 0' }",
];

/** BASE_EXPERIMENT with 1-based line `n` replaced (`null` deletes it). */
export function withLine(n: number, text: string | null): string {
  const lines = [...BASE_EXPERIMENT];
  if (text === null) lines.splice(n - 1, 1);
  else lines[n - 1] = text;
  return `${lines.join('\n')}\n`;
}
