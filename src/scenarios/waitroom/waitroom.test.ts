import { describe, expect, it } from 'vitest';
import { createSimulation, describeGroup, type Simulation } from '../../engine';
import { topicRecords } from '../shared/records';
import { hotPartition, joinsFailed, stuckCheckouts } from './checks';
import { CHECKOUT_TOPICS, TOPICS, type WaitroomRedis } from './model';
import { WAITROOM_GROUP, WAITROOM_INSTANCES, WAITROOM_SESSION_TIMEOUT_MS, waitroom } from './waitroom';

function start(): Simulation {
  const sim = createSimulation({ ...waitroom.options, seed: waitroom.seed, handlers: waitroom.handlers!, traceLimit: 0 });
  waitroom.setup(sim);
  return sim;
}

/** Partitions each instance owns, per CHECKOUT_* topic (the same split for each). */
function table(sim: Simulation): Record<string, number[]> {
  return Object.fromEntries(WAITROOM_INSTANCES.map((id) => [id, sim.state.consumers[id]!.assignment.filter((tp) => tp.topic === TOPICS.completed).map((tp) => tp.partition)]));
}

function redis(sim: Simulation): WaitroomRedis {
  return sim.state.services[WAITROOM_GROUP]!.store as unknown as WaitroomRedis;
}

describe('waitroom (seeds/waitroom.md)', () => {
  it('three instances share each CHECKOUT topic 0-3 / 4-6 / 7-9; crash waitroom-2 and nothing moves until its session times out, then 0-4 / 5-9', () => {
    const sim = start();
    sim.runUntilTime(20_000);
    expect(table(sim)).toEqual({ 'waitroom-1': [0, 1, 2, 3], 'waitroom-2': [4, 5, 6], 'waitroom-3': [7, 8, 9] });
    for (const id of WAITROOM_INSTANCES) expect(sim.state.consumers[id]!.assignment).toHaveLength(3 * (id === 'waitroom-1' ? 4 : 3));
    sim.crashConsumer('waitroom-2');
    const crashedAt = sim.time;
    const deadline = Object.values(sim.state.groups[WAITROOM_GROUP]!.members).find((m) => m.consumer === 'waitroom-2')!.sessionDeadline;
    expect(deadline - crashedAt).toBeLessThanOrEqual(WAITROOM_SESSION_TIMEOUT_MS);
    sim.runUntilTime(deadline - 1);
    expect(table(sim)).toEqual({ 'waitroom-1': [0, 1, 2, 3], 'waitroom-2': [], 'waitroom-3': [7, 8, 9] });
    sim.runUntilTime(deadline + 5_000);
    expect(table(sim)).toEqual({ 'waitroom-1': [0, 1, 2, 3, 4], 'waitroom-2': [], 'waitroom-3': [5, 6, 7, 8, 9] });
    expect(describeGroup(sim.state, WAITROOM_GROUP)).toMatchObject({ state: 'Stable', generation: 2 });
  });

  it('while waitroom-2 is dead, users whose result lands on 4-6 hold their slot; afterwards the slots free', () => {
    const sim = start();
    sim.runUntilTime(20_000);
    sim.crashConsumer('waitroom-2');
    let stuckSeen = 0;
    const until = sim.time + WAITROOM_SESSION_TIMEOUT_MS;
    for (let t = sim.time; t < until; t += 500) {
      sim.runUntilTime(t);
      stuckSeen = Math.max(stuckSeen, Object.keys(redis(sim).processing).length);
    }
    // Results for partitions 4-6 sit unread meanwhile.
    const unread = CHECKOUT_TOPICS.flatMap((t) => topicRecords(sim.state, t)).filter(({ partition, record }) => partition >= 4 && partition <= 6 && redis(sim).processing[record.key!] !== undefined);
    expect(unread.length).toBeGreaterThan(0);
    sim.runUntilTime(sim.time + 30_000);
    // After the rebalance every result was read: nobody still holds a slot for a result already written.
    const written = new Set(CHECKOUT_TOPICS.flatMap((t) => topicRecords(sim.state, t)).map(({ record }) => record.key));
    const stillHeld = Object.keys(redis(sim).processing).filter((id) => written.has(id));
    expect(stillHeld.length).toBeLessThanOrEqual(1);
    expect(stuckSeen).toBeGreaterThan(0);
  });

  it('the stuck-checkout check names the users whose result waits on the dead instance', () => {
    const sim = start();
    sim.runUntilTime(20_000);
    sim.crashConsumer('waitroom-2');
    const member = Object.values(sim.state.groups[WAITROOM_GROUP]!.members).find((m) => m.consumer === 'waitroom-2')!;
    expect(member.sessionDeadline).toBeGreaterThan(sim.time);
    sim.runUntilTime(member.sessionDeadline - 1);
    const findings = stuckCheckouts(sim.state);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.text).toMatch(/CHECKOUT_\w+-[456] @\d+ and it belongs to waitroom-2, which is down/);
    sim.runUntilTime(member.sessionDeadline + 10_000);
    expect(stuckCheckouts(sim.state)).toEqual([]);
  });

  it('QUEUE_JOINED keyed by event id lands on one partition of five', () => {
    const sim = start();
    sim.runUntilTime(60_000);
    const partitions = new Set(topicRecords(sim.state, TOPICS.joined).map(({ partition }) => partition));
    expect(partitions.size).toBe(1);
    expect(hotPartition(sim.state)[0]!.text).toMatch(/4 of 5 stay empty/);
  });

  it('with every broker down users still join (Redis), the QUEUE_JOINED consumers stall, then catch up', () => {
    const sim = start();
    sim.runUntilTime(30_000);
    sim.crashBroker(1);
    const joinedBefore = Object.keys(redis(sim).sessions).length;
    const seenBefore = Number(sim.state.services['notification-service']!.store.count);
    sim.runUntilTime(60_000);
    expect(Object.keys(redis(sim).sessions).length).toBeGreaterThan(joinedBefore + 5);
    expect(Number(sim.state.services['notification-service']!.store.count)).toBe(seenBefore);
    sim.restartBroker(1);
    sim.runUntilTime(120_000);
    const logged = topicRecords(sim.state, TOPICS.joined).length;
    expect(Number(sim.state.services['notification-service']!.store.count)).toBe(logged);
    expect(Number(sim.state.services['dashboard-service']!.store.count)).toBe(logged);
    expect(logged).toBeGreaterThan(joinedBefore + 5);
  });

  it('with Redis down users cannot join and CHECKOUT results wait in Kafka; with Redis back the results are handled and admissions resume', () => {
    const sim = start();
    sim.runUntilTime(40_000);
    const toggle = waitroom.experiments!.find((x) => x.label === 'Take Redis down')!;
    const joined = () => topicRecords(sim.state, TOPICS.joined).length;
    const handled = () => WAITROOM_INSTANCES.reduce((n, id) => n + sim.state.consumers[id]!.processedCount, 0);
    for (const c of toggle.commands(sim.state)) sim.execute(c);
    const [joinedAtDown, handledAtDown, sessionsAtDown] = [joined(), handled(), Object.keys(redis(sim).sessions).length];
    sim.runUntilTime(70_000);
    // Nobody joined (no session, no QUEUE_JOINED), and the failures are counted as a consequence.
    expect(Object.keys(redis(sim).sessions)).toHaveLength(sessionsAtDown);
    expect(joined()).toBe(joinedAtDown);
    expect(joinsFailed(sim.state)[0]!.text).toMatch(/^\d+ users could not join: Redis/);
    // The results the checkout service produced meanwhile wait unprocessed in their topics.
    expect(handled()).toBeLessThanOrEqual(handledAtDown + WAITROOM_INSTANCES.length);
    const waiting = CHECKOUT_TOPICS.flatMap((t) => topicRecords(sim.state, t)).length - handled();
    expect(waiting).toBeGreaterThan(0);
    for (const c of toggle.commands(sim.state)) sim.execute(c);
    sim.runUntilTime(90_000);
    expect(handled()).toBeGreaterThan(handledAtDown + waiting - 1);
    expect(Object.keys(redis(sim).sessions).length).toBeGreaterThan(sessionsAtDown);
    expect(joined()).toBeGreaterThan(joinedAtDown);
  });
});
