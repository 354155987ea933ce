/**
 * The launcher lifeline. The fleet launcher starts each service with an IPC channel
 * (`stdio: [..., 'ipc']`) that it never uses for messages: the channel closes when the launcher
 * dies, even by SIGKILL, and the service must then stop, or it would hold its ports and database
 * prefix for ever.
 *
 *   started by hand (no IPC)            -> 'none':      runs normally, nothing armed
 *   IPC channel open                    -> 'connected': on 'disconnect', the handler runs
 *                                                       (the orderly stop once the service is
 *                                                       up; exit at once while it is starting)
 *   IPC channel already closed          -> 'lost':      exit at once
 *
 * Node sets `process.send` only in a process spawned with an IPC channel, and keeps it after the
 * channel closed (`process.connected` turns false, `process.channel` null), so the two cases a
 * bare `process.connected` check mixes up stay apart.
 *
 * This module is the edge that holds the lifeline's process-wide state: a process has one
 * launcher, whatever number of modules ask about it.
 */

/** Where a process stands with its launcher. */
export type LifelineState = 'none' | 'connected' | 'lost';

/** The lifeline state of a process (pure: reads the two fields only). */
export function lifelineState(p: { send?: unknown; connected?: boolean }): LifelineState {
  if (typeof p.send !== 'function') return 'none';
  return p.connected === true ? 'connected' : 'lost';
}

let armed = false;
let onLost: ((reason: string) => void) | undefined;

/**
 * Arms the lifeline, once per process (later calls do nothing but the 'lost' check): with no IPC
 * channel, nothing; with a closed one, exits at once (code 0, nothing to drain yet); with an open
 * one, its closing runs the handler given to {@link onLauncherGone}, or exits at once if none was
 * given yet (the service is still starting).
 */
export function armLifeline(service: string): void {
  const state = lifelineState(process);
  if (state === 'lost') exitNow(service, 'the launcher was gone before start-up finished');
  if (state !== 'connected' || armed) return;
  armed = true;
  process.once('disconnect', () => {
    if (onLost) onLost('launcher exited');
    else exitNow(service, 'the launcher exited while the service was starting');
  });
}

/**
 * Replaces "exit at once" with `handler` (the service's orderly stop) for when the launcher goes
 * from now on. Arms the lifeline if needed, so a launcher already gone still means exit at once.
 */
export function onLauncherGone(service: string, handler: (reason: string) => void): void {
  armLifeline(service);
  onLost = handler;
}

function exitNow(service: string, reason: string): never {
  // One JSON line like the services' own logs; the reader may be gone with the launcher.
  const line = JSON.stringify({ level: 40, time: Date.now(), service, msg: `stopping: ${reason}` });
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // a closed pipe: nobody is left to read it
  }
  process.exit(0);
}
