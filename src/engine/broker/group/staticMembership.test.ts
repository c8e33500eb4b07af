import { describe, expect, it } from 'vitest';
import { describeGroup } from '../../views';
import { ownership, range, startGroup } from './testing';

describe('static membership (group.instance.id, KIP-345)', () => {
  function start() {
    const { sim } = startGroup({ clients: [], partitions: 6 });
    for (const id of ['a', 'b']) {
      sim.createConsumer({ clientId: id, config: { 'group.id': 'waitroom', 'group.instance.id': `instance-${id}` } });
      sim.subscribe(id, ['checkout']);
      sim.startConsumerLoop({ consumer: id, processingMsPerRecord: 1, commitMode: 'none' });
    }
    sim.runUntilTime(5_000);
    return sim;
  }

  it('closing sends no LeaveGroup; a restart within session.timeout.ms takes the same partitions back with no rebalance', () => {
    const sim = start();
    expect(ownership(sim, ['a', 'b'])).toEqual({ a: range(0, 2), b: range(3, 5) });
    const generation = describeGroup(sim.state, 'waitroom')!.generation;
    const before = sim.trace.length;
    sim.closeConsumer('b');
    sim.runUntilTime(20_000);
    sim.restartConsumer('b');
    sim.runUntilTime(30_000);
    const after = sim.trace.slice(before);
    expect(after.filter((e) => e.kind === 'memberRemoved').map((e) => e.reason)).toEqual(['replaced-static']);
    expect(after.some((e) => e.kind === 'groupStateChanged')).toBe(false);
    expect(ownership(sim, ['a', 'b'])).toEqual({ a: range(0, 2), b: range(3, 5) });
    const group = describeGroup(sim.state, 'waitroom')!;
    expect(group.generation).toBe(generation);
    expect(group.members.map((m) => m.groupInstanceId)).toEqual(['instance-a', 'instance-b']);
    expect(group.members[1]!.memberId).toMatch(/^instance-b-/);
  });

  it('a static member that stays away past session.timeout.ms is removed and the group rebalances', () => {
    const sim = start();
    sim.closeConsumer('b');
    sim.runUntilTime(60_000);
    expect(sim.trace.find((e) => e.kind === 'memberRemoved')).toMatchObject({ reason: 'session-timeout', consumer: 'b' });
    expect(ownership(sim, ['a', 'b'])).toEqual({ a: range(0, 5), b: [] });
  });
});
