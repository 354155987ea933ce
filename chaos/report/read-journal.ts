import { readFile } from 'node:fs/promises';
import { FaultlineError } from '../errors.js';
import { JOURNAL_SCHEMA_VERSION, type Journal } from './journal.js';

const REQUIRED = [
  'runId',
  'startedAt',
  'experiment',
  'status',
  'phases',
  'faults',
  'load',
  'checks',
  'verdict',
];

/** Parses a journal's JSON text; input errors for malformed files and unknown versions. */
export function parseJournal(text: string, file: string): Journal {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FaultlineError('ERR_INPUT_JOURNAL', `${file} is not valid JSON`, { cause: err });
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (record['schemaVersion'] !== JOURNAL_SCHEMA_VERSION) {
    throw new FaultlineError(
      'ERR_INPUT_JOURNAL',
      `${file}: unsupported journal schemaVersion ${JSON.stringify(record['schemaVersion'])} (expected ${JOURNAL_SCHEMA_VERSION})`,
    );
  }
  const missing = REQUIRED.filter((k) => record[k] === undefined);
  if (missing.length > 0)
    throw new FaultlineError('ERR_INPUT_JOURNAL', `${file}: missing ${missing.join(', ')}`);
  return data as Journal;
}

/** Reads and parses a journal file. */
export async function readJournal(path: string): Promise<Journal> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new FaultlineError('ERR_INPUT_FILE', `journal ${path} cannot be read`, { cause: err });
  }
  return parseJournal(text, path);
}
