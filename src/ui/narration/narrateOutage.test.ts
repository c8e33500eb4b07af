import { describe, expect, it } from 'vitest';
import { createSimulation, type TraceEntry, type TraceLevel } from '../../engine';
import { foodOrdering } from '../../scenarios/foodOrdering/foodOrdering';
import { leaderWords, partitionSummary } from '../brokerWords';
import { narrateEntry, narrateStep } from './narrate';

const ALL_LEVELS = new Set<TraceLevel>(['message', 'control', 'internal']);
const MESSAGE_AND_CONTROL = new Set<TraceLevel>(['message', 'control']);
/** "-1" standing alone (the engine's "no leader"), not "orders-1" nor a range "0–-1". */
const SENTINEL = /(?<![\w–-])-1(?!\d)/;

/**
 * Food ordering with its one broker stopped and started again, as the "Stop the broker" experiment does:
 * every entry written from the crash until 30 s after the restart, and the entries of the fence event.
 */
function foodOrderingOutage(): { all: TraceEntry[]; fence: TraceEntry[]; restart: TraceEntry[] } {
  const sim = createSimulation({ ...foodOrdering.options, seed: foodOrdering.seed, handlers: foodOrdering.handlers!, traceLimit: 1_000_000 });
  foodOrdering.setup(sim);
  sim.runUntilTime(15_000);
  const from = sim.trace.at(-1)!.id;
  sim.crashBroker(1);
  let fence: TraceEntry[] = [];
  while (fence.length === 0) {
    const written = sim.step();
    if (written.some((e) => e.kind === 'brokerFenced')) fence = written;
  }
  sim.runUntilTime(sim.time + 20_000);
  const beforeRestart = sim.trace.at(-1)!.id;
  sim.restartBroker(1);
  const restart = sim.traceSince(beforeRestart);
  sim.runUntilTime(sim.time + 30_000);
  return { all: sim.traceSince(from), fence, restart };
}

describe('narration of a broker outage (food ordering, "Stop the broker")', () => {
  const { all, fence, restart } = foodOrderingOutage();

  it('never names broker -1 or leader -1, in any entry written while the broker is down or after it returns', () => {
    expect(all.some((e) => e.kind === 'leaderElected' && e.leader === -1)).toBe(true);
    const withSentinel = [...new Set(all.map(narrateEntry).filter((text) => SENTINEL.test(text)))];
    expect(withSentinel).toEqual([]);
  });

  it('the fence is one line that says the partitions have no leader, not one sentence per partition', () => {
    const text = narrateStep(fence, MESSAGE_AND_CONTROL)!;
    const offline = fence.filter((e) => e.kind === 'leaderElected').length;
    expect(offline).toBeGreaterThan(50);
    expect(text).toContain('The controller fenced broker 1');
    expect(text).toContain(`${offline} partitions have no leader (orders-0, orders-1, orders-2, `);
    expect(text).toContain('and 50 partitions of __consumer_offsets)');
    expect(text.match(/\d+ partitions have no leader/g)).toHaveLength(1);
    expect(text).toContain('Groups "audit-service", "order-service-sse", "notification-service", "fraud-service" and "analytics-service" have no coordinator');
    expect(text.match(/no coordinator/g)).toHaveLength(1);
    expect(text).not.toMatch(/OFFLINE/);
    expect(text).not.toMatch(SENTINEL);
  });

  it('the restart is one sentence for the new leaders, and the groups get their coordinator back', () => {
    const text = narrateStep(restart, MESSAGE_AND_CONTROL)!;
    const elected = restart.filter((e) => e.kind === 'leaderElected').length;
    expect(text).toContain('Broker 1 is back');
    expect(text).toContain(`${elected} partitions have a new leader, broker 1 (`);
    expect(text).toMatch(/Groups "[^.]*" have a coordinator again: broker 1/);
    expect(text).not.toContain('from broker -1');
    expect(text).not.toMatch(SENTINEL);
  });

  it('with internal steps shown, the whole outage still reads without the sentinel', () => {
    expect(narrateStep(all, ALL_LEVELS)).not.toMatch(SENTINEL);
  });
});

describe('entries that name no broker', () => {
  const base = { id: 1, step: 1, time: 0, level: 'control' as const, actors: [] };

  it('a request, a retry, a JoinGroup and a group change with -1 read "no leader" / "no coordinator"', () => {
    const entries = [
      { ...base, kind: 'batchSent', producer: 'shop', topic: 'orders', partition: 0, count: 2, requestId: 1, leader: -1 },
      { ...base, kind: 'produceRequestLost', producer: 'shop', topic: 'orders', partition: 0, broker: -1, count: 2 },
      { ...base, kind: 'joinGroupSent', consumer: 'reader', groupId: 'g', memberId: '', coordinator: -1 },
      { ...base, kind: 'groupStateChanged', groupId: 'g', from: 'Stable', to: 'PreparingRebalance', generation: 1, reason: 'reader left', coordinator: -1 },
      { ...base, kind: 'groupCoordinatorMoved', groupId: 'g', from: -1, to: 2 },
      { ...base, kind: 'groupCoordinatorMoved', groupId: 'g', from: 2, to: -1 },
      { ...base, kind: 'leaderElected', topic: 'orders', partition: 1, previousLeader: 1, leader: -1, leaderEpoch: 3, isUnclean: false, isr: [1], lostOffsets: null, unansweredRequests: 0 },
    ] as unknown as TraceEntry[];
    const texts = entries.map(narrateEntry);
    for (const text of texts) expect(text).not.toMatch(SENTINEL);
    expect(texts[0]).toContain('partition orders-0 has no leader');
    expect(texts[1]).toContain('partition orders-0 has no leader');
    expect(texts[2]).toContain('the group has no coordinator');
    expect(texts[3]).toContain('no coordinator');
    expect(texts[4]).toContain('has a coordinator again: broker 2');
    expect(texts[5]).toContain('has no coordinator');
    expect(texts[6]).toMatch(/^Partition orders-1 has no leader: /);
  });

  it('leaderWords and partitionSummary', () => {
    expect(leaderWords(2)).toBe('broker 2');
    expect(leaderWords(-1)).toBe('no leader');
    expect(partitionSummary([{ topic: 'orders', partition: 0 }])).toBe('orders-0');
    const offsets = Array.from({ length: 50 }, (_, partition) => ({ topic: '__consumer_offsets', partition }));
    expect(partitionSummary([{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 2 }, ...offsets])).toBe('orders-0, orders-2 and 50 partitions of __consumer_offsets');
  });
});
