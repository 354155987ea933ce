/**
 * Demo helper (`npm run demo:nightly`): copies a real suite night already in the history into N
 * earlier nights, backdated one day each, so a fresh history has a baseline to judge tonight by.
 * Usage: node dist/chaos/suite/demo/seed-nights.js <history.duckdb> <suite.json> <nights>
 */
import { readFile } from 'node:fs/promises';
import { HistoryStore } from '../../history/history-store.js';
import type { SuiteJson } from '../suite-json.js';

const DAY_MS = 86_400_000;
const [historyPath, suitePath, nightsText] = process.argv.slice(2);
if (historyPath === undefined || suitePath === undefined || !/^\d+$/.test(nightsText ?? '')) {
  process.stderr.write('usage: seed-nights <history.duckdb> <suite.json> <nights>\n');
  process.exit(4);
}
const suite = JSON.parse(await readFile(suitePath, 'utf8')) as SuiteJson;
const store = await HistoryStore.open(historyPath, { write: true });
try {
  const row = (await store.readSuites()).find((s) => s.suiteId === suite.suiteId);
  if (row === undefined) throw new Error(`${suite.suiteId} is not in ${historyPath}`);
  for (let k = 1; k <= Number(nightsText); k++) {
    const startedAt = new Date(Date.parse(suite.startedAt) - k * DAY_MS).toISOString();
    const suiteId = `${suite.suiteId}-minus${k}d`;
    await store.append(
      { ...row, suiteId, startedAt, suiteDir: null },
      suite.rows.map((r) => ({ ...r, suiteId, startedAt, runDir: null })),
    );
    process.stdout.write(`seeded ${suiteId} (${startedAt})\n`);
  }
} finally {
  await store.close();
}
