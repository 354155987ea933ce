import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TELEMETRY_NAMES_JSON, telemetryNamesDocument } from './telemetry-names-json.js';
import { METRICS } from './telemetry-names.js';

// Tests run from dist/; the committed file sits at the same relative place in the repository.
const file = fileURLToPath(new URL(`../../../${TELEMETRY_NAMES_JSON}`, import.meta.url));

describe('the generated telemetry-names.json', () => {
  it('matches the registry (regenerate with node dist/scripts/generate-telemetry-names.js)', () => {
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), telemetryNamesDocument());
  });

  it('lists every histogram with its _bucket, _sum and _count series', () => {
    const doc = telemetryNamesDocument();
    const saga = doc.metrics.find((m) => m.name === METRICS.sagaDuration.prometheus);
    assert.deepEqual(saga?.series, ['saga_duration_bucket', 'saga_duration_sum', 'saga_duration_count']);
    assert.equal(doc.metrics.length, Object.keys(METRICS).length);
  });
});
