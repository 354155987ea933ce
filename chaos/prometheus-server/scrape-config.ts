import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import { stringify } from 'yaml';
import { FaultlineError } from '../errors.js';

/** One scrape job: Prometheus' `job` label is `job`; `address` is `host:port` on loopback. */
export interface ScrapeTarget {
  job: string;
  address: string;
  /** Default `/metrics`. */
  metricsPath?: string;
}

/** Options of the generated config. */
export interface ScrapeConfigOptions {
  targets: readonly ScrapeTarget[];
  /** Scrape and rule-evaluation interval in ms; default 1 000 (short runs). */
  intervalMs?: number;
  /** Recording/alerting rule files, as absolute paths (`rule_files:`); default none. */
  ruleFiles?: readonly string[];
}

/** Where the fleet's metrics live, for `fleetScrapeTargets`. */
export interface FleetEndpoints {
  /** Each fleet service by name with the loopback `host:port` serving its `/metrics`. */
  services: ReadonlyArray<{ name: string; address: string }>;
  /** The rabbitmq_prometheus plugin's endpoint; default `127.0.0.1:15692`; `null` to skip. */
  rabbitmq?: string | null;
  /** The fault proxy's API `host:port` (it serves `/metrics`); omitted to skip. */
  proxy?: string;
}

const JOB_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

/** The standard targets of a run: each service (job = service name), RabbitMQ and the proxy. */
export function fleetScrapeTargets(fleet: FleetEndpoints): ScrapeTarget[] {
  const targets: ScrapeTarget[] = fleet.services.map((s) => ({ job: s.name, address: s.address }));
  const rabbitmq = fleet.rabbitmq === undefined ? '127.0.0.1:15692' : fleet.rabbitmq;
  if (rabbitmq !== null) targets.push({ job: 'rabbitmq', address: rabbitmq });
  if (fleet.proxy !== undefined) targets.push({ job: 'faultline-proxy', address: fleet.proxy });
  return targets;
}

/**
 * Renders a Prometheus config (YAML) that scrapes `targets` every `intervalMs`. The scrape
 * timeout equals the interval, since Prometheus refuses a timeout longer than the interval.
 *
 * @throws FaultlineError `ERR_INPUT_PROMETHEUS_TARGET` for a duplicate or invalid job name, or an
 *   address that is not `host:port` on 127.0.0.0/8 (Faultline only sends traffic to loopback);
 *   `ERR_INPUT_PROMETHEUS_RULE_FILE` for a rule file path that is not absolute (Prometheus would
 *   resolve it against the temp folder of its config).
 */
export function renderScrapeConfig(options: ScrapeConfigOptions): string {
  const interval = formatDuration(options.intervalMs ?? 1000);
  const seen = new Set<string>();
  const scrapeConfigs = options.targets.map((target) => {
    validateTarget(target, seen);
    return {
      job_name: target.job,
      metrics_path: target.metricsPath ?? '/metrics',
      static_configs: [{ targets: [target.address] }],
    };
  });
  const ruleFiles = (options.ruleFiles ?? []).map(validateRuleFile);
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    ...(ruleFiles.length > 0 ? { rule_files: ruleFiles } : {}),
    scrape_configs: scrapeConfigs,
  };
  return stringify(config);
}

function validateTarget(target: ScrapeTarget, seen: Set<string>): void {
  const bad = (why: string): never => {
    throw new FaultlineError(
      'ERR_INPUT_PROMETHEUS_TARGET',
      `scrape target ${target.job} (${target.address}): ${why}`,
    );
  };
  if (!JOB_NAME.test(target.job)) bad('job names are letters, digits, `_` and `-`');
  if (seen.has(target.job)) bad('duplicate job name');
  seen.add(target.job);
  const match = /^([^:]+):(\d{1,5})$/.exec(target.address);
  if (match === null || Number(match[2]) > 65535) bad('expected host:port');
  const host = match![1]!;
  if (!(host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.'))))
    bad('only 127.0.0.0/8 or localhost');
}

function validateRuleFile(path: string): string {
  if (!isAbsolute(path) || /[\n\r]/.test(path)) {
    throw new FaultlineError(
      'ERR_INPUT_PROMETHEUS_RULE_FILE',
      `rule file ${JSON.stringify(path)}: expected an absolute path`,
    );
  }
  return path;
}

/** Prometheus duration text: `1s`, `250ms`. */
function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new FaultlineError(
      'ERR_INPUT_PROMETHEUS_INTERVAL',
      `scrape interval must be a positive whole number of ms, got ${ms}`,
    );
  }
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
