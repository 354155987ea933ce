/**
 * The one registry of custom telemetry names: metric instruments (with the series name the OTel
 * Prometheus exporter 0.223 exposes for them; it adds `_total` to counters and no unit suffix) and
 * custom span attributes. Dashboards, SLO rules and assertions read names from here; a test checks
 * the code against it. Standard OpenTelemetry semantic-convention names (http.*, messaging.*,
 * db.*) are used as-is and listed only when a dashboard or rule depends on them.
 *
 * Every series is scraped per service; Prometheus' `job` label is the service name
 * (gateway, order, payment, inventory, shipping, psp, carrier).
 */
export interface MetricName {
  /** OpenTelemetry instrument name. */
  instrument: string;
  kind: 'counter' | 'histogram' | 'gauge' | 'updowncounter';
  /** UCUM unit passed to the instrument (`s`, `By`, `{order}`). */
  unit: string;
  /** Series base name in Prometheus (histograms add _bucket/_sum/_count). */
  prometheus: string;
  /** Attribute keys (Prometheus labels after `.` → `_`). */
  labels: readonly string[];
  description: string;
}

export const METRICS = {
  httpServerDuration: {
    instrument: 'http.server.request.duration',
    kind: 'histogram',
    unit: 's',
    prometheus: 'http_server_request_duration',
    labels: ['http.request.method', 'http.route', 'http.response.status_code'],
    description: 'Inbound HTTP request duration (stable semconv, from the http instrumentation).',
  },
  httpClientDuration: {
    instrument: 'http.client.request.duration',
    kind: 'histogram',
    unit: 's',
    prometheus: 'http_client_request_duration',
    labels: ['http.request.method', 'server.address', 'http.response.status_code'],
    description: 'Outbound HTTP request duration (stable semconv, from the http instrumentation).',
  },
  sagaOutcomes: {
    instrument: 'saga.outcomes',
    kind: 'counter',
    unit: '{saga}',
    prometheus: 'saga_outcomes_total',
    labels: ['saga.outcome', 'saga.reason'],
    description: 'Sagas that reached a terminal state, by outcome (completed | compensated).',
  },
  sagaDuration: {
    instrument: 'saga.duration',
    kind: 'histogram',
    unit: 's',
    prometheus: 'saga_duration',
    labels: ['saga.outcome'],
    description: 'Saga start to terminal state.',
  },
  sagaInFlight: {
    instrument: 'saga.in_flight',
    kind: 'updowncounter',
    unit: '{saga}',
    prometheus: 'saga_in_flight',
    labels: [],
    description: 'Sagas started and not yet terminal.',
  },
  sagaCompensations: {
    instrument: 'saga.compensations',
    kind: 'counter',
    unit: '{compensation}',
    prometheus: 'saga_compensations_total',
    labels: ['saga.step'],
    description: 'Compensation steps executed, by the step they undo.',
  },
  sagaTimeToConsistency: {
    instrument: 'saga.time_to_consistency',
    kind: 'histogram',
    unit: 's',
    prometheus: 'saga_time_to_consistency',
    labels: ['saga.outcome'],
    description: 'Order accepted (HTTP 202) to terminal state.',
  },
  messagingPublished: {
    instrument: 'messaging.client.sent.messages',
    kind: 'counter',
    unit: '{message}',
    prometheus: 'messaging_client_sent_messages_total',
    labels: ['messaging.destination.name'],
    description: 'Messages published and confirmed by the broker.',
  },
  messagingProcessed: {
    instrument: 'messaging.client.consumed.messages',
    kind: 'counter',
    unit: '{message}',
    prometheus: 'messaging_client_consumed_messages_total',
    labels: ['messaging.destination.name', 'messaging.outcome'],
    description: 'Deliveries handled, by outcome (ack | retry | dead_letter | duplicate).',
  },
  messagingProcessDuration: {
    instrument: 'messaging.process.duration',
    kind: 'histogram',
    unit: 's',
    prometheus: 'messaging_process_duration',
    labels: ['messaging.destination.name'],
    description: 'Time to handle one delivery, from receive to ack/retry/dead-letter.',
  },
  outboxPublishDuration: {
    instrument: 'outbox.publish.duration',
    kind: 'histogram',
    unit: 's',
    prometheus: 'outbox_publish_duration',
    labels: [],
    description: 'Outbox relay publish to broker confirm.',
  },
  outboxPending: {
    instrument: 'outbox.pending',
    kind: 'gauge',
    unit: '{message}',
    prometheus: 'outbox_pending',
    labels: [],
    description: 'Outbox rows not yet confirmed by the broker.',
  },
  amqpReconnects: {
    instrument: 'amqp.reconnects',
    kind: 'counter',
    unit: '{reconnect}',
    prometheus: 'amqp_reconnects_total',
    labels: [],
    description: 'Broker reconnections after a lost connection.',
  },
  breakerState: {
    instrument: 'resilience.breaker.state',
    kind: 'gauge',
    unit: '1',
    prometheus: 'resilience_breaker_state',
    labels: ['downstream'],
    description: 'Circuit breaker state per downstream: 0 closed, 1 open, 2 half-open.',
  },
  retries: {
    instrument: 'resilience.retries',
    kind: 'counter',
    unit: '{retry}',
    prometheus: 'resilience_retries_total',
    labels: ['downstream'],
    description: 'Outbound call retries per downstream.',
  },
  timeouts: {
    instrument: 'resilience.timeouts',
    kind: 'counter',
    unit: '{timeout}',
    prometheus: 'resilience_timeouts_total',
    labels: ['downstream'],
    description: 'Outbound calls cut by the timeout policy.',
  },
  breakerRejections: {
    instrument: 'resilience.breaker.rejections',
    kind: 'counter',
    unit: '{rejection}',
    prometheus: 'resilience_breaker_rejections_total',
    labels: ['downstream'],
    description: 'Outbound calls failed fast because the breaker of their downstream was open.',
  },
  bulkheadRejections: {
    instrument: 'resilience.bulkhead.rejections',
    kind: 'counter',
    unit: '{rejection}',
    prometheus: 'resilience_bulkhead_rejections_total',
    labels: ['downstream'],
    description: 'Outbound calls rejected because the bulkhead and its queue were full.',
  },
  gatewayShed: {
    instrument: 'gateway.shed',
    kind: 'counter',
    unit: '{request}',
    prometheus: 'gateway_shed_total',
    labels: [],
    description:
      'New orders (POST /v1/orders) the gateway shed with 503 because the fleet could not finish them in time.',
  },
} as const satisfies Record<string, MetricName>;

/** Custom span attributes (manual saga spans and pattern events). */
export const ATTRIBUTES = {
  sagaId: 'saga.id',
  sagaStep: 'saga.step',
  sagaOutcome: 'saga.outcome',
  sagaReason: 'saga.reason',
  sagaCompensation: 'saga.compensation',
  orderId: 'order.id',
  downstream: 'downstream',
  retryAttempt: 'resilience.retry.attempt',
  retryDelayMs: 'resilience.retry.delay_ms',
  breakerState: 'resilience.breaker.state',
} as const;

/**
 * Span event names: those of the outbound resilience patterns, added to the caller's active span
 * with the `downstream` attribute (retries also carry the attempt number and the jittered delay),
 * and the participants' refusal of a command that came after its compensation.
 */
export const EVENTS = {
  retry: 'resilience.retry',
  timeout: 'resilience.timeout',
  breakerRejected: 'resilience.breaker.rejected',
  breakerStateChange: 'resilience.breaker.state_change',
  bulkheadRejected: 'resilience.bulkhead.rejected',
  /** A forward command refused because its order was already compensated here (`saga.step` = the command). */
  lateCommand: 'saga.late_command',
} as const;

/** Manual span names (prefixes; the command follows: `saga.step payment.authorize`). */
export const SPANS = {
  sagaStep: 'saga.step',
  sagaCompensate: 'saga.compensate',
} as const;
