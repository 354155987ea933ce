import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { readProcStat } from '../../faults/proc-stat.js';

/** Clock ticks per second of `/proc/<pid>/stat` CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (ms) each part of the system used during a step. */
export type CpuByPart = Record<string, number>;

/**
 * CPU time, not wall time, is what a 2-core machine runs out of: the CPU milliseconds a part spends
 * per order bound the rate it can carry (2 cores = 2,000 CPU ms per second), however loaded the
 * machine is when it is measured. `start()` snapshots, `stop()` returns each part's CPU ms since:
 * - each fleet service (its Node process, by pid);
 * - `postgres (fleet)`: the PostgreSQL backends connected to the fleet's databases (listed at
 *   both ends; a backend that came and went between them is missed);
 * - `postgres (other)` and `rabbitmq`: every other PostgreSQL process and the broker's Erlang VM,
 *   machine-wide, so they include what other clients of those servers did meanwhile;
 * - `bench`: this process (the load sender, the embedded proxy, the collector and its store).
 * Linux only.
 */
export async function sampleCpu(
  fleetPids: Readonly<Record<string, number>>,
  dbPrefix: string,
): Promise<{ stop: () => Promise<CpuByPart> }> {
  const before = await snapshot(fleetPids, dbPrefix);
  return {
    stop: async () => {
      const after = await snapshot(fleetPids, dbPrefix);
      const parts: CpuByPart = {};
      for (const [pid, a] of after.ticks) {
        const part = after.partOf.get(pid) ?? before.partOf.get(pid);
        if (part === undefined) continue;
        // A process that started during the step counts from zero; its pid cannot be reused
        // while both snapshots see it, since the start time is part of the key.
        const b = before.ticks.get(pid) ?? 0;
        parts[part] = (parts[part] ?? 0) + ((a - b) * 1000) / TICKS_PER_SECOND;
      }
      const self = process.cpuUsage(before.self);
      parts['bench'] = (self.user + self.system) / 1000;
      return parts;
    },
  };
}

interface Snapshot {
  /** CPU ticks by `pid:startTicks`. */
  ticks: Map<string, number>;
  /** Part name by `pid:startTicks`. */
  partOf: Map<string, string>;
  self: NodeJS.CpuUsage;
}

async function snapshot(fleetPids: Readonly<Record<string, number>>, dbPrefix: string): Promise<Snapshot> {
  const ticks = new Map<string, number>();
  const partOf = new Map<string, string>();
  const add = (pid: number, part: string): void => {
    const stat = readProcStat(pid);
    if (!stat) return;
    const key = `${pid}:${stat.startTicks}`;
    ticks.set(key, stat.cpuTicks);
    if (!partOf.has(key)) partOf.set(key, part);
  };
  for (const [name, pid] of Object.entries(fleetPids)) add(pid, name);
  for (const pid of await fleetBackends(dbPrefix)) add(pid, 'postgres (fleet)');
  for (const { pid, comm } of processes())
    if (comm === 'postgres' || comm === 'postmaster') add(pid, 'postgres (other)');
    else if (comm === 'beam.smp') add(pid, 'rabbitmq');
  return { ticks, partOf, self: process.cpuUsage() };
}

/** Pids of the PostgreSQL backends connected to the databases named `<dbPrefix>…`. */
async function fleetBackends(dbPrefix: string): Promise<number[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const rows = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where starts_with(datname, $1)',
      [dbPrefix],
    );
    return rows.rows.map((r) => Number(r.pid));
  } finally {
    await client.end();
  }
}

function processes(): { pid: number; comm: string }[] {
  const found: { pid: number; comm: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      found.push({ pid: Number(name), comm: readFileSync(`/proc/${name}/comm`, 'utf8').trim() });
    } catch {
      // gone since the listing
    }
  }
  return found;
}

/**
 * The per-order CPU table of a step: each part's CPU ms per terminal order, the total, and the
 * rate that total allows on `cores` cores (a ceiling: nothing else running, perfect overlap). Pure.
 */
export function renderCpuPerOrder(parts: CpuByPart, orders: number, cores: number): string {
  if (orders <= 0) return 'CPU per order: no order finished in the step\n';
  const rows = Object.entries(parts)
    .map(([part, ms]) => [part, ms / orders] as const)
    .sort((a, b) => b[1] - a[1]);
  const fleetOnly = rows.filter(([part]) => part !== 'postgres (other)' && part !== 'rabbitmq');
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const fleetTotal = fleetOnly.reduce((sum, [, ms]) => sum + ms, 0);
  const width = Math.max(...rows.map(([part]) => part.length));
  const lines = rows.map(
    ([part, ms]) =>
      `  ${part.padEnd(width)}  ${ms.toFixed(2).padStart(7)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%`,
  );
  const ceiling = (ms: number): string => (ms > 0 ? `${Math.floor((cores * 1000) / ms)}` : '∞');
  return (
    `CPU per order (${orders} orders; postgres (other) and rabbitmq are machine-wide):\n${lines.join('\n')}\n` +
    `  total ${total.toFixed(2)} ms → at most ${ceiling(total)} orders/s on ${cores} cores ` +
    `(without the machine-wide parts: ${fleetTotal.toFixed(2)} ms → ${ceiling(fleetTotal)} orders/s)\n`
  );
}
