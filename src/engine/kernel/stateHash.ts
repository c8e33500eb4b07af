/**
 * A 64-bit FNV-1a digest (as two 32-bit halves) of a value's JSON text. Used to check determinism:
 * same seed and commands must give the same hash. Key order is insertion order, which the engine
 * keeps deterministic, and JSON round trips preserve it.
 */
export function stateHash(value: unknown): string {
  const text = JSON.stringify(value);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
