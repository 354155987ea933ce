import { readFile } from 'node:fs/promises';

/**
 * User + system CPU seconds of a process from the text of `/proc/<pid>/stat` (fields 14 and 15,
 * in clock ticks). The command name (field 2) may hold spaces and parentheses, so fields are
 * counted from its closing `)`. Pure.
 * @param ticksPerSecond `getconf CLK_TCK`; 100 on Linux.
 */
export function cpuSecondsOfStat(stat: string, ticksPerSecond = 100): number | undefined {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): utime is field 14 → rest[11], stime field 15 → rest[12].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return (utime + stime) / ticksPerSecond;
}

/** CPU seconds a running process has used so far; undefined when it is gone or unreadable. */
export async function processCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    return cpuSecondsOfStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
