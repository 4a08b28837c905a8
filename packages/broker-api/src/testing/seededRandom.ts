/**
 * A seeded pseudo-random generator (mulberry32) for randomised tests: the same seed gives the same sequence, so a
 * failing case can be replayed from the seed the test prints. Returns numbers in [0, 1), like Math.random.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
