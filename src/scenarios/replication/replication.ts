/**
 * "Replication": three brokers, a payments topic with replication factor 3 and min.insync.replicas 2,
 * an acks=all producer and a consumer. Crash brokers from the Brokers panel and watch the ISR shrink,
 * the controller elect the first in-sync replica, and producers get NOT_ENOUGH_REPLICAS when too few
 * copies are left.
 */
import { actorId, anyActor, type Simulation } from '../../engine';
import type { Scenario } from '../types';

function setup(sim: Simulation): void {
  sim.createTopic({ name: 'payments', partitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': 2 } });
  sim.createProducer({ clientId: 'checkout', config: { acks: 'all', 'linger.ms': 0 } });
  sim.addTrafficSource({ id: 'payments', producer: 'checkout', topic: 'payments', intervalMs: 600, keys: ['order-1', 'order-2', 'order-3', 'order-4'], valuePrefix: 'charge' });
  sim.createConsumer({ clientId: 'ledger', config: { 'auto.offset.reset': 'earliest' } });
  sim.assign(
    'ledger',
    [0, 1].map((partition) => ({ topic: 'payments', partition })),
  );
  sim.startConsumerLoop({ consumer: 'ledger', processingMsPerRecord: 50, commitMode: 'none' });
}

export const replication: Scenario = {
  id: 'replication',
  version: 2,
  title: 'Replication: crash brokers, watch the ISR and elections',
  introduction:
    'payments has 3 replicas per partition and min.insync.replicas = 2; checkout writes with acks=all, so each write is acknowledged only when every in-sync replica has it (the high watermark moves). Crash a follower: after broker.session.timeout.ms (9 s) the controller fences it and the ISR shrinks, writes go on. Crash a second: only the leader is in sync, so writes get NOT_ENOUGH_REPLICAS and are retried. Crash a leader: the first in-sync replica in assignment order takes over with a new leader epoch. Restart brokers to see them catch up.',
  seed: 5,
  options: { brokers: 3 },
  setup,
  layout: { columns: [[actorId.producer('checkout')], [actorId.topic('payments')], [actorId.consumer('ledger')], [anyActor('broker')]] },
};
