import { describe, expect, it } from 'vitest';
import { createSimulation, partitionForKey, type TraceEntry, type TraceLevel } from '../../engine';
import { narrateEntry, narrateStep } from './narrate';

const MESSAGE_AND_CONTROL = new Set<TraceLevel>(['message', 'control']);

function runDemo(): TraceEntry[] {
  const sim = createSimulation({ seed: 1, traceLimit: 100_000 });
  sim.createTopic({ name: 'orders', partitions: 3 });
  sim.createProducer({ clientId: 'shop' });
  sim.createConsumer({ clientId: 'reader', config: { 'group.id': 'g', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } });
  sim.assign(
    'reader',
    [0, 1, 2].map((partition) => ({ topic: 'orders', partition })),
  );
  for (const key of ['alice', 'bob', 'alice']) sim.send({ producer: 'shop', topic: 'orders', key, value: 'x' });
  sim.runUntilIdle();
  sim.poll('reader');
  sim.runUntilIdle(10);
  sim.commit('reader');
  sim.runUntilIdle(10);
  return [...sim.trace];
}

describe('narration', () => {
  const entries = runDemo();

  it('has a sentence for every entry the engine wrote', () => {
    for (const e of entries) expect(narrateEntry(e).length).toBeGreaterThan(10);
  });

  it('says where murmur2 put a keyed record, matching the partitioner', () => {
    const appended = entries.find((e) => e.kind === 'recordAppended' && e.key === 'alice')!;
    const text = narrateStep([appended], MESSAGE_AND_CONTROL)!;
    expect(text).toContain(`murmur2("alice") picked partition ${partitionForKey('alice', 3)}`);
    expect(text).toContain('at offset 0');
  });

  it('tells a multi-partition commit as one line that explains the next-offset rule', () => {
    const commits = entries.filter((e) => e.kind === 'offsetCommitted');
    expect(commits.length).toBeGreaterThan(1);
    const text = narrateStep(commits, MESSAGE_AND_CONTROL)!;
    expect(text.match(/committed offsets/g)).toHaveLength(1);
    expect(text).toContain('next record to read');
  });

  it('hides internal entries unless asked for', () => {
    const internal = entries.filter((e) => e.level === 'internal');
    expect(internal.length).toBeGreaterThan(0);
    expect(narrateStep(internal, MESSAGE_AND_CONTROL)).toBeNull();
    expect(narrateStep(internal, new Set<TraceLevel>(['internal']))).not.toBeNull();
  });
});

describe('narration of a producer through an outage', () => {
  // 3 brokers, min.insync.replicas 3 with a follower down: every send is retried until delivery.timeout.ms,
  // then the idempotent producer gives up and bumps its epoch (KIP-360).
  function outage(): TraceEntry[] {
    const sim = createSimulation({ seed: 4, brokers: 3, traceLimit: 100_000 });
    sim.createTopic({ name: 't', partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': 3 } });
    sim.createProducer({ clientId: 'shop', config: { 'linger.ms': 0 } });
    const { leader, replicas } = sim.state.topics.t!.partitions[0]!;
    sim.crashBroker(replicas.find((id) => id !== leader)!);
    sim.crashBroker(leader);
    sim.send({ producer: 'shop', topic: 't', key: 'k', value: 'v' });
    sim.runUntilTime(sim.time + 20_000);
    sim.restartBroker(leader);
    sim.runUntilTime(sim.time + 130_000);
    return [...sim.trace];
  }
  const entries = outage();

  it('says the producer holds its batches while the partition has no reachable leader', () => {
    const waiting = entries.find((e) => e.kind === 'producerAwaitingLeader')!;
    expect(narrateEntry(waiting)).toMatch(/shop holds 1 batch for t-0: (the partition has no leader|its leader, broker \d, cannot be reached)/);
  });

  it('says how long the retry waits and that the pause doubles', () => {
    const retry = entries.find((e) => e.kind === 'produceRetried')!;
    expect(narrateEntry(retry)).toMatch(/shop will send its batch for t-0 again in \d+ ms \(attempt 2\) after NOT_ENOUGH_REPLICAS; the pause doubles/);
  });

  it('says the producer gave up on records and started a new epoch, in plain words', () => {
    const bump = entries.find((e) => e.kind === 'producerEpochBumped')!;
    expect(narrateEntry(bump)).toMatch(
      /^shop gave up on 1 record \(delivery\.timeout\.ms passed for a batch whose fate is unknown\) and started a new epoch: producer id \d+, epoch 1, sequences from 0 again/,
    );
  });
});

describe('narration of a cleaner pass', () => {
  const pass = (fields: Partial<Extract<TraceEntry, { kind: 'logCleaned' }>>): TraceEntry => ({
    id: 1,
    step: 1,
    time: 1_000,
    level: 'control',
    actors: [],
    kind: 'logCleaned',
    topic: 'profiles',
    partition: 0,
    dirtyRatio: 0.6,
    firstDirtyOffset: 0,
    cleanedUpTo: 9,
    removedOffsets: [],
    abortedRemoved: [],
    keylessRemoved: [],
    tombstonesRemoved: [],
    tombstonesStamped: [],
    markersRemoved: [],
    markersStamped: [],
    segmentsAfter: 1,
    ...fields,
  });

  it('calls transaction markers, aborted records and keyless records by their names, not tombstones or superseded records', () => {
    const text = narrateEntry(pass({ abortedRemoved: [0, 1], keylessRemoved: [2], markersStamped: [{ offset: 3, deleteHorizonMs: 11_000 }], markersRemoved: [4] }));
    expect(text).toContain('dropped 2 records of aborted transactions');
    expect(text).toContain('discarded 1 record without a key');
    expect(text).toContain('gave 1 transaction marker whose transaction has no data left a delete horizon');
    expect(text).toContain('dropped 1 transaction marker past their delete horizon');
    expect(text).not.toContain('tombstone');
  });
});

describe('narration of a crash', () => {
  it('speaks of LeaveGroup and the session timeout for a group member, and of neither for a process in no group (Redis, an HTTP service)', () => {
    const sim = createSimulation({ seed: 1 });
    sim.createConsumer({ clientId: 'redis' });
    sim.createConsumer({ clientId: 'reader', config: { 'group.id': 'g' } });
    sim.crashConsumer('redis');
    sim.crashConsumer('reader');
    const crashes = sim.trace.filter((e) => e.kind === 'consumerCrashed').map(narrateEntry);
    expect(crashes).toEqual([
      'redis crashed: it answers nothing until it is started again.',
      'reader crashed. It sends nothing more, not even LeaveGroup: group "g" keeps its partitions assigned to it until session.timeout.ms passes without a heartbeat.',
    ]);
  });
});
