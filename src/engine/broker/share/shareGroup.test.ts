/**
 * Share groups (KIP-932) end to end through the public surface: share consumers join, the coordinator's
 * SimpleAssignor splits the partitions, records are acquired under a lock and acknowledged, and a
 * crash, a hang or a poison record play out as Kafka 4.1+ plays them.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, KafkaSimError, type Simulation, type TraceEntry } from '../../index';

function cluster(partitions: number, records: number) {
  const sim = createSimulation({ seed: 7, brokers: 3, traceLimit: 1_000_000 });
  sim.execute({ type: 'createTopic', name: 'QUEUE_READY', partitions, replicationFactor: 3 });
  sim.execute({ type: 'createProducer', clientId: 'waitroom' });
  // The group starts where the log starts, so every record sent below is in the story.
  sim.execute({ type: 'alterShareGroupConfigs', groupId: 'checkout', configs: { 'share.auto.offset.reset': 'earliest' } });
  for (let i = 0; i < records; i++) sim.execute({ type: 'send', producer: 'waitroom', topic: 'QUEUE_READY', key: `user-${i}`, value: `ready-${i}` });
  return sim;
}

function addShareConsumer(sim: Simulation, name: string, options: { explicit?: boolean; loopMs?: number; maxPollRecords?: number } = {}) {
  sim.execute({
    type: 'createShareConsumer',
    clientId: name,
    config: { 'group.id': 'checkout', 'share.acknowledgement.mode': options.explicit === true ? 'explicit' : 'implicit', 'max.poll.records': options.maxPollRecords ?? 500 },
  });
  sim.execute({ type: 'shareSubscribe', consumer: name, topics: ['QUEUE_READY'] });
  if (options.loopMs !== undefined) sim.execute({ type: 'startShareConsumerLoop', consumer: name, processingMsPerRecord: options.loopMs });
}

const ofKind = <K extends TraceEntry['kind']>(sim: Simulation, kind: K) => sim.trace.filter((e): e is TraceEntry & { kind: K } => e.kind === kind);
const processedOffsets = (sim: Simulation) => ofKind(sim, 'shareRecordProcessed').map((e) => `${e.partition}:${e.offset}`);
const assignmentOf = (sim: Simulation, consumer: string) => sim.state.shareGroups['checkout']!.members.find((m) => m.consumer === consumer)?.assignment ?? null;

describe('share groups (KIP-932)', () => {
  it('refuses the configs a share consumer does not support, and needs a group.id', () => {
    const sim = cluster(3, 0);
    for (const name of ['auto.offset.reset', 'enable.auto.commit', 'group.instance.id', 'isolation.level', 'session.timeout.ms', 'partition.assignment.strategy']) {
      expect(() => sim.execute({ type: 'createShareConsumer', clientId: 'c', config: { 'group.id': 'g', [name]: 'x' } })).toThrow(/does not support/);
    }
    expect(() => sim.execute({ type: 'createShareConsumer', clientId: 'c', config: {} as never })).toThrow(KafkaSimError);
  });

  it('share group: 3 instances on 10 partitions split them 4/3/3 with no partition shared, and each record is processed once', () => {
    const sim = cluster(10, 60);
    for (const name of ['waitroom-1', 'waitroom-2', 'waitroom-3']) addShareConsumer(sim, name, { loopMs: 10 });
    sim.runUntilTime(20_000);
    const sizes = ['waitroom-1', 'waitroom-2', 'waitroom-3'].map((c) => assignmentOf(sim, c)!.length).sort();
    expect(sizes).toEqual([3, 3, 4]);
    const owners = new Map<string, number>();
    for (const c of ['waitroom-1', 'waitroom-2', 'waitroom-3']) for (const tp of assignmentOf(sim, c)!) owners.set(`${tp.partition}`, (owners.get(`${tp.partition}`) ?? 0) + 1);
    expect([...owners.values()].every((n) => n === 1)).toBe(true);
    const processed = processedOffsets(sim);
    expect(processed).toHaveLength(60);
    expect(new Set(processed).size).toBe(60);
    expect(ofKind(sim, 'shareRecordProcessed').every((e) => e.deliveryCount === 1)).toBe(true);
    expect(sim.state.shareGroups['checkout']!.state).toBe('Stable');
  });

  it('share group: with more instances than partitions several share one, and no record is held by two at once', () => {
    const sim = cluster(3, 90);
    for (let i = 1; i <= 5; i++) addShareConsumer(sim, `worker-${i}`, { loopMs: 5, maxPollRecords: 4 });
    sim.runUntilTime(20_000);
    const perPartition = [0, 1, 2].map((p) => [1, 2, 3, 4, 5].filter((i) => assignmentOf(sim, `worker-${i}`)!.some((tp) => tp.partition === p)).length);
    expect(perPartition).toEqual([2, 2, 2]); // desiredSharing = ceil(5/3)
    // Every worker got work, though there are only 3 partitions.
    expect(new Set(ofKind(sim, 'shareRecordProcessed').map((e) => e.consumer)).size).toBe(5);
    expect(processedOffsets(sim)).toHaveLength(90);
    expect(new Set(processedOffsets(sim)).size).toBe(90);
  });

  it("share group: a crash releases the member's acquired records at once; the group removes it only after the session timeout", () => {
    const sim = cluster(2, 40);
    addShareConsumer(sim, 'a', { loopMs: 1_000, maxPollRecords: 5 });
    addShareConsumer(sim, 'b', { loopMs: 1_000, maxPollRecords: 5 });
    sim.runUntil((e) => e.kind === 'shareRecordProcessed' && e.consumer === 'a');
    const heldByA = ofKind(sim, 'shareRecordsAcquired')
      .filter((e) => e.consumer === 'a')
      .at(-1)!;
    const crashedAt = sim.time;
    const lastHeartbeat = sim.state.shareGroups['checkout']!.members.find((m) => m.consumer === 'a')!.lastHeartbeatAt;
    sim.execute({ type: 'crashConsumer', consumer: 'a' });
    sim.runUntilTime(crashedAt + 100);
    const released = ofKind(sim, 'shareRecordsReleased').filter((e) => e.reason === 'session-closed');
    expect(released.map((e) => e.consumer)).toEqual(['a']);
    expect(released[0]!.ranges.every((r) => r.state === 'AVAILABLE')).toBe(true);
    // Still a member (and still assigned its partition) until group.share.session.timeout.ms passes.
    expect(assignmentOf(sim, 'a')).not.toBeNull();
    sim.runUntilTime(lastHeartbeat + 44_999);
    expect(assignmentOf(sim, 'a')).not.toBeNull();
    sim.runUntilTime(lastHeartbeat + 45_000);
    expect(assignmentOf(sim, 'a')).toBeNull();
    sim.runUntilTime(crashedAt + 120_000);
    expect(ofKind(sim, 'shareMemberRemoved').map((e) => e.reason)).toEqual(['session-timeout']);
    expect(assignmentOf(sim, 'b')).toHaveLength(2);
    // b gets a's released records again, with the delivery count kept (2).
    const redelivered = ofKind(sim, 'shareRecordProcessed').filter(
      (e) => e.consumer === 'b' && e.partition === heldByA.partition && e.offset >= heldByA.ranges[0]!.firstOffset && e.offset <= heldByA.ranges.at(-1)!.lastOffset,
    );
    expect(redelivered.length).toBeGreaterThan(0);
    expect(redelivered.some((e) => e.deliveryCount === 2)).toBe(true);
    // Nothing lost: every record was processed at least once.
    expect(new Set(processedOffsets(sim)).size).toBe(40);
  });

  it('share group: records held by a member that never acknowledges come back when the acquisition lock runs out (30 s)', () => {
    const sim = cluster(1, 3);
    addShareConsumer(sim, 'stuck', { explicit: true });
    sim.runUntilTime(6_000);
    sim.execute({ type: 'sharePoll', consumer: 'stuck' });
    sim.runUntilTime(sim.time + 100);
    const acquired = ofKind(sim, 'shareRecordsAcquired');
    expect(acquired).toHaveLength(1);
    expect(ofKind(sim, 'shareRecordsReleased')).toHaveLength(0);
    sim.runUntilTime(acquired[0]!.time + 30_000);
    const released = ofKind(sim, 'shareRecordsReleased');
    expect(released.map((e) => e.reason)).toEqual(['lock-timeout']);
    expect(released[0]!.time).toBe(acquired[0]!.time + 30_000);
    // Acknowledging after the lock ran out is refused by the leader (INVALID_RECORD_STATE).
    sim.execute({ type: 'shareAcknowledge', consumer: 'stuck', topic: 'QUEUE_READY', partition: 0, offset: 0, acknowledgeType: 'ACCEPT' });
    sim.execute({ type: 'sharePoll', consumer: 'stuck' });
    sim.runUntilTime(sim.time + 100);
    expect(ofKind(sim, 'shareAcknowledgementRejected')).toHaveLength(1);
  });

  it('share group: a poison record released again and again is archived at the delivery count limit (5) and never delivered again', () => {
    const sim = cluster(1, 1);
    addShareConsumer(sim, 'worker', { explicit: true });
    sim.runUntilTime(6_000);
    const deliveries: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      sim.execute({ type: 'sharePoll', consumer: 'worker' });
      sim.runUntilTime(sim.time + 600);
      const held = sim.state.shareConsumers['worker']!.delivered;
      if (held.length === 0) continue;
      deliveries.push(held[0]!.deliveryCount);
      sim.execute({ type: 'shareAcknowledge', consumer: 'worker', topic: 'QUEUE_READY', partition: 0, offset: 0, acknowledgeType: 'RELEASE' });
    }
    expect(deliveries).toEqual([1, 2, 3, 4, 5]);
    const sp = sim.state.shareGroups['checkout']!.sharePartitions['QUEUE_READY-0']!;
    expect(sp.startOffset).toBe(1); // SPSO passed the archived record
    expect(sp.batches).toEqual([]);
  });

  it('share group: REJECT archives a record at once, and SPSO moves past accepted and rejected records', () => {
    const sim = cluster(1, 3);
    addShareConsumer(sim, 'worker', { explicit: true });
    sim.runUntilTime(6_000);
    sim.execute({ type: 'sharePoll', consumer: 'worker' });
    sim.runUntilTime(sim.time + 100);
    sim.execute({ type: 'shareAcknowledge', consumer: 'worker', topic: 'QUEUE_READY', partition: 0, offset: 0, acknowledgeType: 'ACCEPT' });
    sim.execute({ type: 'shareAcknowledge', consumer: 'worker', topic: 'QUEUE_READY', partition: 0, offset: 1, acknowledgeType: 'REJECT' });
    sim.execute({ type: 'sharePoll', consumer: 'worker' });
    sim.runUntilTime(sim.time + 100);
    const sp = sim.state.shareGroups['checkout']!.sharePartitions['QUEUE_READY-0']!;
    expect(sp.startOffset).toBe(2);
    expect(() => sim.execute({ type: 'shareAcknowledge', consumer: 'worker', topic: 'QUEUE_READY', partition: 0, offset: 0, acknowledgeType: 'ACCEPT' })).toThrow(/holds no record/);
  });

  it('share group: share.auto.offset.reset=latest (the default) starts at the high watermark, so earlier records are not delivered', () => {
    const sim = createSimulation({ seed: 1, traceLimit: 100_000 });
    sim.execute({ type: 'createTopic', name: 't', partitions: 1 });
    sim.execute({ type: 'createProducer', clientId: 'p' });
    sim.execute({ type: 'send', producer: 'p', topic: 't', value: 'before' });
    sim.runUntilTime(1_000);
    sim.execute({ type: 'createShareConsumer', clientId: 'c', config: { 'group.id': 'g' } });
    sim.execute({ type: 'shareSubscribe', consumer: 'c', topics: ['t'] });
    sim.execute({ type: 'startShareConsumerLoop', consumer: 'c', processingMsPerRecord: 1 });
    sim.runUntilTime(3_000);
    sim.execute({ type: 'send', producer: 'p', topic: 't', value: 'after' });
    sim.runUntilTime(6_000);
    expect(ofKind(sim, 'shareRecordProcessed').map((e) => e.value)).toEqual(['after']);
  });

  it('share group: a group id already used by a consumer group is refused', () => {
    const sim = createSimulation({ seed: 1 });
    sim.execute({ type: 'createTopic', name: 't', partitions: 1 });
    sim.execute({ type: 'createConsumer', clientId: 'classic', config: { 'group.id': 'g' } });
    sim.execute({ type: 'subscribe', consumer: 'classic', topics: ['t'] });
    sim.execute({ type: 'poll', consumer: 'classic' });
    sim.runUntilTime(5_000);
    expect(() => sim.execute({ type: 'alterShareGroupConfigs', groupId: 'g', configs: { 'share.auto.offset.reset': 'earliest' } })).toThrow(/share one name space/);
  });

  it('share group: a handler that hangs longer than the lock gets its records taken back; its late acknowledgement is refused and they are processed again', () => {
    const sim = cluster(1, 3);
    addShareConsumer(sim, 'slow', { loopMs: 100 });
    sim.runUntil((e) => e.kind === 'shareRecordsAcquired');
    sim.execute({ type: 'setProcessingPaused', consumer: 'slow', paused: true });
    const acquiredAt = ofKind(sim, 'shareRecordsAcquired')[0]!.time;
    sim.runUntilTime(acquiredAt + 31_000);
    expect(ofKind(sim, 'shareRecordsReleased').map((e) => e.reason)).toEqual(['lock-timeout']);
    // Still a member: heartbeats go on while the handler hangs.
    expect(assignmentOf(sim, 'slow')).toHaveLength(1);
    sim.execute({ type: 'setProcessingPaused', consumer: 'slow', paused: false });
    sim.runUntilTime(sim.time + 5_000);
    expect(ofKind(sim, 'shareAcknowledgementRejected')).toHaveLength(1);
    const deliveries = ofKind(sim, 'shareRecordProcessed').map((e) => `${e.offset}:${e.deliveryCount}`);
    // Processed once before the lock ran out (each record) and again after, on delivery 2.
    expect(deliveries.filter((d) => d.endsWith(':2'))).toHaveLength(3);
  });

  it("share group: a consumer group cannot take a share group's id, and a share consumer whose id is a consumer group's asks again only every heartbeat interval", () => {
    const sim = cluster(1, 0);
    addShareConsumer(sim, 'worker');
    sim.runUntilTime(1_000);
    sim.execute({ type: 'createConsumer', clientId: 'classic', config: { 'group.id': 'checkout' } });
    sim.execute({ type: 'subscribe', consumer: 'classic', topics: ['QUEUE_READY'] });
    sim.execute({ type: 'poll', consumer: 'classic' });
    sim.runUntilTime(10_000);
    expect(sim.state.groups['checkout']).toBeUndefined();

    const clash = createSimulation({ seed: 3, networkLatencyMs: 0 });
    clash.execute({ type: 'createTopic', name: 't', partitions: 1 });
    clash.execute({ type: 'createConsumer', clientId: 'classic', config: { 'group.id': 'g' } });
    clash.execute({ type: 'subscribe', consumer: 'classic', topics: ['t'] });
    clash.execute({ type: 'poll', consumer: 'classic' });
    clash.runUntilTime(5_000);
    clash.execute({ type: 'createShareConsumer', clientId: 'share', config: { 'group.id': 'g' } });
    clash.execute({ type: 'shareSubscribe', consumer: 'share', topics: ['t'] });
    // With no network latency an immediate retry would stop the clock; the retry waits a heartbeat interval.
    const run = clash.runUntilTime(30_000, 5_000);
    expect(run.steps).toBeLessThan(5_000);
    expect(clash.time).toBe(30_000);
  });

  it('share group: an explicit loop does not accept a record the application already released, so the rest of its acknowledgements go through', () => {
    const sim = cluster(1, 3);
    addShareConsumer(sim, 'worker', { explicit: true, loopMs: 1_000 });
    sim.runUntil((e) => e.kind === 'shareRecordsAcquired');
    sim.runUntilTime(sim.time + 10); // the answer reaches the client; the first record is still being processed
    sim.execute({ type: 'shareAcknowledge', consumer: 'worker', topic: 'QUEUE_READY', partition: 0, offset: 0, acknowledgeType: 'RELEASE' });
    sim.runUntilTime(sim.time + 10_000);
    expect(ofKind(sim, 'shareAcknowledgementRejected')).toEqual([]);
    // Offset 0 went back and came again, on delivery 2; 1 and 2 were accepted once.
    expect(
      ofKind(sim, 'shareRecordsAcquired')
        .flatMap((e) => e.ranges)
        .some((r) => r.firstOffset === 0 && r.deliveryCount === 2),
    ).toBe(true);
    expect(sim.state.shareGroups['checkout']!.sharePartitions['QUEUE_READY-0']!.startOffset).toBe(3);
  });
});
