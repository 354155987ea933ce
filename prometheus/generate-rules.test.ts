import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { METRICS } from '../target-services/contracts/telemetry-names.js';
import { RULES_FILE, SLO_FILE, renderRules } from './generate-rules.js';
import { parseOpenSlo } from './slo/openslo.js';

const sloText = () => readFileSync(SLO_FILE, 'utf8');
const KNOWN = new Set(
  Object.values(METRICS).flatMap((m) =>
    m.kind === 'histogram'
      ? [`${m.prometheus}_bucket`, `${m.prometheus}_count`, `${m.prometheus}_sum`]
      : [m.prometheus],
  ),
);

describe('the SLO rules generator', () => {
  it('produces exactly the committed rules file', async () => {
    assert.equal(
      readFileSync(RULES_FILE, 'utf8'),
      await renderRules(sloText()),
      'run npm run rules:generate',
    );
  });

  it('reads the four SLOs of the definition file', () => {
    const names = parseOpenSlo(sloText()).map((s) => s.name);
    assert.deepEqual(names, [
      'gateway-availability',
      'gateway-latency',
      'saga-success',
      'time-to-consistency',
    ]);
  });

  it('uses only series names from the telemetry registry', () => {
    for (const slo of parseOpenSlo(sloText())) {
      for (const q of [slo.badQuery, slo.goodQuery, slo.totalQuery].filter((x) => x !== undefined)) {
        const series = q.match(/[a-z_]+(?=\{)/g) ?? [];
        for (const s of series)
          assert.ok(KNOWN.has(s), `${slo.name} uses ${s}, which telemetry-names.ts does not register`);
      }
    }
  });

  it('rejects an SLO with both good and bad queries, naming the document', () => {
    const bad = sloText()
      .split('---')[0]!
      .replace(
        '        total:',
        '        good:\n          metricSource:\n            type: Prometheus\n            spec:\n              query: x[{{.window}}]\n        total:',
      );
    assert.throws(
      () => parseOpenSlo(bad),
      (e: Error & { code?: string }) => e.code === 'ERR_INPUT_SLO' && /document 1/.test(e.message),
    );
  });

  it('rejects an objective of 1 or more', () => {
    const bad = sloText().split('---')[0]!.replace('target: 0.999', 'target: 1.5');
    assert.throws(() => parseOpenSlo(bad), /objectives\.0\.target/);
  });
});
