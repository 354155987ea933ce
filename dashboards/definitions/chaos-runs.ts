import { type DashboardSpec, FAULT_TAG, m, quantile, rate } from '../model.js';

/** What a fault did: fault windows, proxy traffic, and client- vs server-side latency. */
export const chaosRuns: DashboardSpec = {
  uid: 'faultline-chaos-runs',
  title: 'Faultline / Chaos runs',
  question: 'What did the injected fault change, and where did the latency appear?',
  tags: ['faultline', 'chaos'],
  annotationTags: [FAULT_TAG],
  variables: [
    { name: 'job', label: 'Client service', query: `label_values(${m('httpClientDuration')}_count, job)` },
  ],
  rows: [
    {
      title: 'Faults',
      panels: [
        {
          title: 'Fault windows',
          description: `Faults injected by experiments (Grafana annotations tagged ${FAULT_TAG}); ongoing ones have no end.`,
          kind: 'annotations',
          queries: [],
          tags: [FAULT_TAG],
        },
        {
          title: 'Traffic per proxied link',
          description:
            'Bytes per second through each Toxiproxy link; a link that drops to 0 is cut or blocked.',
          kind: 'timeseries',
          unit: 'Bps',
          queries: [
            { expr: `sum by (proxy) (${rate('toxiproxy_proxy_sent_bytes_total')})`, legend: '{{proxy}}' },
          ],
        },
      ],
    },
    {
      title: 'Latency seen by each side',
      panels: [
        {
          title: 'Client p99 vs server p99',
          description:
            'p99 of outbound calls (client side, through the proxy) against p99 of inbound requests at every server. The gap is what the network and the fault added.',
          kind: 'timeseries',
          unit: 's',
          width: 24,
          queries: [
            {
              expr: quantile(0.99, m('httpClientDuration'), '{job=~"$job"}', 'job, server_address'),
              legend: 'client p99 {{job}} → {{server_address}}',
            },
            { expr: quantile(0.99, m('httpServerDuration'), '', 'job'), legend: 'server p99 {{job}}' },
          ],
        },
      ],
    },
  ],
};
