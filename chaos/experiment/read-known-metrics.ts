import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';

/** Where the fleet's telemetry-name contract is written (generated from the fleet's registry). */
export const TELEMETRY_NAMES_FILE = join('target-services', 'contracts', 'telemetry-names.json');

function seriesNames(parsed: unknown): string[] {
  const metrics = (parsed as { metrics?: unknown } | null)?.metrics;
  if (!Array.isArray(metrics)) throw new Error('expected { "metrics": [...] }');
  return metrics.flatMap((m: unknown) => {
    const series = (m as { series?: unknown } | null)?.series;
    if (!Array.isArray(series) || !series.every((s) => typeof s === 'string'))
      throw new Error('expected every metric to list its "series" names');
    return series;
  });
}

/**
 * Series names of the fleet's telemetry-name contract, read as data (chaos/ never imports the
 * fleet's code). `FAULTLINE_TELEMETRY_NAMES` overrides the default
 * `<cwd>/target-services/contracts/telemetry-names.json`; undefined when that file does not
 * exist (then metric names are not checked).
 * @throws FaultlineError `ERR_INPUT_TELEMETRY_NAMES` when the file named cannot be read or parsed.
 */
export async function readKnownMetrics(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[] | undefined> {
  const path = env['FAULTLINE_TELEMETRY_NAMES'] ?? join(cwd, TELEMETRY_NAMES_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && env['FAULTLINE_TELEMETRY_NAMES'] === undefined)
      return undefined;
    throw new FaultlineError('ERR_INPUT_TELEMETRY_NAMES', `telemetry names ${path} cannot be read`, {
      cause: err,
    });
  }
  try {
    return seriesNames(JSON.parse(text));
  } catch (err) {
    throw new FaultlineError(
      'ERR_INPUT_TELEMETRY_NAMES',
      `telemetry names ${path} are not in the format of ${TELEMETRY_NAMES_FILE}`,
      { cause: err },
    );
  }
}
