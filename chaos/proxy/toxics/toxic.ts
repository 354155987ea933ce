/**
 * The contract every toxic implements. A link is a chain of stages; each stage runs one toxic
 * for one direction of one connection:
 *
 *   source socket ──read──▶ [stage 0] ─emit─▶ [stage 1] ─emit─▶ … ─▶ sink ──write──▶ destination socket
 *
 * Data moves as chunks (one per socket read) stamped with the time they were read. A stage
 * receives `push`/`end` from the previous stage and calls `out.emit`/`out.end`/`out.close`.
 * Rules for toxic authors are in RULES.md next to this file.
 */

/** One socket read, stamped with `performance.now()` (ms) when the proxy read it. */
export interface Chunk {
  readonly data: Buffer;
  readonly readAtMs: number;
}

/** What a stage can do with its output. */
export interface StageOutput {
  /** Passes a chunk to the next stage (or the destination socket). */
  emit(chunk: Chunk): void;
  /** Forwards the end of input (EOF) to the next stage. */
  end(): void;
  /** Closes the link now: the destination socket is closed and the connection is torn down. */
  close(): void;
  /** Like close, but with a TCP RST when the connection was accepted with reset_peer present. */
  reset(): void;
  /** Random float in [0, 1). */
  random(): number;
}

/** What a stage holds when it is interrupted: chunks not yet emitted and whether EOF was seen. */
export interface Leftover {
  readonly chunks: Chunk[];
  readonly ended: boolean;
}

/** A running toxic on one link. */
export interface Stage {
  push(chunk: Chunk): void;
  end(): void;
  /** Stops timers and returns what it still holds; it may emit its in-flight chunk first. */
  interrupt(): Leftover;
  /**
   * Bytes the stage holds and has not emitted yet. The link adds these up to push back on its
   * source socket (pause when the chain holds too much, resume as it drains); see RULES.md.
   */
  heldBytes(): number;
}

/** Per-link state that survives restarts of a stage (e.g. limit_data's byte count). */
export type ToxicState = { [key: string]: number };

/** One integer attribute of a toxic, with its JSON name and Go type (for error messages). */
export interface AttributeSpec {
  readonly name: string;
  readonly goType: 'int64' | 'int';
}

/** A toxic type: its wire name, attributes, validation and stage factory. */
export interface ToxicKind {
  readonly type: string;
  /** Go struct name used in decode error messages (e.g. `LatencyToxic`). */
  readonly goStruct: string;
  readonly attributes: readonly AttributeSpec[];
  /** A reason to reject the attributes (where real Toxiproxy would crash), or undefined. */
  validate(attrs: Readonly<Record<string, number>>): string | undefined;
  create(attrs: Readonly<Record<string, number>>, out: StageOutput, state: ToxicState): Stage;
  /** True when removing this toxic closes the links it ran on (timeout). */
  readonly closesOnRemove?: boolean;
}

/** Node's longest timer (2^31 - 1 ms, ~24.8 days); a longer `setTimeout` fires at once. */
export const MAX_DELAY_MS = 2_147_483_647;

/**
 * Validation helper for millisecond attributes: the first one that is negative, or longer than
 * Node's longest timer (Toxiproxy's Go timers take up to ~9.2e12 ms; ours would fire at once, so
 * such a value is refused rather than silently shortened).
 */
export function delayAttributeProblem(
  attrs: Readonly<Record<string, number>>,
  names: readonly string[],
): string | undefined {
  const negative = names.find((n) => (attrs[n] ?? 0) < 0);
  if (negative !== undefined) return `${negative} must not be negative`;
  const long = names.find((n) => (attrs[n] ?? 0) > MAX_DELAY_MS);
  return long === undefined ? undefined : `${long} must be at most ${MAX_DELAY_MS} ms`;
}
