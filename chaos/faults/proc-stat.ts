import { readFileSync } from 'node:fs';
import type { ProcessIdentity } from './fault-record.js';

/** A process's scheduler state and start time, from `/proc/<pid>/stat`. */
export interface ProcStat {
  /** One letter: R running, S sleeping, T stopped, Z zombie, ... */
  state: string;
  /** Start time in clock ticks since boot (field 22); with the pid it identifies a process. */
  startTicks: number;
  /** CPU time used so far, user plus system (fields 14 and 15), in clock ticks (100 per second). */
  cpuTicks: number;
}

/** Parses the text of `/proc/<pid>/stat` (the command name may hold spaces and parentheses). */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15,
  // starttime is field 22.
  const rest = text.slice(close + 2).split(' ');
  const state = rest[0];
  const startTicks = Number(rest[19]);
  const cpuTicks = Number(rest[11]) + Number(rest[12]);
  if (state === undefined || !Number.isInteger(startTicks) || !Number.isInteger(cpuTicks)) return undefined;
  return { state, startTicks, cpuTicks };
}

/** Reads `/proc/<pid>/stat`; `undefined` when the process does not exist. Linux only. */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The identity of a live process, or `undefined` when it does not exist. */
export function processIdentity(pid: number): ProcessIdentity | undefined {
  const stat = readProcStat(pid);
  return stat === undefined ? undefined : { pid, startTicks: stat.startTicks };
}

/**
 * True when the very process `id` names still exists (same pid and same start time, so a reused
 * pid is not mistaken for it) and is not a zombie.
 */
export function isSameProcessAlive(id: ProcessIdentity): boolean {
  const stat = readProcStat(id.pid);
  return stat !== undefined && stat.startTicks === id.startTicks && stat.state !== 'Z' && stat.state !== 'X';
}
