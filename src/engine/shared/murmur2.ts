/**
 * Kafka's key hash, bit for bit.
 *
 * Models: `Utils.murmur2`, `Utils.toPositive` and the key branch of the built-in partitioner in the
 * Java client (clients/src/main/java/org/apache/kafka/common/utils/Utils.java,
 * clients/.../producer/internals/BuiltInPartitioner.java). A key hashes to the same partition here as
 * in a real cluster with the Java client and StringSerializer (UTF-8).
 * Simplified: nothing; Java's int32 overflow is emulated with Math.imul and `| 0`.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

const utf8 = new TextEncoder();

/** UTF-8 bytes of a string, as Kafka's StringSerializer produces them. */
export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

/** Reused for ASCII keys, which are nearly all keys: TextEncoder allocation dominated hashing. */
let asciiScratch = new Uint8Array(64);

/**
 * toPositive(murmur2(utf8(key))): ASCII keys are copied into a reused buffer and hashed in place (a
 * subarray view per key was a quarter of the hash's time); others go through TextEncoder.
 */
function positiveKeyHash(key: string): number {
  const n = key.length;
  if (n > asciiScratch.length) asciiScratch = new Uint8Array(Math.max(n, 2 * asciiScratch.length));
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c > 0x7f) {
      const bytes = utf8.encode(key);
      lastHashed.key = key;
      lastHashed.byteLength = bytes.length;
      return toPositive(murmur2(bytes));
    }
    asciiScratch[i] = c;
  }
  lastHashed.key = key;
  lastHashed.byteLength = n;
  return toPositive(murmur2Prefix(asciiScratch, n));
}

/** The key hashed last and its UTF-8 length: send() hashes a key, then sizes the record (one scan, not two). */
const lastHashed: { key: string | null; byteLength: number } = { key: null, byteLength: 0 };

/** The UTF-8 length of `key` if it was the key hashed last, else -1. */
export function lastHashedKeyByteLength(key: string): number {
  return lastHashed.key === key ? lastHashed.byteLength : -1;
}

/**
 * Kafka's murmur2: a signed 32-bit hash of `data`, identical to the Java client's `Utils.murmur2`.
 * @example murmur2(utf8Bytes('21')) === -973932308
 */
export function murmur2(data: Uint8Array): number {
  return murmur2Prefix(data, data.length);
}

/** murmur2 of the first `length` bytes of `data`. */
function murmur2Prefix(data: Uint8Array, length: number): number {
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4]! & 0xff) | ((data[i4 + 1]! & 0xff) << 8) | ((data[i4 + 2]! & 0xff) << 16) | ((data[i4 + 3]! & 0xff) << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // The Java switch falls through from 3 to 2 to 1.
  const tail = length & ~3;
  const rest = length % 4;
  if (rest === 3) h ^= (data[tail + 2]! & 0xff) << 16;
  if (rest >= 2) h ^= (data[tail + 1]! & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[tail]! & 0xff;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * Kafka's `Utils.toPositive`: clears the sign bit (`n & 0x7fffffff`). Not `Math.abs`: the two differ for
 * every negative hash, and abs would send keys to the wrong partition.
 */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/**
 * The partition a keyed record goes to: `toPositive(murmur2(utf8(key))) % numPartitions`, where
 * `numPartitions` counts all partitions of the topic, leaderless ones included.
 * @example partitionForKey('foobar', 3) === 0
 */
export function partitionForKey(key: string | Uint8Array, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`numPartitions must be a positive integer, got ${String(numPartitions)}`);
  }
  return (typeof key === 'string' ? positiveKeyHash(key) : toPositive(murmur2(key))) % numPartitions;
}

/**
 * Java's `String.hashCode()` (UTF-16 code units, int32 overflow). Kafka uses it, not murmur2, to map a
 * group id or transactional id to its coordinator partition.
 */
export function javaStringHashCode(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's `Utils.abs`: like Math.abs, but Integer.MIN_VALUE maps to 0 instead of staying negative. */
export function javaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}
