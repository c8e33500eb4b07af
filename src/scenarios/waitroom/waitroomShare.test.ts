/**
 * The waitroom with a share group, run headless: the story's claims checked against the engine.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../../engine';
import { stuckCheckouts } from './checks';
import { redis, WAITROOM_GROUP } from './waitroom';
import { waitroomShare } from './waitroomShare';

function start(): Simulation {
  const sim = createSimulation({ ...waitroomShare.options, seed: waitroomShare.seed, handlers: waitroomShare.handlers!, traceLimit: 2_000_000 });
  waitroomShare.setup(sim);
  return sim;
}

const ofKind = <K extends TraceEntry['kind']>(sim: Simulation, kind: K) => sim.trace.filter((e): e is TraceEntry & { kind: K } => e.kind === kind);

function act(sim: Simulation, label: string): void {
  const experiment = waitroomShare.experiments!.find((x) => x.label === label)!;
  for (const command of experiment.commands(sim.state)) sim.execute(command);
}

describe('waitroom with a share group', () => {
  it('share group: the three instances split the 30 CHECKOUT partitions 10/10/10 and every result frees its slot exactly once', () => {
    const sim = start();
    sim.runUntilTime(120_000);
    const group = sim.state.shareGroups[WAITROOM_GROUP]!;
    expect(group.members.map((m) => m.assignment.length)).toEqual([10, 10, 10]);
    const freed = ofKind(sim, 'appEvent').filter((e) => e.event === 'SLOT_FREED');
    expect(freed.length).toBeGreaterThan(10);
    expect(redis(sim.state).doubleFrees ?? []).toEqual([]);
    // Every result was processed once, on its first delivery.
    const processed = ofKind(sim, 'shareRecordProcessed');
    expect(processed.every((e) => e.deliveryCount === 1)).toBe(true);
    expect(new Set(processed.map((e) => `${e.topic}-${e.partition}@${e.offset}`)).size).toBe(processed.length);
  });

  it('share group: crashing waitroom-2 hands back only its in-flight results at once; after 45 s the others take its partitions and no result is lost', () => {
    const sim = start();
    // Crash it while it holds results: right after it acquired some.
    sim.runUntilTime(20_000);
    sim.runUntil((e) => e.kind === 'shareRecordsAcquired' && e.consumer === 'waitroom-2', 200_000);
    const crashedAt = sim.time;
    act(sim, 'Crash waitroom-2');
    sim.runUntilTime(crashedAt + 100);
    const released = ofKind(sim, 'shareRecordsReleased');
    expect(released.map((e) => [e.consumer, e.reason])).toEqual([['waitroom-2', 'session-closed']]);
    // While the group still lists it, a stuck checkout's result belongs to waitroom-2, which is down.
    sim.runUntilTime(crashedAt + 30_000);
    const stuck = stuckCheckouts(sim.state);
    expect(stuck.length).toBeGreaterThan(0);
    expect(stuck.every((f) => f.text.includes('it belongs to waitroom-2, which is down'))).toBe(true);
    sim.runUntilTime(crashedAt + 120_000);
    expect(ofKind(sim, 'shareMemberRemoved').map((e) => [e.consumer, e.reason])).toEqual([['waitroom-2', 'session-timeout']]);
    expect(sim.state.shareGroups[WAITROOM_GROUP]!.members.map((m) => m.assignment.length)).toEqual([15, 15]);
    // The released results reached a survivor, on their second delivery; none went missing.
    const again = ofKind(sim, 'shareRecordProcessed').filter((e) => e.deliveryCount === 2);
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((e) => e.consumer !== 'waitroom-2')).toBe(true);
    const results = Object.values(sim.state.topics)
      .filter((t) => t.name.startsWith('CHECKOUT_'))
      .flatMap((t) => t.partitions.flatMap((p) => p.log.records.map((r) => `${t.name}-${p.partition}@${r.offset}`)));
    const done = new Set(ofKind(sim, 'shareRecordProcessed').map((e) => `${e.topic}-${e.partition}@${e.offset}`));
    // Only results produced in the last moments may still be in flight.
    expect(results.filter((r) => !done.has(r)).length).toBeLessThan(5);
  });

  it('share group: an added instance joins without a rebalance barrier and gets partitions', () => {
    const sim = start();
    sim.runUntilTime(30_000);
    act(sim, 'Add a waitroom instance');
    sim.runUntilTime(60_000);
    const group = sim.state.shareGroups[WAITROOM_GROUP]!;
    expect(group.members).toHaveLength(4);
    expect(group.members.map((m) => m.assignment.length).sort()).toEqual([7, 7, 8, 8]);
    expect(group.state).toBe('Stable');
    expect(ofKind(sim, 'shareRecordProcessed').some((e) => e.consumer === 'waitroom-4')).toBe(true);
  });

  it('share group: stalling waitroom-3 past the lock gets its held results offered again; resumed, it frees those slots a second time', () => {
    const sim = start();
    sim.runUntilTime(20_000);
    sim.runUntil((e) => e.kind === 'shareRecordsAcquired' && e.consumer === 'waitroom-3', 200_000);
    act(sim, 'Stall waitroom-3');
    const stalledAt = sim.time;
    sim.runUntilTime(stalledAt + 31_000);
    expect(ofKind(sim, 'shareRecordsReleased').some((e) => e.reason === 'lock-timeout')).toBe(true);
    act(sim, 'Stall waitroom-3'); // resume
    sim.runUntilTime(sim.time + 10_000);
    expect(ofKind(sim, 'shareAcknowledgementRejected').some((e) => e.consumer === 'waitroom-3')).toBe(true);
    expect(ofKind(sim, 'shareRecordProcessed').some((e) => e.consumer === 'waitroom-3' && e.deliveryCount === 2)).toBe(true);
    // The story's consequence: the handler ran twice for one result, so a slot was freed twice.
    expect((redis(sim.state).doubleFrees ?? []).length).toBeGreaterThan(0);
  });
});
