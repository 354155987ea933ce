import assert from 'node:assert/strict';
import { FaultlineError } from '../errors.js';
import { knownTags, selectEntries } from './select-entries.js';
import type { SuiteEntry } from './suite-entry.js';

const entry = (id: string, tags: string[], weightMs = 60_000): SuiteEntry => ({
  id,
  file: `experiments/${id}.yaml`,
  title: id,
  tags,
  weightMs,
  expect: 'pass',
});

const CATALOG = [
  entry('psp-outage', ['network', 'smoke']),
  entry('broker-restart', ['broker']),
  entry('breaker-off', ['network', 'pattern-off']),
  entry('payment-kill', ['process']),
];

describe('suite selection by tags', function () {
  const cases: { name: string; tags: string[]; exclude: string[]; want: string[] }[] = [
    {
      name: 'selects everything without filters',
      tags: [],
      exclude: [],
      want: ['breaker-off', 'broker-restart', 'payment-kill', 'psp-outage'],
    },
    {
      name: 'keeps entries with any of the tags',
      tags: ['smoke', 'process'],
      exclude: [],
      want: ['payment-kill', 'psp-outage'],
    },
    {
      name: 'drops entries with an excluded tag',
      tags: ['network'],
      exclude: ['pattern-off'],
      want: ['psp-outage'],
    },
    {
      name: 'excludes without including',
      tags: [],
      exclude: ['network'],
      want: ['broker-restart', 'payment-kill'],
    },
  ];
  for (const c of cases)
    it(c.name, function () {
      const ids = selectEntries(CATALOG, { tags: c.tags, excludeTags: c.exclude }).map((e) => e.id);
      assert.deepEqual(ids, c.want);
    });

  it('rejects an unknown tag and lists the known ones', function () {
    assert.throws(
      () => selectEntries(CATALOG, { tags: ['smok'], excludeTags: [] }),
      (err: unknown) =>
        err instanceof FaultlineError &&
        err.code === 'ERR_INPUT_SUITE_TAG' &&
        err.message.includes('`smok`') &&
        err.message.includes('known tags: broker, network, pattern-off, process, smoke'),
    );
  });

  it('rejects an unknown excluded tag too', function () {
    assert.throws(
      () => selectEntries(CATALOG, { tags: [], excludeTags: ['nope'] }),
      /ERR_INPUT_SUITE_TAG|unknown tag/,
    );
  });

  it('refuses two files with the same experiment id', function () {
    const twin = { ...entry('psp-outage', ['smoke']), file: 'other/psp-outage.yaml' };
    assert.throws(
      () => selectEntries([...CATALOG, twin], { tags: [], excludeTags: [] }),
      /same experiment id `psp-outage`/,
    );
  });

  it('refuses a filter that selects nothing', function () {
    assert.throws(
      () => selectEntries(CATALOG, { tags: ['smoke'], excludeTags: ['network'] }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_SUITE_EMPTY',
    );
  });

  it('lists the known tags sorted and unique', function () {
    assert.deepEqual(knownTags(CATALOG), ['broker', 'network', 'pattern-off', 'process', 'smoke']);
  });
});
