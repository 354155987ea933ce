import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { ProcessIdentity } from '../../faults/index.js';
import { isSameProcessAlive, readProcStat } from '../../faults/proc-stat.js';

/**
 * What a killed `faultline run` may have left behind, looked up read-only: processes, databases,
 * queues and exchanges, temp folders and run-state files. Test and survey support only: it never
 * stops or removes anything.
 */

/** Where to look for one run's leftovers. */
export interface RunTraces {
  /** The `TMPDIR` the run (and its cleanup) was given: every temp folder it makes is inside it. */
  tmpDir: string;
  /** The run's `--state-dir`. */
  stateDir: string;
  /** Processes seen as children of the run's controller. */
  children: readonly (ProcessIdentity & { name: string })[];
  /** The run's database and AMQP prefixes (`flr_<id>_`, `flr.<id>.`), when known. */
  dbPrefix?: string;
  amqpPrefix?: string;
}

/** Everything of the run that still exists; all empty means nothing was left. */
export interface RunLeftovers {
  /** `name (pid N)` of each live process of the run (by identity or by its environment). */
  processes: string[];
  databases: string[];
  /** Queues and exchanges. */
  amqp: string[];
  tempEntries: string[];
  stateFiles: string[];
}

/** Looks up what is left of a run. */
export async function findRunLeftovers(traces: RunTraces): Promise<RunLeftovers> {
  const processes = new Map<number, string>();
  for (const p of traces.children) if (isSameProcessAlive(p)) processes.set(p.pid, p.name);
  for (const pid of pidsWithEnv(`TMPDIR=${traces.tmpDir}`))
    if (!processes.has(pid)) processes.set(pid, 'process');
  return {
    processes: [...processes].map(([pid, name]) => `${name} (pid ${pid})`),
    databases: traces.dbPrefix === undefined ? [] : await databasesLike(traces.dbPrefix),
    amqp: traces.amqpPrefix === undefined ? [] : await amqpNamesLike(traces.amqpPrefix),
    tempEntries: listQuietly(traces.tmpDir),
    stateFiles: listQuietly(traces.stateDir, true),
  };
}

/** True when nothing of the run is left. */
export function isClean(l: RunLeftovers): boolean {
  return Object.values(l).every((list: string[]) => list.length === 0);
}

/** One line per kind of leftover, for failure messages and the survey. */
export function describeLeftovers(l: RunLeftovers): string {
  const kinds = Object.entries(l).filter(([, list]) => (list as string[]).length > 0);
  return kinds.map(([kind, list]) => `${kind}: ${(list as string[]).join(', ')}`).join('; ') || 'nothing';
}

/** Live, non-zombie processes (of this user) whose environment holds exactly `entry`. */
export function pidsWithEnv(entry: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${name}/environ`, 'latin1');
    } catch {
      continue; // gone, or another user's
    }
    const state = readProcStat(Number(name))?.state;
    if (state === undefined || state === 'Z' || state === 'X') continue;
    if (environ.split('\0').includes(entry)) found.push(Number(name));
  }
  return found;
}

/** The value of `name` in a live process's environment, if readable. */
export function envOf(pid: number, name: string): string | undefined {
  try {
    const entry = readFileSync(`/proc/${pid}/environ`, 'latin1')
      .split('\0')
      .find((e) => e.startsWith(`${name}=`));
    return entry?.slice(name.length + 1);
  } catch {
    return undefined;
  }
}

function listQuietly(dir: string, recursive = false): string[] {
  try {
    return readdirSync(dir, { recursive, withFileTypes: true })
      .filter((e) => !recursive || !e.isDirectory())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** Databases whose name starts with `prefix`. */
export async function databasesLike(prefix: string): Promise<string[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const result = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    return result.rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** Queues and exchanges of the default vhost whose name starts with `prefix` (management API). */
async function amqpNamesLike(prefix: string): Promise<string[]> {
  const auth = `Basic ${Buffer.from('guest:guest').toString('base64')}`;
  const names: string[] = [];
  for (const kind of ['queues', 'exchanges']) {
    const response = await fetch(`http://127.0.0.1:15672/api/${kind}/%2F?columns=name`, {
      headers: { authorization: auth },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`RabbitMQ management API: HTTP ${response.status} for ${kind}`);
    const list = (await response.json()) as { name: string }[];
    names.push(...list.map((e) => e.name).filter((n) => n.startsWith(prefix)));
  }
  return names;
}
