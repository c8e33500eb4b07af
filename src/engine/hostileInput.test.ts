/** Hostile and impossible input: each is refused with Kafka's error and the rule that was broken. */
import { describe, expect, it } from 'vitest';
import { createSimulation, DEFAULT_PRODUCER_CONFIG } from './index';
import { expectCode } from './testing/expectCode';

function cluster() {
  const sim = createSimulation({ seed: 1, brokers: 3 });
  sim.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'p' });
  return sim;
}

describe('hostile input', () => {
  it('refuses a record larger than max.request.size, naming both sizes (RecordTooLargeException)', () => {
    const sim = cluster();
    const error = expectCode(() => sim.send({ producer: 'p', topic: 'orders', key: 'k', value: 'x'.repeat(DEFAULT_PRODUCER_CONFIG['max.request.size']) }), 'MESSAGE_TOO_LARGE');
    expect(error.message).toMatch(/The message is \d+ bytes when serialized which is larger than 1048576, which is the value of the max.request.size configuration/);
    expect(sim.state.topics.orders!.partitions[0]!.log.records).toHaveLength(0);
  });

  it('counts keys and headers too: a huge key or thousands of headers are refused the same way', () => {
    const sim = cluster();
    expectCode(() => sim.send({ producer: 'p', topic: 'orders', key: 'k'.repeat(1_100_000), value: 'v' }), 'MESSAGE_TOO_LARGE');
    const headers = Array.from({ length: 50_000 }, (_, i) => ({ key: `h${i}`, value: 'some header value' }));
    expectCode(() => sim.send({ producer: 'p', topic: 'orders', key: 'k', value: 'v', headers }), 'MESSAGE_TOO_LARGE');
  });

  it('keeps HTML and script in values as plain data', () => {
    const sim = cluster();
    const value = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    sim.send({ producer: 'p', topic: 'orders', key: '"><svg onload=alert(3)>', value });
    sim.runUntilIdle();
    expect(sim.state.topics.orders!.partitions[0]!.log.records[0]!.value).toBe(value);
  });

  it.each([
    [{ 'retention.ms': -2 }, /retention.ms: Value must be at least -1/],
    [{ 'retention.bytes': -5 }, /retention.bytes: Value must be at least -1/],
    [{ 'min.insync.replicas': 0 }, /min.insync.replicas: Value must be at least 1/],
    [{ 'no.such.config': 1 }, /Unknown topic config name: no.such.config/],
  ])('refuses the topic config %j with the rule it breaks', (configs, message) => {
    const sim = cluster();
    const error = expectCode(() => sim.createTopic({ name: 'bad', partitions: 1, replicationFactor: 1, configs: configs as never }), 'INVALID_CONFIG');
    expect(error.message).toMatch(message);
  });

  it('refuses 0 partitions and a replication factor above the broker count', () => {
    const sim = cluster();
    expect(expectCode(() => sim.createTopic({ name: 'none', partitions: 0, replicationFactor: 1 }), 'INVALID_PARTITIONS').message).toMatch(/Number of partitions must be larger than 0/);
    expect(expectCode(() => sim.createTopic({ name: 'many', partitions: 1, replicationFactor: 4 }), 'INVALID_REPLICATION_FACTOR').message).toMatch(/4.*3|3.*4/);
  });

  it('refuses unknown client config names instead of ignoring a typo', () => {
    const sim = cluster();
    expect(expectCode(() => sim.createProducer({ clientId: 'q', config: { 'linger.msx': 5 } as never }), 'INVALID_CONFIG').message).toMatch(/Unknown producer config name: linger.msx/);
    expect(expectCode(() => sim.createConsumer({ clientId: 'c', config: { 'group.idd': 'g' } as never }), 'INVALID_CONFIG').message).toMatch(/Unknown consumer config name: group.idd/);
    expect(expectCode(() => sim.createProducer({ clientId: 'r', config: { 'max.request.size': 0 } }), 'INVALID_CONFIG').message).toMatch(/max.request.size: Value must be at least 1/);
  });
});
