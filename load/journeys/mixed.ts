import type { Journey, JourneyContext } from './journey.js';

/** A journey and its relative weight in a mix. */
export interface WeightedJourney {
  name: string;
  journey: Journey;
  weight: number;
}

/** Picks one entry by weight, using `u` uniform in [0, 1). Pure. */
export function pickWeighted<T extends { weight: number }>(entries: readonly T[], u: number): T {
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  let threshold = u * total;
  for (const entry of entries) {
    threshold -= entry.weight;
    if (threshold < 0) return entry;
  }
  const last = entries[entries.length - 1];
  if (last === undefined) throw new RangeError('pickWeighted needs at least one entry');
  return last;
}

/** A journey that runs one of `entries` per iteration, chosen by weight. */
export function weightedJourney(entries: readonly WeightedJourney[]): Journey {
  return function* (ctx: JourneyContext) {
    yield* pickWeighted(entries, ctx.random()).journey(ctx);
  };
}
