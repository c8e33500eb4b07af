import { describe, expect, it } from 'vitest';
import { appendOne, batchBytes, entriesOf, logSim, partitionLog } from './testing';

describe('segments', () => {
  it('roll when the next batch would pass segment.bytes: 15 batches, 5 to a segment (UnifiedLogTest sizing)', () => {
    const size = batchBytes('k', 'test');
    const sim = logSim({ 'segment.bytes': size * 5 });
    for (let i = 0; i < 15; i++) appendOne(sim, 'k', 'test');
    const log = partitionLog(sim);
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 5, 10]);
    expect(log.segments.map((s) => s.sizeBytes)).toEqual([size * 5, size * 5, size * 5]);
    expect(entriesOf(sim, 'segmentRolled').map((e) => [e.baseOffset, e.reason])).toEqual([
      [5, 'segment.bytes'],
      [10, 'segment.bytes'],
    ]);
  });

  it("roll on an append more than segment.ms after the segment's first batch, and only on an append", () => {
    const sim = logSim({ 'segment.ms': 1_000 });
    appendOne(sim, 'a', '1'); // t = 0
    sim.runUntilTime(600);
    appendOne(sim, 'a', '2'); // 600 - 0 is not more than 1,000: same segment
    sim.runUntilTime(5_000);
    expect(partitionLog(sim).segments).toHaveLength(1); // idle: no roll without an append
    appendOne(sim, 'a', '3');
    expect(partitionLog(sim).segments.map((s) => s.baseOffset)).toEqual([0, 2]);
    expect(entriesOf(sim, 'segmentRolled')[0]).toMatchObject({ reason: 'segment.ms', baseOffset: 2 });
  });

  it("track each segment's largest timestamp and first batch timestamp", () => {
    const sim = logSim({ 'segment.bytes': batchBytes('a', '1') * 2 });
    for (let i = 0; i < 3; i++) {
      sim.runUntilTime(i * 100);
      appendOne(sim, 'a', String(i));
    }
    expect(partitionLog(sim).segments.map((s) => [s.baseOffset, s.firstBatchTimestamp, s.largestTimestamp])).toEqual([
      [0, 0, 100],
      [2, 200, 200],
    ]);
  });
});
