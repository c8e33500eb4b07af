/**
 * "First steps": one producer, one topic with three partitions, one consumer. Enough to watch keys
 * hash to partitions, offsets grow per partition, and a consumer read and commit the next offset.
 * The consumer starts two seconds in, so the first steps show only writes.
 */
import { actorId, anyActor } from '../../engine';
import type { Scenario } from '../types';

export const FIRST_STEPS_CUSTOMERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

export const firstSteps: Scenario = {
  id: 'first-steps',
  version: 2,
  title: 'First steps: keys, partitions and offsets',
  introduction:
    'order-service writes an order every 400 ms, keyed by customer. Kafka hashes each key with murmur2 to pick one of the three partitions of "orders", so one customer\'s orders always share a partition and keep their order. The analytics consumer starts at 2 s, reads every partition and commits the next offset it will read.',
  seed: 2026,
  setup(sim) {
    sim.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1 });
    sim.createProducer({ clientId: 'order-service' });
    sim.createConsumer({
      clientId: 'analytics',
      config: { 'group.id': 'analytics', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false },
    });
    sim.assign(
      'analytics',
      [0, 1, 2].map((partition) => ({ topic: 'orders', partition })),
    );
    sim.addTrafficSource({
      id: 'customers',
      producer: 'order-service',
      topic: 'orders',
      intervalMs: 400,
      keys: FIRST_STEPS_CUSTOMERS,
      valuePrefix: 'order',
    });
    sim.schedule(2000, { type: 'startConsumerLoop', consumer: 'analytics', processingMsPerRecord: 250, commitMode: 'after-processing' });
  },
  layout: { columns: [[actorId.producer('order-service'), anyActor('broker')], [actorId.topic('orders')], [actorId.consumer('analytics')]] },
};
