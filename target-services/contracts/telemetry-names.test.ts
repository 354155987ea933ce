import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGE_TYPES } from './messages.js';
import { ATTRIBUTES, METRICS, SPANS } from './telemetry-names.js';

// Tests run from dist/; the sources sit at the same relative place in the repository.
const root = fileURLToPath(new URL('../../../target-services/', import.meta.url));
/** Semantic-convention namespaces used as-is (owned by OpenTelemetry, not by this registry). */
const SEMCONV = /^(http|messaging|db|server|network|url|service)\./;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'telemetry-names.ts' ? [path] : [];
  });
}

describe('the telemetry name registry', () => {
  // Message types (`payment.authorize`) share the dotted shape; they are wire names, not telemetry.
  const registered = new Set<string>([
    ...MESSAGE_TYPES,
    ...Object.values(SPANS),
    ...Object.values(ATTRIBUTES),
    ...Object.values(METRICS).flatMap((m) => [m.instrument, ...m.labels]),
  ]);

  it('covers every attribute key and instrument name the fleet code spells out', () => {
    const unregistered: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      // Attribute keys written as literals: `'a.b': value` in an object, setAttribute('a.b', …),
      // and instruments created by literal name.
      const patterns = [
        /'([a-z_]+(?:\.[a-z_]+)+)'\s*:/g,
        /setAttributes?\(\s*'([a-z_.]+)'/g,
        /create(?:Counter|Histogram|Gauge|UpDownCounter)\(\s*'([a-z_.]+)'/g,
      ];
      for (const re of patterns)
        for (const m of text.matchAll(re))
          if (!registered.has(m[1]!) && !SEMCONV.test(m[1]!)) unregistered.push(`${file}: ${m[1]}`);
    }
    assert.deepEqual(unregistered, []);
  });

  it('gives every metric a Prometheus name the exporter really produces', () => {
    for (const m of Object.values(METRICS)) {
      const base = m.instrument.replace(/\./g, '_');
      assert.equal(m.prometheus, m.kind === 'counter' ? `${base}_total` : base, m.instrument);
    }
  });

  it('keeps custom attributes in their own namespaces', () => {
    for (const a of Object.values(ATTRIBUTES)) assert.match(a, /^(saga|order|resilience)\.|^downstream$/);
  });
});
