import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../engine';
import { recordPath } from './recordPath';

const appended = (offset: number, producer = 'shop') => ({ kind: 'recordAppended', producer, topic: 'orders', partition: 1, offset }) as unknown as TraceEntry;
const fetched = (consumer: string, firstOffset: number, lastOffset: number, partition = 1) =>
  ({ kind: 'recordsFetched', consumer, topic: 'orders', partition, firstOffset, lastOffset }) as unknown as TraceEntry;

describe('recordPath', () => {
  it('names the producer and every consumer that fetched the record, redeliveries counted', () => {
    const history = [[appended(4)], [fetched('a', 0, 4), fetched('b', 5, 6)], [fetched('a', 3, 5), fetched('c', 4, 4, 2)], [fetched('b', 4, 9)]];
    expect(recordPath(history, 'orders', 1, 4)).toEqual({
      producer: 'shop',
      fetches: [
        { consumer: 'a', times: 2 },
        { consumer: 'b', times: 1 },
      ],
    });
  });

  it('starts again when the offset is given to a new record (a truncated log)', () => {
    const history = [[appended(2, 'old'), fetched('a', 2, 2)], [appended(2, 'new')], [fetched('b', 0, 2)]];
    expect(recordPath(history, 'orders', 1, 2)).toEqual({ producer: 'new', fetches: [{ consumer: 'b', times: 1 }] });
  });

  it('knows nothing of a record it never saw appended', () => {
    expect(recordPath([[fetched('a', 0, 9)]], 'orders', 1, 3)).toEqual({ producer: null, fetches: [{ consumer: 'a', times: 1 }] });
  });
});
