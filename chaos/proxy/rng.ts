/**
 * A small seedable PRNG (mulberry32) for toxicity rolls, jitter and slicer variation.
 * Unseeded servers use `Math.random`, like official Toxiproxy builds ignore `-seed`.
 * @returns a function giving floats in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A toxicity roll as the original does it: float32 random below the float32 toxicity. */
export function rollToxicity(random: () => number, toxicity: number): boolean {
  return Math.fround(random()) < Math.fround(toxicity);
}
