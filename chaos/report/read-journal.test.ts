import assert from 'node:assert/strict';
import { sampleJournal } from './fixtures/sample-journal.js';
import { parseJournal } from './read-journal.js';

describe('parseJournal', function () {
  it('round-trips a journal through JSON', function () {
    const journal = sampleJournal();
    assert.deepEqual(parseJournal(JSON.stringify(journal), 'j.json'), journal);
  });

  it('rejects invalid JSON, unknown versions and missing fields as input errors', function () {
    const code = (text: string): unknown => {
      try {
        parseJournal(text, 'j.json');
        return 'parsed';
      } catch (err) {
        return [(err as { code: string }).code, (err as Error).message];
      }
    };
    assert.deepEqual(code('{'), ['ERR_INPUT_JOURNAL', 'j.json is not valid JSON']);
    assert.deepEqual(code('{"schemaVersion":2}'), [
      'ERR_INPUT_JOURNAL',
      'j.json: unsupported journal schemaVersion 2 (expected 1)',
    ]);
    const { checks: _checks, ...rest } = sampleJournal();
    assert.deepEqual(code(JSON.stringify(rest)), ['ERR_INPUT_JOURNAL', 'j.json: missing checks']);
  });
});
