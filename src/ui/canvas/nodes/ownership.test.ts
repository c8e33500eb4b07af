import { describe, expect, it } from 'vitest';
import { partitionSpan } from '../../partitionSpan';
import { ownershipLines } from './ownership';

const row = (topic: string, partition: number, lag = 0) => ({ topic, partition, position: 0, committed: null, lag });

describe('ownershipLines', () => {
  it('names the topic beside a single topic span', () => {
    expect(ownershipLines([row('QUEUE_JOINED', 0), row('QUEUE_JOINED', 1, 2), row('QUEUE_JOINED', 2, 1)])).toEqual([{ text: 'QUEUE_JOINED P0–P2', topics: ['QUEUE_JOINED'], lag: 3 }]);
  });

  it('folds topics that share a span into one line (the waitroom table: P0–P3 of 3 topics)', () => {
    const rows = ['CHECKOUT_COMPLETED', 'CHECKOUT_FAILED', 'CHECKOUT_EXPIRED'].flatMap((t) => [0, 1, 2, 3].map((p) => row(t, p, 1)));
    expect(ownershipLines(rows)).toEqual([{ text: 'P0–P3 of 3 topics', topics: ['CHECKOUT_COMPLETED', 'CHECKOUT_FAILED', 'CHECKOUT_EXPIRED'], lag: 12 }]);
  });

  it('spells out short or broken spans', () => {
    expect(partitionSpan([2, 0])).toBe('P0, P2');
    expect(partitionSpan([5, 6, 7, 8, 9])).toBe('P5–P9');
  });
});
