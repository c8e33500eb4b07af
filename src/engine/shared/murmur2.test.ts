import { describe, expect, it } from 'vitest';
import { javaAbs, javaStringHashCode, murmur2, partitionForKey, toPositive, utf8Bytes } from './murmur2';

// Vectors from Kafka's own UtilsTest.testMurmur2 (clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java).
const KAFKA_MURMUR2_VECTORS: [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

describe('murmur2', () => {
  it.each(KAFKA_MURMUR2_VECTORS)('hashes %j like Kafka', (input, expected) => {
    expect(murmur2(utf8Bytes(input))).toBe(expected);
  });

  it('covers every tail length (0 to 3 trailing bytes) and the empty input', () => {
    // Each of these exercises a different fall-through branch of the Java switch.
    const lengths = ['', 'a', 'ab', 'abc', 'abcd', 'abcde'].map((s) => murmur2(utf8Bytes(s)));
    expect(new Set(lengths).size).toBe(6);
    for (const h of lengths) expect(Number.isInteger(h) && h >= -2147483648 && h <= 2147483647).toBe(true);
  });

  it('hashes the UTF-8 bytes of non-ASCII keys', () => {
    expect(murmur2(utf8Bytes('é'))).toBe(murmur2(new Uint8Array([0xc3, 0xa9])));
  });
});

describe('toPositive', () => {
  it('clears the sign bit instead of taking the absolute value', () => {
    expect(toPositive(-790332482)).toBe(-790332482 & 0x7fffffff);
    expect(toPositive(-790332482)).not.toBe(790332482);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(123)).toBe(123);
  });
});

describe('partitionForKey', () => {
  it.each([
    ['foobar', 3, 0],
    ['foobar', 4, 2],
    ['abc', 3, 0],
    ['abc', 4, 3],
    ['abc', 6, 3],
    ['key1', 3, 2],
    ['key1', 4, 0],
    ['key1', 6, 2],
  ])('sends %j to partition %i of %i like the Java client', (key, n, expected) => {
    expect(partitionForKey(key, n)).toBe(expected);
  });

  it('gives Math.abs a different answer for foobar, which is why toPositive matters', () => {
    expect(Math.abs(murmur2(utf8Bytes('foobar'))) % 3).toBe(2);
  });

  it('accepts raw bytes as well as strings', () => {
    expect(partitionForKey(utf8Bytes('key1'), 3)).toBe(partitionForKey('key1', 3));
  });

  it('rejects a partition count below one', () => {
    expect(() => partitionForKey('a', 0)).toThrow(RangeError);
  });
});

describe('coordinator hashing', () => {
  it('maps group ids to __consumer_offsets partitions with Java String.hashCode and Utils.abs', () => {
    expect(javaStringHashCode('my-group')).toBe(-1906497762);
    expect(javaAbs(javaStringHashCode('my-group')) % 50).toBe(12);
    expect(javaAbs(javaStringHashCode('group1')) % 50).toBe(40);
    expect(javaAbs(javaStringHashCode('test-group')) % 50).toBe(12);
    expect(javaAbs(-2147483648)).toBe(0);
  });
});
