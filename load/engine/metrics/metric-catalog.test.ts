import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXECUTORS, JOURNEYS, PHASES } from '../../profiles/profile.js';
import { METRIC_CATALOG } from './metric-catalog.js';

describe('docs/load.md', () => {
  const doc = readFileSync(join(process.cwd(), 'docs', 'load.md'), 'utf8');

  it('documents every metric the engine emits, with its type', () => {
    for (const [name, { type }] of Object.entries(METRIC_CATALOG)) {
      assert.match(
        doc,
        new RegExp(`\\| \`${name}\` \\| ${type} \\|`),
        `${name} (${type}) missing from docs/load.md`,
      );
    }
  });

  it('documents every executor, journey and phase', () => {
    for (const name of [...EXECUTORS, ...JOURNEYS, ...PHASES])
      assert.ok(doc.includes(`\`${name}\``), `${name} missing`);
  });
});
