import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT_CODES } from '../exit-codes.js';
import { FAULT_KINDS, TOXIC_ATTRIBUTES, TOXIC_TYPES } from '../faults/fault-spec.js';
import { experimentJsonSchema } from './json-schema.js';

const DOC = readFileSync(fileURLToPath(new URL('../../../docs/experiments.md', import.meta.url)), 'utf8');

/** Every property name anywhere in a JSON Schema. */
function propertyNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => propertyNames(n, out));
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    const properties = record['properties'];
    if (typeof properties === 'object' && properties !== null)
      Object.keys(properties).forEach((k) => out.add(k));
    Object.values(record).forEach((v) => propertyNames(v, out));
  }
  return out;
}

describe('docs/experiments.md', function () {
  it('documents every key of the experiment schema', function () {
    const missing = [...propertyNames(experimentJsonSchema())].filter((k) => !DOC.includes(`\`${k}\``));
    assert.deepEqual(missing, []);
  });

  it('documents every fault kind, toxic type and toxic attribute', function () {
    const names = [
      ...FAULT_KINDS,
      ...TOXIC_TYPES,
      ...TOXIC_TYPES.flatMap((t) => Object.keys(TOXIC_ATTRIBUTES[t])),
    ];
    assert.deepEqual(
      names.filter((k) => !DOC.includes(`\`${k}\``)),
      [],
    );
  });

  it('has the exit-code table of chaos/exit-codes.ts', function () {
    for (const row of EXIT_CODES)
      assert.ok(DOC.includes(`| ${row.code} | ${row.name} | ${row.meaning} |`), row.name);
  });
});
