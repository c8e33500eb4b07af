/**
 * "Consumer groups": three instances of one service share a topic's partitions. Crash one and the
 * group keeps waiting for it until session.timeout.ms passes without a heartbeat; close one and the
 * group rebalances at once. The range assignor and the numbers match the waitroom document's table
 * (seeds/waitroom.md: CHECKOUT_COMPLETED with 10 partitions, three instances: 0-3, 4-6, 7-9).
 */
import { actorId, anyActor, type Simulation } from '../../engine';
import type { Scenario } from '../types';

export const CONSUMER_GROUP_INSTANCES = ['checkout-1', 'checkout-2', 'checkout-3'];
export const CONSUMER_GROUP_TOPIC = 'CHECKOUT_COMPLETED';
export const CONSUMER_GROUP_ID = 'checkout-service';

function setup(sim: Simulation): void {
  sim.createTopic({ name: CONSUMER_GROUP_TOPIC, partitions: 10, replicationFactor: 1 });
  sim.createProducer({ clientId: 'payment-service' });
  sim.addTrafficSource({
    id: 'checkouts',
    producer: 'payment-service',
    topic: CONSUMER_GROUP_TOPIC,
    intervalMs: 250,
    keys: Array.from({ length: 16 }, (_, i) => `user-${i + 1}`),
    valuePrefix: 'checkout',
  });
  for (const clientId of CONSUMER_GROUP_INSTANCES) {
    sim.createConsumer({
      clientId,
      config: { 'group.id': CONSUMER_GROUP_ID, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false },
    });
    sim.subscribe(clientId, [CONSUMER_GROUP_TOPIC]);
    sim.startConsumerLoop({ consumer: clientId, processingMsPerRecord: 200, commitMode: 'after-processing' });
  }
}

export const consumerGroup: Scenario = {
  id: 'consumer-group',
  version: 2,
  title: 'Consumer groups: crash an instance, watch the rebalance',
  introduction:
    'Three instances of checkout-service form the group "checkout-service" on CHECKOUT_COMPLETED (10 partitions). The range assignor gives them 0–3, 4–6 and 7–9. Crash one: its partitions wait, unread, until session.timeout.ms (45 s) passes without a heartbeat. Close one instead: it says goodbye and the group rebalances at once. Records processed but not yet committed are delivered again to the next owner.',
  seed: 3,
  setup,
  layout: { columns: [[actorId.producer('payment-service'), anyActor('broker')], [actorId.topic(CONSUMER_GROUP_TOPIC)], [anyActor('consumer')]] },
};
