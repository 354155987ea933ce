import type { Journal } from './journal.js';

/** Epoch ms below this are offsets (ms since the timeline start), above it Unix times (2001+). */
const EPOCH_FLOOR_MS = 1e12;

/**
 * How a report tells time: offsets from the timeline's start (`+25.0 s`) and, when the start is
 * known, the wall clock (`14:49:47.2 UTC`).
 */
export interface RunClock {
  /** Unix ms of the timeline's start (offset 0 of phases, faults, guards and load); unknown in old journals. */
  t0Ms?: number;
}

/**
 * The clock of a journal. Its `timelineStartedAt`, or else (journals written before that field)
 * the start recovered from a PromQL check's Unix-ms phase window, whose start is the timeline start
 * plus that phase's offset. Without either, times are shown as offsets only. Pure.
 */
export function runClockOf(journal: Journal): RunClock {
  if (journal.timelineStartedAt !== undefined) {
    const t0Ms = Date.parse(journal.timelineStartedAt);
    if (Number.isFinite(t0Ms)) return { t0Ms };
  }
  for (const check of journal.checks) {
    const window = check.evidence.details?.['window'];
    if (!isWindow(window) || window.name === undefined) continue;
    // A check with no phase is windowed over the whole run, named `run`, from the first phase's start.
    const phase =
      window.name === 'run' ? journal.phases[0] : journal.phases.find((p) => p.name === window.name);
    if (phase !== undefined && window.startMs >= EPOCH_FLOOR_MS)
      return { t0Ms: window.startMs - phase.startMs };
  }
  return {};
}

/** A time window as evidence carries it (PromQL phase windows are Unix ms, journal windows offsets). */
export interface TimeWindow {
  name?: string;
  startMs: number;
  endMs: number;
}

/** True for `{ startMs, endMs }` (numbers) with an optional string `name`. */
export function isWindow(value: unknown): value is TimeWindow {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['startMs'] === 'number' &&
    typeof v['endMs'] === 'number' &&
    (v['name'] === undefined || typeof v['name'] === 'string')
  );
}

/** True when `ms` reads as a Unix time rather than an offset or a duration. */
export function isEpochMs(ms: number): boolean {
  return ms >= EPOCH_FLOOR_MS;
}

/** Milliseconds as seconds with one decimal: `25.0 s`; a minute or more as `2 min 5.0 s`. */
export function formatSeconds(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  const min = Math.floor(abs / 60_000);
  return `${sign}${min} min ${((abs - min * 60_000) / 1000).toFixed(1)} s`;
}

/** An offset from the timeline start: `+25.0 s` (`-1.5 s` before it). */
export function formatOffset(offsetMs: number): string {
  return offsetMs < 0 ? formatSeconds(offsetMs) : `+${formatSeconds(offsetMs)}`;
}

/** A Unix time as UTC wall clock to the tenth of a second: `14:49:47.2`. */
export function formatWallClock(epochMs: number): string {
  const iso = new Date(Math.round(epochMs / 100) * 100).toISOString();
  return iso.slice(11, 21);
}

/** An instant (offset, or Unix ms when `isEpochMs`): `+25.0 s (14:49:47.2 UTC)`. */
export function formatInstant(ms: number, clock: RunClock): string {
  const epoch = isEpochMs(ms);
  const offset = epoch ? (clock.t0Ms === undefined ? undefined : ms - clock.t0Ms) : ms;
  const wall = epoch ? ms : clock.t0Ms === undefined ? undefined : clock.t0Ms + ms;
  if (offset === undefined) return `${formatWallClock(ms)} UTC`;
  return wall === undefined ? formatOffset(offset) : `${formatOffset(offset)} (${formatWallClock(wall)} UTC)`;
}

/**
 * A window as `inject +25.0 s → +45.9 s (14:49:47.2 → 14:50:08.1 UTC)`; bounds may be offsets or
 * Unix ms. Pure.
 */
export function formatWindow(window: TimeWindow, clock: RunClock): string {
  const name = window.name === undefined ? '' : `${window.name} `;
  const epoch = isEpochMs(window.startMs);
  const toOffset = (ms: number): number | undefined =>
    epoch ? (clock.t0Ms === undefined ? undefined : ms - clock.t0Ms) : ms;
  const toWall = (ms: number): number | undefined =>
    epoch ? ms : clock.t0Ms === undefined ? undefined : clock.t0Ms + ms;
  const [s, e] = [toOffset(window.startMs), toOffset(window.endMs)];
  const [ws, we] = [toWall(window.startMs), toWall(window.endMs)];
  const wall =
    ws === undefined || we === undefined ? '' : `${formatWallClock(ws)} → ${formatWallClock(we)} UTC`;
  if (s === undefined || e === undefined) return `${name}${wall}`;
  return `${name}${formatOffset(s)} → ${formatOffset(e)}${wall ? ` (${wall})` : ''}`;
}
