/** A record's timestamp: ProducerRecord's CreateTime on send, or the broker's clock with LogAppendTime. */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TopicConfig } from '../../index';
import { expectCode } from '../../testing/expectCode';

function setUp(configs: Partial<TopicConfig> = {}): Simulation {
  const sim = createSimulation({ seed: 3, brokers: 1, networkLatencyMs: 2 });
  sim.createTopic({ name: 't', partitions: 1, replicationFactor: 1, configs });
  sim.createProducer({ clientId: 'p', config: { 'linger.ms': 5 } });
  return sim;
}

const timestamps = (sim: Simulation) => sim.state.topics.t!.partitions[0]!.log.records.map((r) => [r.value, r.timestamp]);

describe('record timestamps', () => {
  it('CreateTime: a record keeps the timestamp given to send(), and one without gets the time of send()', () => {
    const sim = setUp();
    sim.runUntilTime(1_000);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'given', timestamp: 123 });
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'future', timestamp: 5_000_000 });
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'default' });
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'zero', timestamp: 0 });
    sim.runUntilIdle();
    // Appended at 1000 + linger 5 + latency 2: the stored timestamps are still the producer's.
    expect(timestamps(sim)).toEqual([
      ['given', 123],
      ['future', 5_000_000],
      ['default', 1_000],
      ['zero', 0],
    ]);
  });

  it("LogAppendTime: the leader overwrites the producer's timestamp with its own clock at append", () => {
    const sim = setUp({ 'message.timestamp.type': 'LogAppendTime' });
    sim.runUntilTime(1_000);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'given', timestamp: 123 });
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'default' });
    sim.runUntilIdle();
    expect(timestamps(sim)).toEqual([
      ['given', 1_007],
      ['default', 1_007],
    ]);
  });

  it('switching a topic to LogAppendTime applies to later appends only', () => {
    const sim = setUp();
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'before', timestamp: 50 });
    sim.runUntilIdle();
    sim.alterTopicConfigs({ topic: 't', configs: { 'message.timestamp.type': 'LogAppendTime' } });
    sim.runUntilTime(2_000);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'after', timestamp: 50 });
    sim.runUntilIdle();
    expect(timestamps(sim)).toEqual([
      ['before', 50],
      ['after', 2_007],
    ]);
  });

  it.each([-1, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the timestamp %s as ProducerRecord does ("Invalid timestamp"), before anything happens', (timestamp) => {
    const sim = setUp();
    const error = expectCode(() => sim.send({ producer: 'p', topic: 'new-topic', key: 'k', value: 'v', timestamp }), 'SIM_INVALID_ARGUMENT');
    expect(error.message).toContain(`Invalid timestamp: ${String(timestamp)}. Timestamp should always be non-negative or null`);
    expect(Object.hasOwn(sim.state.topics, 'new-topic')).toBe(false); // not even auto-created
    expect(sim.state.producers.p!.sentCount).toBe(0);
  });

  it('a CreateTime timestamp is what retention.ms judges: an old timestamp makes its segment due at once', () => {
    const sim = setUp({ 'retention.ms': 60_000, 'segment.bytes': 100 });
    sim.runUntilTime(100_000);
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'old', timestamp: 1_000 });
    sim.runUntilIdle();
    sim.send({ producer: 'p', topic: 't', key: 'k', value: 'new' });
    sim.runUntilIdle();
    sim.runRetentionCheckNow();
    // The clock says 100 s, but the first record says 1 s: its segment is past retention.ms.
    expect(timestamps(sim).map(([value]) => value)).toEqual(['new']);
  });
});
