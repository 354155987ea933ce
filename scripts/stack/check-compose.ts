/**
 * `npm run compose:check`: validates docker-compose.yml without a Docker engine. Interpolates
 * `.env` (every variable must be defined there), lints the result with dclint (Compose schema plus
 * best-practice rules; the ordering-only rules are off because services are grouped by role), and
 * checks that compose and target-services/links.json agree. Exit code 1 on any problem.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkComposeLinks, type LinkEntry } from './compose-links.js';
import { interpolate, parseEnvFile } from './env-file.js';

const ORDERING_RULES = [
  'services-alphabetical-order',
  'service-keys-order',
  'top-level-properties-order',
  'service-ports-alphabetical-order',
];

function lint(text: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-compose-'));
  try {
    const file = join(dir, 'docker-compose.yml');
    writeFileSync(file, text);
    const r = spawnSync(
      'node_modules/.bin/dclint',
      [file, '--max-warnings', '0', '--color', 'false', '--disable-rule', ...ORDERING_RULES],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) console.error(r.stdout + r.stderr);
    return r.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): number {
  const { text, missing } = interpolate(
    readFileSync('docker-compose.yml', 'utf8'),
    parseEnvFile(readFileSync('.env', 'utf8')),
  );
  const problems = missing.map((m) => `docker-compose.yml uses \${${m}}, which .env does not define`);
  const links = JSON.parse(readFileSync('target-services/links.json', 'utf8')) as LinkEntry[];
  problems.push(...checkComposeLinks(parse(text, { merge: true }), links));
  for (const p of problems) console.error(`compose: ${p}`);
  const linted = lint(text);
  if (problems.length > 0 || !linted) return 1;
  console.log('compose: docker-compose.yml is valid (dclint) and agrees with target-services/links.json');
  return 0;
}

process.exitCode = main();
