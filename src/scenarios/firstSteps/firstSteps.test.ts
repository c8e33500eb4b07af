import { describe, expect, it } from 'vitest';
import { committedOffset, createSimulation, partitionForKey, topicView, type TraceEntry } from '../../engine';
import { FIRST_STEPS_CUSTOMERS, firstSteps } from './firstSteps';

function run(untilMs: number) {
  const sim = createSimulation({ seed: firstSteps.seed, traceLimit: 1_000_000 });
  firstSteps.setup(sim);
  sim.runUntilTime(untilMs);
  return sim;
}

describe('first steps scenario', () => {
  it("puts every customer's orders on the partition murmur2 picks, in send order", () => {
    const sim = run(10_000);
    const orders = topicView(sim.state, 'orders')!;
    let total = 0;
    for (const p of orders.partitions) {
      for (const r of p.log.records) {
        expect(FIRST_STEPS_CUSTOMERS).toContain(r.key);
        expect(p.partition).toBe(partitionForKey(r.key!, 3));
      }
      // Offsets 0..n-1 with no gaps, and values numbered in send order within the partition.
      expect(p.log.records.map((r) => r.offset)).toEqual(p.log.records.map((_, i) => i));
      const numbers = p.log.records.map((r) => Number(r.value!.split('-')[1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      total += p.log.records.length;
    }
    expect(total).toBe(25); // one order every 400 ms for 10 s: t = 0, 400, ..., 9600
  });

  it('writes only before 2 s; then the consumer reads everything and commits the next offset to read', () => {
    const sim = run(10_000);
    const kinds = (entries: readonly TraceEntry[]) => new Set(entries.filter((e) => e.time < 2000 && e.level === 'message').map((e) => e.kind));
    expect(kinds(sim.trace)).toEqual(new Set(['recordAppended']));
    const fetched = sim.trace.filter((e) => e.kind === 'recordsFetched');
    expect(fetched.length).toBeGreaterThan(0);
    // By 10 s the consumer has caught up to within one poll: committed <= HW, and never past it.
    for (const p of topicView(sim.state, 'orders')!.partitions) {
      const committed = committedOffset(sim.state, 'analytics', 'orders', p.partition);
      expect(committed).not.toBeNull();
      expect(committed!).toBeLessThanOrEqual(p.log.highWatermark);
      expect(p.log.highWatermark - committed!).toBeLessThanOrEqual(3);
    }
  });

  it('replays identically from its seed', () => {
    expect(run(10_000).hash()).toBe(run(10_000).hash());
  });

  it('keeps its golden opening: the first eight orders (catches drift in the PRNG or partitioner that would break shared links)', () => {
    const opening = run(3000)
      .trace.filter((e) => e.kind === 'recordAppended')
      .slice(0, 8)
      .map((e) => `${e.key}@${e.partition}:${e.offset}`);
    expect(opening).toEqual(['carol@2:0', 'alice@0:0', 'bob@0:1', 'erin@2:1', 'erin@2:2', 'dave@1:0', 'bob@0:2', 'carol@2:3']);
  });
});
