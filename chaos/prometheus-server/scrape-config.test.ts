import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { FaultlineError } from '../errors.js';
import { fleetScrapeTargets, renderScrapeConfig, type ScrapeTarget } from './scrape-config.js';

describe('renderScrapeConfig', () => {
  it('scrapes every fleet service, RabbitMQ and the proxy with one job each', () => {
    const targets = fleetScrapeTargets({
      services: [
        { name: 'gateway', address: '127.0.0.1:9180' },
        { name: 'order', address: '127.0.0.1:9181' },
      ],
      proxy: '127.0.0.1:8474',
    });
    const config = parse(renderScrapeConfig({ targets })) as {
      global: Record<string, string>;
      scrape_configs: Array<{
        job_name: string;
        metrics_path: string;
        static_configs: Array<{ targets: string[] }>;
      }>;
    };
    assert.deepEqual(config.global, {
      scrape_interval: '1s',
      scrape_timeout: '1s',
      evaluation_interval: '1s',
    });
    assert.deepEqual(
      config.scrape_configs.map((c) => [c.job_name, c.metrics_path, c.static_configs[0]?.targets[0]]),
      [
        ['gateway', '/metrics', '127.0.0.1:9180'],
        ['order', '/metrics', '127.0.0.1:9181'],
        ['rabbitmq', '/metrics', '127.0.0.1:15692'],
        ['faultline-proxy', '/metrics', '127.0.0.1:8474'],
      ],
    );
  });

  it('can leave RabbitMQ out and write sub-second intervals in ms', () => {
    const targets = fleetScrapeTargets({ services: [], rabbitmq: null });
    const config = parse(renderScrapeConfig({ targets, intervalMs: 250 })) as {
      global: Record<string, string>;
      scrape_configs: unknown[];
    };
    assert.equal(config.global.scrape_interval, '250ms');
    assert.deepEqual(config.scrape_configs, []);
  });

  const invalid: Array<[string, ScrapeTarget[]]> = [
    ['a remote host', [{ job: 'x', address: '10.0.0.1:80' }]],
    ['a host name other than localhost', [{ job: 'x', address: 'example.com:80' }]],
    ['a missing port', [{ job: 'x', address: '127.0.0.1' }]],
    ['a port out of range', [{ job: 'x', address: '127.0.0.1:70000' }]],
    ['a job name with spaces', [{ job: 'my job', address: '127.0.0.1:80' }]],
    [
      'a duplicate job',
      [
        { job: 'x', address: '127.0.0.1:80' },
        { job: 'x', address: '127.0.0.1:81' },
      ],
    ],
  ];
  for (const [name, targets] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => renderScrapeConfig({ targets }),
        (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_PROMETHEUS_TARGET',
      );
    });
  }

  it('rejects a non-positive interval', () => {
    assert.throws(
      () => renderScrapeConfig({ targets: [], intervalMs: 0 }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_PROMETHEUS_INTERVAL',
    );
  });

  it('lists rule files under rule_files, and writes no rule_files without any', () => {
    const withRules = parse(
      renderScrapeConfig({ targets: [], ruleFiles: ['/repo/prometheus/rules/slo.rules.yml'] }),
    ) as { rule_files?: string[] };
    assert.deepEqual(withRules.rule_files, ['/repo/prometheus/rules/slo.rules.yml']);
    const without = parse(renderScrapeConfig({ targets: [] })) as { rule_files?: string[] };
    assert.equal(without.rule_files, undefined);
  });

  it('rejects a relative rule file path (Prometheus would resolve it against its temp folder)', () => {
    assert.throws(
      () => renderScrapeConfig({ targets: [], ruleFiles: ['prometheus/rules/slo.rules.yml'] }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_PROMETHEUS_RULE_FILE',
    );
  });
});
