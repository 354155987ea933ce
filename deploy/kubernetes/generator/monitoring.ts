/**
 * Scraping and rules for the stack's own Prometheus (prometheus.ts), which selects them by the part-of label every
 * generated object carries: ServiceMonitors that reproduce prometheus/prometheus.yml's jobs
 * (the job label is what the SLO rules and dashboards select on), and one PrometheusRule carrying every group of
 * prometheus/rules/ unchanged.
 */
import { BROKER, LABELS, TOXIPROXY } from '../../../chaos/kubernetes/contract.js';
import type { PrometheusRule, ServiceMonitor } from './custom-resources.js';
import { meta } from './meta.js';
import { COLLECTOR, TEMPO } from './names.js';
import type { RuleGroup } from './sources.js';

const monitor = (
  name: string,
  matchLabels: Record<string, string>,
  endpoints: ServiceMonitor['spec']['endpoints'],
): ServiceMonitor => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: meta(name, 'observability'),
  spec: { selector: { matchLabels }, endpoints },
});

const job = (name: string) => [{ action: 'replace' as const, targetLabel: 'job', replacement: name }];

/** The ServiceMonitors. The job label of a Service's targets defaults to the Service name (gateway, order, ...). */
export function serviceMonitors(): ServiceMonitor[] {
  return [
    monitor('faultline-fleet', { [LABELS.component]: 'fleet' }, [
      { port: 'http', path: '/metrics', interval: '15s' },
    ]),
    // -proxy-metrics -runtime-metrics on the admin port.
    monitor(TOXIPROXY.name, { [LABELS.name]: TOXIPROXY.name }, [
      { port: 'admin', path: '/metrics', interval: '15s' },
    ]),
    // rabbitmq_prometheus, per-object so queue depth is per queue; the operator labels its Service with the cluster name.
    monitor(BROKER.name, { [LABELS.name]: BROKER.name }, [
      { port: 'prometheus', path: '/metrics/per-object', interval: '15s', relabelings: job('rabbitmq') },
    ]),
    // Span metrics carry the emitting service as `job` (honorLabels), as in compose.
    monitor(COLLECTOR.name, { [LABELS.name]: COLLECTOR.name }, [
      {
        port: 'spanmetrics',
        interval: '15s',
        honorLabels: true,
        relabelings: job('otel-collector-spanmetrics'),
      },
      { port: 'metrics', interval: '15s' },
    ]),
    monitor(TEMPO.name, { [LABELS.name]: TEMPO.name }, [{ port: 'http', path: '/metrics', interval: '15s' }]),
  ];
}

/** One PrometheusRule with every recording, alerting and SLO rule group of prometheus/rules/. */
export function prometheusRule(groups: readonly RuleGroup[]): PrometheusRule {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: meta('faultline-slo', 'observability'),
    spec: { groups: groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r })) })) },
  };
}
