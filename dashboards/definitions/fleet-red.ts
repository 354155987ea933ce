import { type DashboardSpec, m, quantile, rate } from '../model.js';

const srv = m('httpServerDuration');
const sel = '{job=~"$job", http_route=~"$route"}';
const by = 'job, http_route';
const all = `sum by (${by}) (${rate(`${srv}_count`, sel)})`;
const fivexx = `sum by (${by}) (${rate(`${srv}_count`, '{job=~"$job", http_route=~"$route", http_response_status_code=~"5.."}')})`;

/** Rate, errors, duration per service and route (inbound HTTP, from each service's /metrics). */
export const fleetRed: DashboardSpec = {
  uid: 'faultline-fleet-red',
  title: 'Faultline / Fleet RED',
  question: 'Is any service or route slow or failing right now?',
  tags: ['faultline'],
  annotationTags: ['faultline-fault'],
  variables: [
    { name: 'job', label: 'Service', query: `label_values(${srv}_count, job)` },
    { name: 'route', label: 'Route', query: `label_values(${srv}_count{job=~"$job"}, http_route)` },
  ],
  rows: [
    {
      title: 'Rate and errors',
      panels: [
        {
          title: 'Request rate',
          description: 'Inbound requests per second by service and route.',
          kind: 'timeseries',
          unit: 'reqps',
          queries: [
            { expr: `sum by (${by}) (${rate(`${srv}_count`, sel)})`, legend: '{{job}} {{http_route}}' },
          ],
        },
        {
          title: '5xx share',
          description: 'Share of inbound requests answered with a 5xx.',
          kind: 'timeseries',
          unit: 'percentunit',
          queries: [
            {
              // `or … * 0` keeps routes without any 5xx at 0 instead of dropping them.
              expr: `(${fivexx} or ${all} * 0) / ${all}`,
              legend: '{{job}} {{http_route}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Duration',
      panels: [
        {
          title: 'p50 / p99 duration',
          description: 'Inbound request duration percentiles by service and route.',
          kind: 'timeseries',
          unit: 's',
          queries: [
            { expr: quantile(0.5, srv, sel, by), legend: 'p50 {{job}} {{http_route}}' },
            { expr: quantile(0.99, srv, sel, by), legend: 'p99 {{job}} {{http_route}}' },
          ],
        },
        {
          title: 'Responses by status code',
          description: 'Inbound responses per second by status code.',
          kind: 'timeseries',
          unit: 'reqps',
          queries: [
            {
              expr: `sum by (job, http_response_status_code) (${rate(`${srv}_count`, sel)})`,
              legend: '{{job}} {{http_response_status_code}}',
            },
          ],
        },
      ],
    },
  ],
};
