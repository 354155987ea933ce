import { trace, type Attributes } from '@opentelemetry/api';
import { CircuitState } from 'cockatiel';
import { ATTRIBUTES, EVENTS } from '../../contracts/telemetry-names.js';
import type { Logger } from '../logger.js';
import type { Recorder } from '../telemetry/metrics.js';

/** What the outbound policy reports; each call adds a span event and/or a metric point. */
export interface PatternTelemetry {
  retry(attempt: number, delayMs: number): void;
  timeout(): void;
  breakerRejected(): void;
  breakerState(state: CircuitState): void;
  bulkheadRejected(): void;
}

/** Gauge value of a breaker state: 0 closed, 1 open (also isolated), 2 half-open. */
export function breakerGaugeValue(state: CircuitState): number {
  switch (state) {
    case CircuitState.Closed:
      return 0;
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 1;
    case CircuitState.HalfOpen:
      return 2;
  }
}

/**
 * Telemetry of one downstream's policy. Span events go on the caller's active span (the consumer
 * span of a saga command, the server span of a gateway request). Never throws.
 */
export function patternTelemetry(downstream: string, recorder: Recorder, logger: Logger): PatternTelemetry {
  const attrs = { [ATTRIBUTES.downstream]: downstream };
  const event = (name: string, extra: Attributes = {}): void => {
    try {
      trace.getActiveSpan()?.addEvent(name, { ...attrs, ...extra });
    } catch {
      // telemetry never breaks the call path
    }
  };
  // Export every series from the start (counters at 0, breaker closed), so dashboards and PromQL
  // checks see "nothing happened" as 0 rather than as a missing series.
  for (const counter of ['retries', 'timeouts', 'breakerRejections', 'bulkheadRejections'] as const)
    recorder.add(counter, 0, attrs);
  recorder.record('breakerState', breakerGaugeValue(CircuitState.Closed), attrs);
  return {
    retry: (attempt, delayMs) => {
      event(EVENTS.retry, { [ATTRIBUTES.retryAttempt]: attempt, [ATTRIBUTES.retryDelayMs]: delayMs });
      recorder.add('retries', 1, attrs);
    },
    timeout: () => {
      event(EVENTS.timeout);
      recorder.add('timeouts', 1, attrs);
    },
    breakerRejected: () => {
      event(EVENTS.breakerRejected);
      recorder.add('breakerRejections', 1, attrs);
    },
    breakerState: (state) => {
      const value = breakerGaugeValue(state);
      event(EVENTS.breakerStateChange, { [ATTRIBUTES.breakerState]: value });
      recorder.record('breakerState', value, attrs);
      logger.warn({ downstream, state: CircuitState[state] }, 'circuit breaker state changed');
    },
    bulkheadRejected: () => {
      event(EVENTS.bulkheadRejected);
      recorder.add('bulkheadRejections', 1, attrs);
    },
  };
}
