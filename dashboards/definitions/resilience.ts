import { type DashboardSpec, m, rate } from '../model.js';

const sel = '{job=~"$job"}';

/** Circuit breakers, retries, timeouts and bulkheads per service and downstream, and the gateway's load shedding. */
export const resilience: DashboardSpec = {
  uid: 'faultline-resilience',
  title: 'Faultline / Resilience',
  question: 'Which resilience policies are acting, and against which downstream?',
  tags: ['faultline'],
  annotationTags: ['faultline-fault'],
  variables: [{ name: 'job', label: 'Service', query: `label_values(${m('breakerState')}, job)` }],
  rows: [
    {
      title: 'Policies',
      panels: [
        {
          title: 'Circuit breaker state',
          description: 'Per downstream: 0 closed, 1 open, 2 half-open.',
          kind: 'timeseries',
          unit: 'short',
          queries: [
            {
              expr: `max by (job, downstream) (${m('breakerState')}${sel})`,
              legend: '{{job}} → {{downstream}}',
            },
          ],
        },
        {
          title: 'Retries',
          description: 'Outbound call retries per second.',
          kind: 'timeseries',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (job, downstream) (${rate(m('retries'), sel)})`,
              legend: '{{job}} → {{downstream}}',
            },
          ],
        },
        {
          title: 'Timeouts',
          description: 'Outbound calls cut by the timeout policy per second.',
          kind: 'timeseries',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (job, downstream) (${rate(m('timeouts'), sel)})`,
              legend: '{{job}} → {{downstream}}',
            },
          ],
        },
        {
          title: 'Bulkhead rejections',
          description: 'Outbound calls rejected because the bulkhead and its queue were full, per second.',
          kind: 'timeseries',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (job, downstream) (${rate(m('bulkheadRejections'), sel)})`,
              legend: '{{job}} → {{downstream}}',
            },
          ],
        },
        {
          title: 'Orders shed at the gateway',
          description:
            'New orders (POST /v1/orders) refused with 503 and Retry-After per second, because the sagas in flight exceeded what the fleet completes in half a step timeout.',
          kind: 'timeseries',
          unit: 'ops',
          // The gateway is the only shedder; the service variable does not narrow this panel.
          queries: [{ expr: `sum(${rate(m('gatewayShed'))})`, legend: 'shed' }],
        },
      ],
    },
  ],
};
