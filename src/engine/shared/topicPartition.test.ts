import { describe, expect, it } from 'vitest';
import { parseTpKey, tpKey } from './topicPartition';

describe('tpKey', () => {
  it('writes a partition as Kafka prints a TopicPartition', () => {
    expect(tpKey('orders', 2)).toBe('orders-2');
    expect(tpKey('__consumer_offsets', 49)).toBe('__consumer_offsets-49');
  });

  it('reads a key back at its last "-", so topics may hold "-"', () => {
    for (const [topic, partition] of [
      ['orders', 0],
      ['page-views', 12],
      ['a-1', 2],
      ['a--b-', 3],
      ['x.y_z', 7],
    ] as const) {
      expect(parseTpKey(tpKey(topic, partition))).toEqual({ topic, partition });
    }
  });

  it('gives two partitions two keys even where topic names end in digits', () => {
    expect(tpKey('a-1', 2)).not.toBe(tpKey('a', 12));
    expect(parseTpKey(tpKey('a', 12))).toEqual({ topic: 'a', partition: 12 });
  });
});
