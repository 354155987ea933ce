import { strict as assert } from 'node:assert';
import type { Attributes } from '@opentelemetry/api';
import { FAILURE_REASONS } from '../contracts/messages.js';
import type { Recorder } from '../platform/telemetry/metrics.js';
import { startOutcomeSeries } from './saga-effects.js';

describe('the saga-outcome series at start', () => {
  it('exist at 0 for completed and for every reason a saga compensates', () => {
    const added: { key: string; value: number; attributes?: Attributes }[] = [];
    const recorder: Recorder = {
      add: (key, value, attributes) => added.push({ key, value, attributes }),
      record: () => assert.fail('no histogram at start'),
    };
    startOutcomeSeries(recorder);
    assert.ok(added.every((a) => a.key === 'sagaOutcomes' && a.value === 0));
    assert.deepEqual(
      added.map((a) => `${String(a.attributes?.['saga.outcome'])}/${String(a.attributes?.['saga.reason'])}`),
      ['completed/none', ...FAILURE_REASONS.map((r) => `compensated/${r}`)],
    );
  });
});
