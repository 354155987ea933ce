import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkCollectorConfig, type ComponentCatalog } from './check-config.js';

const catalog = JSON.parse(
  readFileSync('otel-collector/components-0.136.0.json', 'utf8'),
) as ComponentCatalog & {
  version: string;
};
const config = () => parse(readFileSync('otel-collector/config.yaml', 'utf8')) as Record<string, unknown>;

describe('the Collector config', () => {
  it('has no problems against the pinned contrib version', () => {
    assert.deepEqual(checkCollectorConfig(config(), catalog), []);
  });

  it('is checked against the same contrib version that .env pins', () => {
    const env = readFileSync('.env', 'utf8');
    assert.match(
      env,
      new RegExp(`^OTELCOL_IMAGE=otel/opentelemetry-collector-contrib:${catalog.version}$`, 'm'),
    );
  });

  it('puts span-metric histogram edges on every SLO threshold of prometheus/slos.yaml', () => {
    const toSeconds = (d: string) =>
      d.endsWith('ms') ? Number(d.slice(0, -2)) / 1000 : Number(d.slice(0, -1));
    const connectors = config()['connectors'] as {
      spanmetrics: { histogram: { explicit: { buckets: string[] } } };
    };
    const edges = connectors.spanmetrics.histogram.explicit.buckets.map(toSeconds);
    const thresholds = [...readFileSync('prometheus/slos.yaml', 'utf8').matchAll(/le=~?"([0-9.]+)/g)].map(
      (x) => Number(x[1]),
    );
    assert.ok(thresholds.length >= 2, 'slos.yaml has latency thresholds');
    for (const t of thresholds) assert.ok(edges.includes(t), `no span-metrics bucket edge at ${t} s`);
  });

  it('reports a pipeline that references an undefined exporter', () => {
    const c = config();
    const service = c['service'] as { pipelines: Record<string, { exporters: string[] }> };
    service.pipelines['traces']!.exporters.push('otlp/nowhere');
    assert.deepEqual(checkCollectorConfig(c, catalog), [
      'pipeline traces uses undefined exporter otlp/nowhere',
    ]);
  });

  it('reports a component type the pinned version does not have', () => {
    const c = config();
    (c['processors'] as Record<string, unknown>)['groupbymagic'] = {};
    assert.match(checkCollectorConfig(c, catalog).join('\n'), /processors\.groupbymagic: type groupbymagic/);
  });

  it('reports a connector used only on one side', () => {
    const c = config();
    const service = c['service'] as { pipelines: Record<string, { receivers: string[] }> };
    service.pipelines['metrics/traces']!.receivers = ['spanmetrics'];
    assert.deepEqual(checkCollectorConfig(c, catalog), [
      'connector servicegraph must be an exporter in one pipeline and a receiver in another',
    ]);
  });
});
