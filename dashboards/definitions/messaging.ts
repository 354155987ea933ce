import { type DashboardSpec, m, quantile, rate } from '../model.js';

const consumed = m('messagingProcessed');

/** Broker and client messaging health: RabbitMQ (rabbitmq_prometheus per-object) and the fleet's clients. */
export const messaging: DashboardSpec = {
  uid: 'faultline-messaging',
  title: 'Faultline / Messaging',
  question: 'Are messages flowing, backing up, being redelivered or dead-lettered?',
  tags: ['faultline'],
  annotationTags: ['faultline-fault'],
  variables: [{ name: 'queue', label: 'Queue', query: 'label_values(rabbitmq_queue_messages_ready, queue)' }],
  rows: [
    {
      title: 'Broker',
      panels: [
        {
          title: 'Queue depth',
          description: 'Messages ready and unacknowledged per queue (rabbitmq_prometheus).',
          kind: 'timeseries',
          unit: 'short',
          queries: [
            {
              expr: 'sum by (queue) (rabbitmq_queue_messages_ready{queue=~"$queue"})',
              legend: 'ready {{queue}}',
            },
            {
              expr: 'sum by (queue) (rabbitmq_queue_messages_unacked{queue=~"$queue"})',
              legend: 'unacked {{queue}}',
            },
          ],
        },
        {
          title: 'Consumers',
          description: 'Consumers attached per queue.',
          kind: 'timeseries',
          unit: 'short',
          queries: [
            { expr: 'sum by (queue) (rabbitmq_queue_consumers{queue=~"$queue"})', legend: '{{queue}}' },
          ],
        },
        {
          title: 'Dead-letter queue growth',
          description: 'Change in depth of the *.dlq queues over 5 minutes.',
          kind: 'timeseries',
          unit: 'short',
          queries: [
            {
              expr: 'sum by (queue) (delta(rabbitmq_queue_messages{queue=~".+\\\\.dlq"}[5m]))',
              legend: '{{queue}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Clients',
      panels: [
        {
          title: 'Publish to confirm latency',
          description: 'Outbox relay publish to broker confirm: p50 and p99 per service.',
          kind: 'timeseries',
          unit: 's',
          queries: [
            { expr: quantile(0.5, m('outboxPublishDuration'), '', 'job'), legend: 'p50 {{job}}' },
            { expr: quantile(0.99, m('outboxPublishDuration'), '', 'job'), legend: 'p99 {{job}}' },
          ],
        },
        {
          title: 'Deliveries by outcome',
          description:
            'Deliveries handled per second by outcome; retry = redelivery, dead_letter = given up.',
          kind: 'timeseries',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (job, messaging_outcome) (${rate(consumed)})`,
              legend: '{{job}} {{messaging_outcome}}',
            },
          ],
        },
        {
          title: 'Redeliveries and dead letters',
          description: 'Retried and dead-lettered deliveries per second by destination.',
          kind: 'timeseries',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (messaging_destination_name, messaging_outcome) (${rate(consumed, '{messaging_outcome=~"retry|dead_letter"}')})`,
              legend: '{{messaging_destination_name}} {{messaging_outcome}}',
            },
          ],
        },
        {
          title: 'Outbox pending',
          description: 'Outbox rows not yet confirmed by the broker, per service.',
          kind: 'timeseries',
          unit: 'short',
          queries: [{ expr: `sum by (job) (${m('outboxPending')})`, legend: '{{job}}' }],
        },
        {
          title: 'Broker reconnects',
          description: 'Reconnections after a lost broker connection, per service, over 5 minutes.',
          kind: 'timeseries',
          unit: 'short',
          queries: [{ expr: `sum by (job) (increase(${m('amqpReconnects')}[5m]))`, legend: '{{job}}' }],
        },
      ],
    },
  ],
};
