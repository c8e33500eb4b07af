/**
 * The simulation's only source of randomness: a seeded sfc32 generator whose four 32-bit words live
 * in the simulation state, so a snapshot carries the generator with it and replays draw the same
 * numbers. The engine draws from nothing else (ESLint bans the global generator here).
 */

/** The generator's state: four unsigned 32-bit words (plain data, JSON safe). */
export type RngState = [number, number, number, number];

/** Expands a seed into an sfc32 state with splitmix32, then discards the first draws as sfc32 advises. */
export function seedRng(seed: number): RngState {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: RngState = [splitmix(), splitmix(), splitmix(), 1];
  for (let i = 0; i < 12; i++) nextUint32(state);
  return state;
}

/** Draws the next unsigned 32-bit integer and advances `state` in place. */
export function nextUint32(state: RngState): number {
  let [a, b, c, d] = state;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  state[0] = a >>> 0;
  state[1] = b >>> 0;
  state[2] = c >>> 0;
  state[3] = d >>> 0;
  return t >>> 0;
}

/** A uniform integer in [0, bound) without modulo bias. */
export function nextInt(state: RngState, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1) throw new RangeError(`bound must be a positive integer, got ${String(bound)}`);
  const limit = 0x100000000 - (0x100000000 % bound);
  for (;;) {
    const x = nextUint32(state);
    if (x < limit) return x % bound;
  }
}

/** A uniform float in [0, 1). */
export function nextFloat(state: RngState): number {
  return nextUint32(state) / 0x100000000;
}

/** Like Java's `ThreadLocalRandom.nextInt()` passed through `Utils.toPositive`: a non-negative int31. */
export function nextPositiveInt(state: RngState): number {
  return nextUint32(state) & 0x7fffffff;
}

/** A version-4 UUID string, as the Java client's `UUID.randomUUID()` would print, drawn from the seeded state. */
export function nextUuid(state: RngState): string {
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  const w = [nextUint32(state), nextUint32(state), nextUint32(state), nextUint32(state)].map(hex).join('');
  const variant = ((parseInt(w[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${w.slice(0, 8)}-${w.slice(8, 12)}-4${w.slice(13, 16)}-${variant}${w.slice(17, 20)}-${w.slice(20, 32)}`;
}
