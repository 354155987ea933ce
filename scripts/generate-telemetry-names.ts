/**
 * Writes target-services/contracts/telemetry-names.json from the telemetry registry, or with
 * `--check` fails when the committed file differs from a fresh generation.
 *
 * Usage: node dist/scripts/generate-telemetry-names.js [--check]   (run from the repository root)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import {
  TELEMETRY_NAMES_JSON,
  telemetryNamesDocument,
} from '../target-services/contracts/telemetry-names-json.js';

const options = (await resolveConfig(TELEMETRY_NAMES_JSON)) ?? {};
const fresh = await format(JSON.stringify(telemetryNamesDocument()), { ...options, parser: 'json' });
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(TELEMETRY_NAMES_JSON, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed !== fresh) {
    console.error(`${TELEMETRY_NAMES_JSON} is stale: run \`node dist/scripts/generate-telemetry-names.js\``);
    process.exit(1);
  }
  console.log(`${TELEMETRY_NAMES_JSON} is up to date`);
} else {
  writeFileSync(TELEMETRY_NAMES_JSON, fresh);
  console.log(`wrote ${TELEMETRY_NAMES_JSON}`);
}
