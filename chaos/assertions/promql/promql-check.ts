/**
 * How a PromQL objective is judged over a phase window:
 * - `instant`: one instant query at the window's end; each returned series' value must satisfy it;
 * - `all`: a range query over the window; every point of every series must satisfy it;
 * - `max` / `min` / `avg`: a range query; each series' max / min / mean over the window must satisfy it.
 */
export const PROMQL_MODES = ['instant', 'all', 'max', 'min', 'avg'] as const;
export type PromqlMode = (typeof PROMQL_MODES)[number];

/** A phase window: Unix ms, inclusive on both ends. */
export interface PhaseWindow {
  /** Phase name for messages, e.g. `inject`. */
  name: string;
  startMs: number;
  endMs: number;
}

/** One PromQL assertion, e.g. `sum(rate(http_errors_total[30s])) / sum(rate(http_requests_total[30s]))` `< 0.01`. */
export interface PromqlCheck {
  id: string;
  query: string;
  /** The objective, e.g. `< 0.01` (see `parseObjective`). */
  objective: string;
  /** Default `instant`. */
  mode?: PromqlMode;
  window: PhaseWindow;
  /** Range-query resolution in ms; default 1 000 (the short-run scrape interval). */
  stepMs?: number;
}
