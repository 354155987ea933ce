import { type DashboardSpec, m, quantile, rate } from '../model.js';

const outcomes = m('sagaOutcomes');
const ttc = m('sagaTimeToConsistency');

/** Saga outcomes, compensations, time to consistency and in-flight sagas (order service). */
export const sagaHealth: DashboardSpec = {
  uid: 'faultline-saga-health',
  title: 'Faultline / Saga health',
  question: 'Do orders reach a consistent end state, how often by compensation, and how fast?',
  tags: ['faultline'],
  annotationTags: ['faultline-fault'],
  variables: [],
  rows: [
    {
      title: 'Outcomes',
      panels: [
        {
          title: 'Saga outcomes',
          description: 'Sagas reaching a terminal state per second, by outcome.',
          kind: 'timeseries',
          unit: 'ops',
          queries: [{ expr: `sum by (saga_outcome) (${rate(outcomes)})`, legend: '{{saga_outcome}}' }],
        },
        {
          title: 'Compensation ratio',
          description: 'Share of terminal sagas that were compensated.',
          kind: 'stat',
          unit: 'percentunit',
          queries: [
            { expr: `sum(${rate(outcomes, '{saga_outcome="compensated"}')}) / sum(${rate(outcomes)})` },
          ],
        },
        {
          title: 'Compensations by step',
          description: 'Compensation steps executed per second, by the step they undo.',
          kind: 'timeseries',
          unit: 'ops',
          queries: [
            { expr: `sum by (saga_step) (${rate(m('sagaCompensations'))})`, legend: '{{saga_step}}' },
          ],
        },
      ],
    },
    {
      title: 'Consistency',
      panels: [
        {
          title: 'Time to consistency',
          description: 'Order accepted (202) to terminal state: p50, p95, p99.',
          kind: 'timeseries',
          unit: 's',
          queries: [0.5, 0.95, 0.99].map((q) => ({ expr: quantile(q, ttc, '', ''), legend: `p${q * 100}` })),
        },
        {
          title: 'Sagas in flight',
          description: 'Sagas started and not yet terminal.',
          kind: 'timeseries',
          unit: 'short',
          queries: [{ expr: `sum(${m('sagaInFlight')})`, legend: 'in flight' }],
        },
        {
          title: 'Stuck sagas',
          description:
            'Sagas in flight while none reached a terminal state in the last 5 minutes (0 otherwise).',
          kind: 'stat',
          unit: 'short',
          queries: [{ expr: `sum(${m('sagaInFlight')}) * on() (sum(increase(${outcomes}[5m])) == bool 0)` }],
        },
      ],
    },
  ],
};
