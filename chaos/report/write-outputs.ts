import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import type { Journal } from './journal.js';
import { renderOutputs } from './render-outputs.js';

/**
 * Writes `journal.json` (when asked) and every rendered output into `dir`. Returns the paths
 * written, by file name.
 */
export async function writeOutputs(
  journal: Journal,
  dir: string,
  includeJournal: boolean,
): Promise<Record<string, string>> {
  const files = renderOutputs(journal);
  if (includeJournal) files['journal.json'] = `${JSON.stringify(journal, null, 2)}\n`;
  const written: Record<string, string> = {};
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      written[name] = join(dir, name);
      await writeFile(written[name], content);
    }
  } catch (err) {
    throw new FaultlineError('ERR_REPORT_WRITE', `cannot write reports to ${dir}`, { cause: err });
  }
  return written;
}
