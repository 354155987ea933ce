import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Drafts of environment records. A record is rewritten through `writeJsonAtomic`: the new text
 * goes to `<runId>.json.<writer pid>.tmp`, then replaces `<runId>.json`. A controller killed
 * between the two leaves the draft, which holds the newest record (a record only grows), for
 * instance the process it had just spawned. Cleanup reads both and removes both.
 */

/** One leftover draft of a record. */
export interface RecordDraft {
  path: string;
  /** The record it was to replace (`<dir>/<runId>.json`). */
  recordPath: string;
  /** The pid of the process that was writing it (the controller). */
  writerPid: number;
}

/** `x.json.123.tmp` → `{ recordName: 'x.json', writerPid: 123 }`; undefined for other names. */
export function parseDraftName(name: string): { recordName: string; writerPid: number } | undefined {
  const match = /^(.+\.json)\.(\d+)\.tmp$/.exec(name);
  return match?.[1] === undefined ? undefined : { recordName: match[1], writerPid: Number(match[2]) };
}

/** The drafts in a records folder (none when the folder does not exist). */
export async function listRecordDrafts(dir: string): Promise<RecordDraft[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return names.sort().flatMap((name) => {
    const draft = parseDraftName(name);
    return draft === undefined
      ? []
      : [{ path: join(dir, name), recordPath: join(dir, draft.recordName), writerPid: draft.writerPid }];
  });
}

/** Union of two readings of one record, by process identity and folder path. */
export function mergeRecordLists<P extends { pid: number; startTicks: number }>(
  a: { processes: readonly P[]; tempDirs: readonly string[] },
  b: { processes: readonly P[]; tempDirs: readonly string[] },
): { processes: P[]; tempDirs: string[] } {
  const processes = [...a.processes];
  for (const p of b.processes)
    if (!processes.some((q) => q.pid === p.pid && q.startTicks === p.startTicks)) processes.push(p);
  return { processes, tempDirs: [...new Set([...a.tempDirs, ...b.tempDirs])] };
}
