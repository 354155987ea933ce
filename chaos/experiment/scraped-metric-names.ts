/**
 * Series a run's Prometheus holds besides the fleet's own telemetry (whose names come from the
 * contract file, target-services/contracts/telemetry-names.json): the scrape itself, the OTel
 * exporter's resource series, the fault proxy's counters (Toxiproxy's names) and RabbitMQ's
 * plugin. A query naming one of these is not warned about.
 */
export const SCRAPED_METRIC_NAMES: readonly string[] = [
  // Prometheus, per scraped target and for alerting rules.
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'ALERTS',
  'ALERTS_FOR_STATE',
  // The OpenTelemetry Prometheus exporter: one series of resource attributes per service.
  'target_info',
  // The fault proxy (job `proxy`), with Toxiproxy's metric names.
  'toxiproxy_proxy_received_bytes_total',
  'toxiproxy_proxy_sent_bytes_total',
  'toxiproxy_build_info',
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_heap_used_bytes',
];

/** Name prefixes of whole families scraped from outside the fleet: RabbitMQ's prometheus plugin. */
export const SCRAPED_METRIC_PREFIXES: readonly string[] = ['rabbitmq_'];
