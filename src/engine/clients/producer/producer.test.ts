import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  partitionForKey,
  RECORD_BATCH_OVERHEAD_BYTES,
  recordSizeBytes,
  type ProducerConfig,
  type RecordHeader,
  type SimulationOptions,
  type Simulation,
  type TopicConfig,
  type TraceEntry,
  type TraceKind,
} from '../../index';
import { expectCode } from '../../testing/expectCode';

function entries<K extends TraceKind>(sim: Simulation, kind: K): Extract<TraceEntry, { kind: K }>[] {
  return sim.trace.filter((e): e is Extract<TraceEntry, { kind: K }> => e.kind === kind);
}

function topicOf(sim: Simulation, name: string) {
  const topic = Object.hasOwn(sim.state.topics, name) ? sim.state.topics[name] : undefined;
  if (topic === undefined) throw new Error(`topic ${name} missing`);
  return topic;
}

function recordsOf(sim: Simulation, topic: string, partition: number) {
  const p = topicOf(sim, topic).partitions[partition];
  if (p === undefined) throw new Error(`partition ${topic}-${partition} missing`);
  return p.log.records;
}

interface Setup {
  partitions?: number;
  producer?: Partial<ProducerConfig>;
  topicConfigs?: Partial<TopicConfig>;
  options?: Omit<SimulationOptions, 'seed'>;
}

/** A 3-broker cluster with topic 't' and producer 'p'. */
function setup({ partitions = 3, producer = {}, topicConfigs, options = {} }: Setup = {}): Simulation {
  const sim = createSimulation({ seed: 42, ...options });
  sim.createTopic(topicConfigs === undefined ? { name: 't', partitions } : { name: 't', partitions, configs: topicConfigs });
  sim.createProducer({ clientId: 'p', config: producer });
  return sim;
}

describe('partition choice', () => {
  it('sends keyed records to partitionForKey(key, partitions), as the Java client does', () => {
    for (const partitions of [1, 3, 4, 6, 7]) {
      const sim = setup({ partitions });
      const keys = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'héloïse', '', '0'];
      for (const key of keys) {
        const receipt = sim.send({ producer: 'p', topic: 't', key, value: `v-${key}` });
        expect(receipt).toEqual({ topic: 't', partition: partitionForKey(key, partitions) });
      }
      sim.runUntilIdle();
      for (const key of keys) {
        const stored = recordsOf(sim, 't', partitionForKey(key, partitions)).filter((r) => r.key === key);
        expect(stored.map((r) => r.value)).toEqual([`v-${key}`]);
      }
    }
  });

  it.each([
    ['foobar', 0],
    ['abc', 0],
    ['key1', 2],
  ])('sends key %j to partition %i of 3 (Kafka vectors)', (key, expected) => {
    const sim = setup({ partitions: 3 });
    expect(sim.send({ producer: 'p', topic: 't', key, value: 'v' }).partition).toBe(expected);
    const sent = entries(sim, 'recordSent')[0];
    expect(sent).toMatchObject({ partition: expected, key, partitionedBy: 'key-hash' });
  });

  it('lets an explicit partition win over the key', () => {
    const sim = setup({ partitions: 3 });
    expect(partitionForKey('foobar', 3)).toBe(0);
    expect(sim.send({ producer: 'p', topic: 't', key: 'foobar', value: 'v', partition: 2 }).partition).toBe(2);
    sim.runUntilIdle();
    expect(recordsOf(sim, 't', 2).map((r) => r.key)).toEqual(['foobar']);
    expect(recordsOf(sim, 't', 0)).toEqual([]);
    expect(entries(sim, 'recordSent')[0]!.partitionedBy).toBe('explicit');
    expect(entries(sim, 'recordAppended')[0]!.partitionedBy).toBe('explicit');
  });

  it.each([3, -1, 1.5, 100])('rejects explicit partition %s of a 3-partition topic with SIM_INVALID_ARGUMENT', (partition) => {
    const sim = setup({ partitions: 3 });
    const before = sim.hash();
    expectCode(() => sim.send({ producer: 'p', topic: 't', key: 'k', value: 'v', partition }), 'SIM_INVALID_ARGUMENT');
    expect(sim.hash()).toBe(before);
  });
});

describe('offsets and timestamps', () => {
  it('numbers records 0, 1, 2, ... per partition in send order', () => {
    const sim = setup({ partitions: 3 });
    const sent: string[][] = [[], [], []];
    for (let i = 0; i < 30; i++) {
      const key = `k${i % 7}`;
      const value = `v${i}`;
      const { partition } = sim.send({ producer: 'p', topic: 't', key, value });
      sent[partition]!.push(value);
      if (i % 4 === 3) sim.runUntilTime(sim.time + 3); // spread the sends over several batches
    }
    sim.runUntilIdle();
    for (let p = 0; p < 3; p++) {
      const records = recordsOf(sim, 't', p);
      expect(records.map((r) => r.offset)).toEqual(records.map((_, i) => i));
      expect(records.map((r) => r.value)).toEqual(sent[p]);
      const log = topicOf(sim, 't').partitions[p]!.log;
      expect(log.logEndOffset).toBe(records.length);
      expect(log.highWatermark).toBe(records.length);
    }
  });

  it('stamps CreateTime with the simulated time of send()', () => {
    const sim = setup({ producer: { 'linger.ms': 20 } });
    sim.runUntilTime(1234);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'a' });
    sim.runUntilTime(1240);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'b' });
    sim.runUntilIdle();
    const records = recordsOf(sim, 't', partitionForKey('k', 3));
    expect(records.map((r) => r.timestamp)).toEqual([1234, 1240]);
    expect(entries(sim, 'recordAppended')[0]!.time).toBe(1234 + 20 + 1);
  });

  it('stamps the broker append time for a topic with message.timestamp.type=LogAppendTime', () => {
    const sim = setup({ topicConfigs: { 'message.timestamp.type': 'LogAppendTime' }, producer: { 'linger.ms': 5 }, options: { networkLatencyMs: 3 } });
    sim.runUntilTime(1000);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'a' });
    sim.runUntilIdle();
    const [record] = recordsOf(sim, 't', partitionForKey('k', 3));
    expect(record!.timestamp).toBe(1000 + 5 + 3);
    expect(record!.timestamp).toBe(entries(sim, 'recordAppended')[0]!.time);
  });
});

describe('batching (RecordAccumulator)', () => {
  it.each([0, 5, 100])('appends records sent at the same instant to one partition from ONE produce request (linger.ms=%i)', (lingerMs) => {
    const sim = setup({ producer: { 'linger.ms': lingerMs } });
    for (let i = 0; i < 5; i++) sim.send({ producer: 'p', topic: 't', value: `v${i}`, partition: 1 });
    sim.runUntilIdle();
    const batches = entries(sim, 'batchSent');
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ partition: 1, count: 5, time: lingerMs });
    const appended = entries(sim, 'recordAppended');
    expect(appended).toHaveLength(5);
    // One produceArrived event wrote all five: same step, consecutive offsets.
    expect(new Set(appended.map((e) => e.step)).size).toBe(1);
    expect(appended.map((e) => e.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(entries(sim, 'produceAcknowledged')).toEqual([expect.objectContaining({ baseOffset: 0, count: 5 })]);
  });

  it('sends records to different partitions in different batches', () => {
    const sim = setup();
    for (let p = 0; p < 3; p++) sim.send({ producer: 'p', topic: 't', value: 'v', partition: p });
    sim.runUntilIdle();
    expect(
      entries(sim, 'batchSent')
        .map((b) => b.partition)
        .sort(),
    ).toEqual([0, 1, 2]);
  });

  it('with linger.ms=0 sends records given at different times in separate batches', () => {
    const sim = setup({ producer: { 'linger.ms': 0 } });
    sim.send({ producer: 'p', topic: 't', value: 'a', partition: 0 });
    sim.runUntilTime(10);
    sim.send({ producer: 'p', topic: 't', value: 'b', partition: 0 });
    sim.runUntilIdle();
    expect(entries(sim, 'batchSent').map((b) => [b.time, b.count])).toEqual([
      [0, 1],
      [10, 1],
    ]);
  });

  it('with linger.ms=50 collects records sent within the linger window into one batch', () => {
    const sim = setup({ producer: { 'linger.ms': 50 } });
    sim.send({ producer: 'p', topic: 't', value: 'a', partition: 0 });
    sim.runUntilTime(20);
    sim.send({ producer: 'p', topic: 't', value: 'b', partition: 0 });
    sim.runUntilTime(49);
    expect(entries(sim, 'batchSent')).toHaveLength(0);
    sim.runUntilIdle();
    expect(entries(sim, 'batchSent').map((b) => [b.time, b.count])).toEqual([[50, 2]]);
  });

  it('sends a batch that the next record would push over batch.size and opens a new one', () => {
    const batchSize = 200;
    const sim = setup({ producer: { 'batch.size': batchSize, 'linger.ms': 100 } });
    const value = 'x'.repeat(20);
    const size = recordSizeBytes(null, value, []);
    const perBatch = Math.floor((batchSize - RECORD_BATCH_OVERHEAD_BYTES) / size);
    expect(perBatch).toBeGreaterThan(1);
    for (let i = 0; i < 10; i++) sim.send({ producer: 'p', topic: 't', value, partition: 0 });
    // The full batches went at once, without waiting for linger.ms.
    const early = entries(sim, 'batchSent');
    expect(early.length).toBe(Math.floor((10 - 1) / perBatch));
    for (const b of early) {
      expect(b.time).toBe(0);
      expect(b.count).toBe(perBatch);
      expect(RECORD_BATCH_OVERHEAD_BYTES + b.count * size).toBeLessThanOrEqual(batchSize);
      expect(RECORD_BATCH_OVERHEAD_BYTES + (b.count + 1) * size).toBeGreaterThan(batchSize);
    }
    sim.runUntilIdle();
    const all = entries(sim, 'batchSent');
    expect(all.reduce((n, b) => n + b.count, 0)).toBe(10);
    expect(all[all.length - 1]!.time).toBe(100);
    expect(recordsOf(sim, 't', 0).map((r) => r.offset)).toEqual([...Array(10).keys()]);
  });

  it('gives a record larger than batch.size a batch of its own, sent at once', () => {
    const sim = setup({ producer: { 'batch.size': 50, 'linger.ms': 100 } });
    for (let i = 0; i < 3; i++) sim.send({ producer: 'p', topic: 't', value: 'y'.repeat(100), partition: 0 });
    expect(entries(sim, 'batchSent').map((b) => [b.time, b.count])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    sim.runUntilIdle();
    expect(recordsOf(sim, 't', 0)).toHaveLength(3);
  });
});

describe('sticky partitioner (KIP-794) for keyless records', () => {
  it('keeps keyless records on one partition until batch.size bytes went there, then picks again', () => {
    const batchSize = 200;
    const sim = setup({ partitions: 3, producer: { 'batch.size': batchSize } });
    const value = 'z'.repeat(20);
    const size = recordSizeBytes(null, value, []);
    const perStick = Math.ceil(batchSize / size); // the record that reaches batch.size is the last one
    const partitions: number[] = [];
    for (let i = 0; i < perStick * 12; i++) partitions.push(sim.send({ producer: 'p', topic: 't', value }).partition);
    for (let i = 0; i < partitions.length; i++) {
      expect(partitions[i], `record ${i}`).toBe(partitions[i - (i % perStick)]);
    }
    // Over 12 picks among 3 partitions this seed switches at least once.
    expect(new Set(partitions).size).toBeGreaterThan(1);
    expect(entries(sim, 'recordSent').every((e) => e.partitionedBy === 'sticky')).toBe(true);
    sim.runUntilIdle();
    const stored = [0, 1, 2].reduce((n, p) => n + recordsOf(sim, 't', p).length, 0);
    expect(stored).toBe(partitions.length);
  });

  it('with the default batch.size (16384) keeps a burst of small keyless records on one partition', () => {
    const sim = setup({ partitions: 6 });
    const partitions = new Set<number>();
    for (let i = 0; i < 100; i++) partitions.add(sim.send({ producer: 'p', topic: 't', value: `v${i}` }).partition);
    expect(partitions.size).toBe(1);
  });

  it('keeps one sticky partition per topic', () => {
    const sim = setup({ partitions: 6 });
    sim.createTopic({ name: 'u', partitions: 6 });
    const onT = new Set<number>();
    const onU = new Set<number>();
    for (let i = 0; i < 20; i++) {
      onT.add(sim.send({ producer: 'p', topic: 't', value: 'v' }).partition);
      onU.add(sim.send({ producer: 'p', topic: 'u', value: 'v' }).partition);
    }
    expect(onT.size).toBe(1);
    expect(onU.size).toBe(1);
    expect(Object.keys(sim.state.producers.p!.sticky).sort()).toEqual(['t', 'u']);
  });

  it('with partitioner.ignore.keys=true places keyed records with the sticky partitioner too', () => {
    const keys = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    expect(new Set(keys.map((k) => partitionForKey(k, 3))).size).toBeGreaterThan(1);
    const sim = setup({ partitions: 3, producer: { 'partitioner.ignore.keys': true } });
    const partitions = new Set(keys.map((key) => sim.send({ producer: 'p', topic: 't', key, value: 'v' }).partition));
    expect(partitions.size).toBe(1);
    expect(entries(sim, 'recordSent').map((e) => e.partitionedBy)).toEqual(keys.map(() => 'sticky'));
    sim.runUntilIdle();
    const [partition] = [...partitions];
    expect(recordsOf(sim, 't', partition!).map((r) => r.key)).toEqual(keys);
  });

  it('with partitioner.ignore.keys=true and a small batch.size, keyed records switch partitions like keyless ones', () => {
    const sim = setup({ partitions: 3, producer: { 'partitioner.ignore.keys': true, 'batch.size': 100 } });
    const partitions: number[] = [];
    for (let i = 0; i < 60; i++) partitions.push(sim.send({ producer: 'p', topic: 't', key: 'same-key', value: 'v'.repeat(20) }).partition);
    expect(new Set(partitions).size).toBeGreaterThan(1);
  });
});

describe('idempotence and acks', () => {
  it('gives an idempotent producer (the default) a producer id and per-partition sequences 0, 1, 2, ...', () => {
    const sim = setup({ partitions: 2 });
    sim.createProducer({ clientId: 'q' });
    const p = sim.state.producers.p!;
    const q = sim.state.producers.q!;
    expect(p.config['enable.idempotence']).toBe(true);
    expect(p.producerId).toBeGreaterThanOrEqual(0);
    expect(q.producerId).toBeGreaterThanOrEqual(0);
    expect(q.producerId).not.toBe(p.producerId);
    for (let i = 0; i < 4; i++) {
      sim.send({ producer: 'p', topic: 't', value: `a${i}`, partition: 0 });
      sim.send({ producer: 'p', topic: 't', value: `b${i}`, partition: 1 });
      sim.send({ producer: 'q', topic: 't', value: `c${i}`, partition: 0 });
      sim.runUntilTime(sim.time + 2);
    }
    sim.runUntilIdle();
    const stored = (partition: number, clientId: string) => recordsOf(sim, 't', partition).filter((r) => r.clientId === clientId);
    expect(stored(0, 'p').map((r) => r.sequence)).toEqual([0, 1, 2, 3]);
    expect(stored(1, 'p').map((r) => r.sequence)).toEqual([0, 1, 2, 3]);
    expect(stored(0, 'q').map((r) => r.sequence)).toEqual([0, 1, 2, 3]);
    for (const r of [...stored(0, 'p'), ...stored(1, 'p')]) expect([r.producerId, r.producerEpoch]).toEqual([p.producerId, 0]);
    for (const r of stored(0, 'q')) expect(r.producerId).toBe(q.producerId);
  });

  it.each(['1', '0'] as const)('silently turns idempotence off for acks=%s when enable.idempotence was not set', (acks) => {
    const sim = setup({ producer: { acks } });
    const p = sim.state.producers.p!;
    expect(p.config['enable.idempotence']).toBe(false);
    expect(p.producerId).toBe(-1);
    sim.send({ producer: 'p', topic: 't', value: 'v', partition: 0 });
    sim.send({ producer: 'p', topic: 't', value: 'w', partition: 0 });
    sim.runUntilIdle();
    for (const r of recordsOf(sim, 't', 0)) expect([r.producerId, r.producerEpoch, r.sequence]).toEqual([-1, -1, -1]);
  });

  it.each(['1', '0'] as const)('rejects an explicit enable.idempotence=true with acks=%s as INVALID_CONFIG', (acks) => {
    const sim = createSimulation({ seed: 1 });
    expectCode(() => {
      sim.createProducer({ clientId: 'p', config: { acks, 'enable.idempotence': true } });
    }, 'INVALID_CONFIG');
    expect(Object.keys(sim.state.producers)).toEqual([]);
  });

  it('accepts enable.idempotence=false with acks=all', () => {
    const sim = setup({ producer: { acks: 'all', 'enable.idempotence': false } });
    expect(sim.state.producers.p!.producerId).toBe(-1);
  });

  it('writes no produceAcknowledged entry for acks=0, but one per batch for acks=1 and acks=all', () => {
    const countAcks = (acks: ProducerConfig['acks']) => {
      const sim = setup({ producer: { acks } });
      sim.send({ producer: 'p', topic: 't', value: 'v', partition: 0 });
      sim.send({ producer: 'p', topic: 't', value: 'v', partition: 1 });
      sim.runUntilIdle();
      expect(entries(sim, 'recordAppended')).toHaveLength(2);
      return { acks: entries(sim, 'produceAcknowledged'), ackedCount: sim.state.producers.p!.ackedCount };
    };
    expect(countAcks('0')).toEqual({ acks: [], ackedCount: 0 });
    for (const acks of ['1', 'all'] as const) {
      const result = countAcks(acks);
      expect(result.acks).toHaveLength(2);
      expect(result.acks.map((a) => [a.partition, a.baseOffset, a.count]).sort()).toEqual([
        [0, 0, 1],
        [1, 0, 1],
      ]);
      expect(result.ackedCount).toBe(2);
    }
  });

  it('answers acks=all one network latency after the append', () => {
    const sim = setup({ producer: { acks: 'all', 'linger.ms': 0 }, options: { networkLatencyMs: 4 } });
    sim.send({ producer: 'p', topic: 't', value: 'v', partition: 0 });
    sim.runUntilIdle();
    expect(entries(sim, 'recordAppended')[0]!.time).toBe(4);
    expect(entries(sim, 'produceAcknowledged')[0]!.time).toBe(8);
  });

  it.each([['2'], ['ALL'], ['']])('rejects acks=%j as INVALID_CONFIG', (acks) => {
    const sim = createSimulation({ seed: 1 });
    expectCode(() => {
      sim.createProducer({ clientId: 'p', config: { acks: acks as ProducerConfig['acks'] } });
    }, 'INVALID_CONFIG');
  });

  it.each([
    ['linger.ms', -1],
    ['batch.size', 1.5],
  ] as const)('rejects %s=%s as INVALID_CONFIG', (name, value) => {
    const sim = createSimulation({ seed: 1 });
    expectCode(() => {
      sim.createProducer({ clientId: 'p', config: { [name]: value } });
    }, 'INVALID_CONFIG');
  });
});

describe('topics that do not exist, compacted topics, clients', () => {
  it('with auto.create.topics.enable=false rejects a send to an unknown topic with UNKNOWN_TOPIC_OR_PARTITION', () => {
    const sim = createSimulation({ seed: 1, brokerConfig: { 'auto.create.topics.enable': false } });
    sim.createProducer({ clientId: 'p' });
    const before = sim.hash();
    expectCode(() => sim.send({ producer: 'p', topic: 'nope', key: 'k', value: 'v' }), 'UNKNOWN_TOPIC_OR_PARTITION');
    expect(sim.hash()).toBe(before);
    expect(Object.keys(sim.state.topics)).toEqual([]);
  });

  it('by default auto-creates an unknown topic with num.partitions partitions', () => {
    const sim = createSimulation({ seed: 1, brokerConfig: { 'num.partitions': 4 } });
    sim.createProducer({ clientId: 'p' });
    const receipt = sim.send({ producer: 'p', topic: 'fresh', key: 'key1', value: 'v' });
    expect(receipt).toEqual({ topic: 'fresh', partition: partitionForKey('key1', 4) });
    const topic = topicOf(sim, 'fresh');
    expect(topic.partitions).toHaveLength(4);
    expect(topic.autoCreated).toBe(true);
    for (const p of topic.partitions) expect(p.replicas).toHaveLength(1); // default.replication.factor = 1
    expect(entries(sim, 'topicCreated')).toEqual([expect.objectContaining({ topic: 'fresh', partitions: 4, replicationFactor: 1, autoCreated: true })]);
    sim.runUntilIdle();
    expect(recordsOf(sim, 'fresh', receipt.partition).map((r) => r.value)).toEqual(['v']);
  });

  it('does not auto-create a topic with an illegal name', () => {
    const sim = createSimulation({ seed: 1 });
    sim.createProducer({ clientId: 'p' });
    expectCode(() => sim.send({ producer: 'p', topic: 'bad name', value: 'v' }), 'INVALID_TOPIC_EXCEPTION');
    expect(Object.keys(sim.state.topics)).toEqual([]);
  });

  it.each(['compact', 'compact,delete'] as const)('rejects a keyless record to a cleanup.policy=%s topic with INVALID_RECORD', (policy) => {
    const sim = setup({ topicConfigs: { 'cleanup.policy': policy } });
    const before = sim.hash();
    expectCode(() => sim.send({ producer: 'p', topic: 't', value: 'v' }), 'INVALID_RECORD');
    expectCode(() => sim.send({ producer: 'p', topic: 't', key: null, value: 'v', partition: 0 }), 'INVALID_RECORD');
    expect(sim.hash()).toBe(before);
    // A keyed record (a tombstone too) is fine.
    sim.send({ producer: 'p', topic: 't', key: 'k', value: null });
    sim.runUntilIdle();
    expect(recordsOf(sim, 't', partitionForKey('k', 3)).map((r) => [r.key, r.value])).toEqual([['k', null]]);
  });

  it('rejects a send from an unknown producer with SIM_UNKNOWN_CLIENT', () => {
    const sim = setup();
    expectCode(() => sim.send({ producer: 'ghost', topic: 't', value: 'v' }), 'SIM_UNKNOWN_CLIENT');
    expectCode(() => sim.send({ producer: 'toString', topic: 't', value: 'v' }), 'SIM_UNKNOWN_CLIENT');
  });

  it('rejects a second producer with the same client id with SIM_DUPLICATE_CLIENT', () => {
    const sim = setup();
    expectCode(() => {
      sim.createProducer({ clientId: 'p' });
    }, 'SIM_DUPLICATE_CLIENT');
    expectCode(() => {
      sim.createProducer({ clientId: '' });
    }, 'SIM_INVALID_ARGUMENT');
  });

  it('stores headers and null values as given', () => {
    const sim = setup();
    const headers = [
      { key: 'trace-id', value: 'abc' },
      { key: 'trace-id', value: null },
    ];
    sim.send({ producer: 'p', topic: 't', key: 'k', value: null, headers });
    sim.runUntilIdle();
    const [record] = recordsOf(sim, 't', partitionForKey('k', 3));
    expect(record).toMatchObject({ key: 'k', value: null, headers, clientId: 'p', sizeBytes: recordSizeBytes('k', null, headers) });
  });

  // Regression: send() used to store the caller's headers array itself, so changing it after send()
  // rewrote a record already in the log. Kafka serialises headers at send().
  it("does not let the caller change a record's headers after send()", () => {
    const sim = setup();
    const headers: RecordHeader[] = [{ key: 'h', value: 'original' }];
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'v', headers });
    sim.runUntilIdle();
    headers[0]!.value = 'changed later';
    headers.push({ key: 'extra', value: null });
    expect(recordsOf(sim, 't', partitionForKey('k', 3))[0]!.headers).toEqual([{ key: 'h', value: 'original' }]);
  });
});

describe('trace levels', () => {
  it("writes recordAppended as 'message' and recordSent, batchSent, produceAcknowledged as 'internal'", () => {
    const sim = setup();
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'v' });
    sim.runUntilIdle();
    const levels = Object.fromEntries(sim.trace.map((e) => [e.kind, e.level]));
    expect(levels).toMatchObject({
      topicCreated: 'control',
      producerCreated: 'control',
      recordSent: 'internal',
      batchSent: 'internal',
      recordAppended: 'message',
      produceAcknowledged: 'internal',
    });
    const appended = entries(sim, 'recordAppended')[0]!;
    const partition = partitionForKey('k', 3);
    const leader = topicOf(sim, 't').partitions[partition]!.leader;
    expect(appended).toMatchObject({ producer: 'p', topic: 't', partition, offset: 0, key: 'k', value: 'v', leader });
    expect(appended.actors).toEqual(['producer:p', `broker:${leader}`, `partition:t-${partition}`]);
  });
});
