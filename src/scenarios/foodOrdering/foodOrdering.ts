/**
 * "Food ordering" (seeds/food-ordering.md, the Kafka Dojo demo): an order service publishes every
 * order to `orders`, `audit` and the compacted `order-status`; two notification instances share
 * `orders` in one group, retry failures with a `retryCount` header and dead-letter them at 2;
 * analytics counts originals only; fraud detection keeps a one-minute window in memory; the audit
 * service reads the unified `audit` stream; the order service relays `audit` and `orders-dlq` to
 * its live feed (the document's SSE stream).
 */
import { actorId, anyActor, type Command, type Simulation, type ReadState } from '../../engine';
import { holdsRecords, jsonValue } from '../shared/records';
import type { Scenario } from '../types';
import { auditActionsIn, auditEvents, FOOD_ORDERING_CHECKS, hasUncommittedNotifications } from './checks';
import { FOOD_ORDERING_HANDLERS } from './handlers';
import { FRAUD_REPLAY_SERVICE, TOPICS, type AuditEvent } from './model';

export const NOTIFICATION_INSTANCES = ['notification-1', 'notification-2'];
/** A teaching-friendly session timeout (Kafka's default is 45 s); the UI shows the value in force. */
const SESSION_TIMEOUT_MS = 10_000;

interface ServiceSpec {
  clientId: string;
  groupId: string;
  topics: string[];
  handler: string;
  processingMs: number;
  /** Whether its handler produces (it then has a producer of the same client id). */
  produces: boolean;
  /**
   * How it commits: `sync` with commitSync after each poll's records (what KafkaJS's eachMessage does by
   * default), `auto` with Kafka's enable.auto.commit inside poll() every NOTIFICATION_COMMIT_INTERVAL_MS, or
   * `none` (it keeps no position: every start reads from the beginning).
   */
  commits: 'sync' | 'auto' | 'none';
}

/**
 * The notification service auto-commits every 30 s (auto.commit.interval.ms; Kafka's default is 5 s):
 * fewer commit requests, and a wider window of work that a crash makes it do again.
 */
export const NOTIFICATION_COMMIT_INTERVAL_MS = 30_000;

const SERVICES: ServiceSpec[] = [
  ...NOTIFICATION_INSTANCES.map((clientId): ServiceSpec => ({
    clientId,
    groupId: 'notification-service',
    topics: [TOPICS.orders],
    handler: 'notify',
    processingMs: 800,
    produces: true,
    commits: 'auto',
  })),
  // In-memory stats, rebuilt from the beginning of orders whenever it starts: it commits nothing.
  { clientId: 'analytics-service', groupId: 'analytics-service', topics: [TOPICS.orders], handler: 'analytics', processingMs: 40, produces: true, commits: 'none' },
  { clientId: 'fraud-detection', groupId: 'fraud-service', topics: [TOPICS.orders], handler: 'fraud', processingMs: 40, produces: true, commits: 'sync' },
  { clientId: 'audit-service', groupId: 'audit-service', topics: [TOPICS.audit], handler: 'auditLog', processingMs: 10, produces: false, commits: 'sync' },
  // The order service also consumes audit and orders-dlq to relay them over SSE.
  { clientId: 'order-service', groupId: 'order-service-sse', topics: [TOPICS.audit, TOPICS.dlq], handler: 'relay', processingMs: 5, produces: false, commits: 'sync' },
];

function startService(sim: Simulation, s: ServiceSpec, service: string): void {
  if (s.produces) sim.createProducer({ clientId: s.clientId });
  const autoCommit = s.commits === 'auto' ? { 'enable.auto.commit': true, 'auto.commit.interval.ms': NOTIFICATION_COMMIT_INTERVAL_MS } : { 'enable.auto.commit': false };
  const commitMode = s.commits === 'sync' ? 'after-processing' : 'none';
  sim.createConsumer({
    clientId: s.clientId,
    config: { 'group.id': s.groupId, 'auto.offset.reset': 'earliest', ...autoCommit, 'session.timeout.ms': SESSION_TIMEOUT_MS, 'heartbeat.interval.ms': 3_000 },
  });
  sim.subscribe(s.clientId, s.topics);
  sim.execute({
    type: 'startConsumerLoop',
    consumer: s.clientId,
    processingMsPerRecord: s.processingMs,
    commitMode,
    app: { service, handler: s.handler, ...(s.produces || s.clientId === 'order-service' ? { producer: s.clientId } : {}) },
  });
}

function setup(sim: Simulation): void {
  sim.createTopic({ name: TOPICS.orders, partitions: 3, replicationFactor: 1 });
  sim.createTopic({ name: TOPICS.dlq, partitions: 1, replicationFactor: 1 });
  sim.createTopic({ name: TOPICS.audit, partitions: 1, replicationFactor: 1 });
  // Small segments and an eager cleaner so compaction happens within a lesson's minutes.
  sim.createTopic({
    name: TOPICS.status,
    partitions: 1,
    replicationFactor: 1,
    configs: { 'cleanup.policy': 'compact', 'segment.bytes': 1_200, 'min.cleanable.dirty.ratio': 0.1, 'delete.retention.ms': 20_000 },
  });
  sim.createProducer({ clientId: 'order-service' });
  sim.execute({ type: 'addTicker', id: 'customers', service: 'order-service', instance: 'order-service', handler: 'placeOrder', intervalMs: 3_000, producer: 'order-service' });
  sim.execute({ type: 'addTicker', id: 'alice', service: 'order-service', instance: 'order-service', handler: 'aliceBurst', intervalMs: 5_000, producer: 'order-service' });
  sim.execute({ type: 'addTicker', id: 'kitchen', service: 'order-service', instance: 'order-service', handler: 'kitchen', intervalMs: 4_000, producer: 'order-service' });
  for (const s of SERVICES) startService(sim, s, s.groupId === 'notification-service' ? 'notification-service' : s.clientId);
  sim.execute(fraudPunctuator('fraud-detection', 'fraud-detection'));
}

/** The fraud service's punctuator: judges orders that waited too long for a quiet partition (handlers.ts). */
function fraudPunctuator(service: string, instance: string): Command {
  return { type: 'addTicker', id: `${instance}-punctuator`, service, instance, handler: 'fraudPunctuate', intervalMs: 5_000, producer: instance };
}

function auditActions(state: ReadState): ReadonlySet<string> {
  return auditActionsIn(auditEvents(state));
}

export const foodOrdering: Scenario = {
  id: 'food-ordering',
  version: 3,
  title: 'Food ordering',
  introduction:
    'Customers place orders; the order service publishes each one to orders (3 partitions, keyed by order id), audit and the compacted order-status. Two notification instances share orders in one group and retry failures with a retryCount header, dead-lettering at 2; analytics counts originals only; fraud detection keeps a one-minute window in memory; the audit service reads the audit stream.',
  seed: 11,
  options: { brokers: 1, brokerConfig: { 'log.cleaner.backoff.ms': 5_000 } },
  handlers: FOOD_ORDERING_HANDLERS,
  setup,
  checks: FOOD_ORDERING_CHECKS,
  chapters: [
    {
      title: 'An order is an event',
      text: 'The order service stores the order and publishes it. It does not call notification, fraud or audit: it does not even know they exist. Each of them reads orders at its own pace, in its own consumer group.',
      opensWhen: () => true,
    },
    {
      title: 'The key picks the partition',
      text: 'Orders are keyed by order id: murmur2(key) % 3 picks the partition, so every event of one order (created, updated, deleted) lands on the same partition and is read in order. Keying by customer would keep each customer in order too, but one busy customer would make one partition hot.',
      opensWhen: (s) => holdsRecords(s, TOPICS.orders, 3),
      actors: [actorId.consumer('order-service'), actorId.topic(TOPICS.orders)],
    },
    {
      title: 'Two instances share the work',
      text: 'notification-1 and notification-2 are in the group "notification-service": the range assignor gives one of them two of the three partitions. A third instance would get the last partition; a fourth would sit idle, since a partition is read by one member of a group at a time.',
      opensWhen: (s) => s.groups['notification-service']?.state === 'Stable',
      actors: [actorId.topic(TOPICS.orders), actorId.consumer('notification-*'), anyActor('broker')],
    },
    {
      title: 'Retry by re-producing',
      text: 'A notification failed. The instance re-produced the same order to orders with a retryCount header and wrote RETRY to audit; analytics and fraud detection skip records that carry retryCount, so they count each order once.',
      opensWhen: (s) => auditActions(s).has('RETRY'),
      actors: [actorId.topic(TOPICS.orders), actorId.consumer('notification-*'), actorId.topic(TOPICS.audit), actorId.consumer('analytics-service'), actorId.consumer('fraud-*')],
    },
    {
      title: 'Dead letters',
      text: 'A message that already had retryCount 2 failed again: it went to orders-dlq with audit DLQ. The order service relays the DLQ to its live feed, where a person can look at it.',
      opensWhen: (s) => holdsRecords(s, TOPICS.dlq, 1),
      actors: [actorId.consumer('notification-*'), actorId.topic(TOPICS.dlq), actorId.consumer('order-service'), actorId.topic(TOPICS.audit)],
    },
    {
      title: 'A sliding window fed by the stream',
      text: "Fraud detection keeps the last minute of orders in memory and raised an alert. The window runs on event time: the three partitions are merged by the records' timestamps, as Kafka Streams does, so an order is judged with every earlier order in its window. Crash it and the window is gone; replay orders from the beginning with a fresh group and it is rebuilt from the log, with the same verdicts. With Kafka the check alerts after the order is placed; it no longer blocks a bad order, as the synchronous call did. (The rules are the document's: 6 orders a minute from one customer, 25 globally; the $100 amount threshold is ours, as the document does not give one.)",
      opensWhen: (s) => auditActions(s).has('FRAUD_ALERT'),
      actors: [actorId.topic(TOPICS.orders), actorId.consumer('fraud-*'), actorId.topic(TOPICS.audit)],
    },
    {
      title: 'Compaction keeps the latest status',
      text: 'The log cleaner compacted order-status: only the newest record per order id is kept, and a deleted order leaves a tombstone that disappears after delete.retention.ms. A new service can read this topic from the start to learn the current state of every order.',
      opensWhen: (s) => (s.topics[TOPICS.status]?.partitions[0]?.log.firstDirtyOffset ?? 0) > 0,
      actors: [actorId.topic(TOPICS.status), actorId.consumer('order-service'), actorId.consumer('notification-*'), anyActor('broker')],
    },
  ],
  experiments: [
    {
      label: 'Crash notification-2 mid-work',
      description:
        'Offered while notification-2 has notified customers since its last auto-commit (every 30 s). Its partitions wait until session.timeout.ms (10 s) passes, then move to notification-1, which starts from the committed offsets and notifies those customers again: watch "A customer notified twice". (Right after a commit there is nothing to redo: at-least-once repeats only uncommitted work.)',
      commands: (s) => (hasUncommittedNotifications(s, 'notification-2') ? [{ type: 'crashConsumer', consumer: 'notification-2' }] : []),
    },
    {
      label: 'Rebuild fraud state from the log',
      description:
        'Starts fraud-replay in a fresh group ("fraud-service-replay") reading orders from the beginning: it rebuilds its sliding window from the log, something a traditional queue cannot do, and reaches the same verdicts as the live service. Its verdicts go to audit marked "replay", so the consequences do not count them as new alerts.',
      commands: (s) =>
        s.consumers['fraud-replay'] !== undefined
          ? []
          : [
              { type: 'createProducer', clientId: 'fraud-replay' },
              {
                type: 'createConsumer',
                clientId: 'fraud-replay',
                config: { 'group.id': 'fraud-service-replay', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': SESSION_TIMEOUT_MS },
              },
              { type: 'subscribe', consumer: 'fraud-replay', topics: [TOPICS.orders] },
              {
                type: 'startConsumerLoop',
                consumer: 'fraud-replay',
                processingMsPerRecord: 20,
                commitMode: 'after-processing',
                app: { service: FRAUD_REPLAY_SERVICE, handler: 'fraud', producer: 'fraud-replay' },
              },
              fraudPunctuator(FRAUD_REPLAY_SERVICE, 'fraud-replay'),
            ],
    },
    {
      label: 'Stop the broker',
      description:
        "With the only broker down nothing can be produced or consumed: orders wait in the order service's producer, which cannot reach a leader, and every consumer stalls. After delivery.timeout.ms (2 minutes) the producer gives up on the oldest orders; press again to restart the broker and everything still waiting goes through, then the consumers catch up.",
      commands: (s) => (s.brokers[0]?.isAlive === true ? [{ type: 'crashBroker', brokerId: 1 }] : [{ type: 'restartBroker', brokerId: 1 }]),
    },
  ],
  panels: [
    {
      title: "Live feed (the order service's SSE stream)",
      table: (s) => {
        const feed = (s.services['order-service']?.store.feed ?? []) as unknown as { type: string; offset: string; data: string | null }[];
        return {
          columns: ['type', 'from', 'event'],
          rows: feed
            .slice(-10)
            .reverse()
            .map((f) => {
              if (f.type === 'order') {
                const o = jsonValue<{ action: string; order: { id: string; customerName: string; status: string } }>(f.data);
                return [f.type, 'REST', o === null ? String(f.data) : `${o.action} ${o.order.id} (${o.order.customerName}, ${o.order.status})`];
              }
              if (f.type === 'dlq') {
                const d = jsonValue<{ order: { id: string }; reason: string }>(f.data);
                return [f.type, f.offset, d === null ? String(f.data) : `${d.order.id}: ${d.reason}`];
              }
              const e = jsonValue<AuditEvent>(f.data);
              return [f.type, f.offset, e === null ? String(f.data) : `${e.action} ${e.orderId} (${e.source}${e.replay === true ? ', replay' : ''})`];
            }),
        };
      },
    },
    {
      title: 'Analytics (in memory: lost if it crashes, rebuilt from orders when it starts)',
      table: (s) => {
        const store = s.services['analytics-service']?.memory['analytics-service'] ?? {};
        const revenue = (store.revenueByItem ?? {}) as Record<string, number>;
        return {
          columns: ['measure', 'value'],
          rows: [['orders counted', JSON.stringify(store.ordersCounted ?? 0)], ...Object.entries(revenue).map(([item, total]) => [`revenue ${item}`, `$${total.toFixed(2)}`])],
        };
      },
    },
  ],
  layout: {
    columns: [
      [actorId.consumer('order-service'), anyActor('broker')],
      [actorId.topic(TOPICS.orders), actorId.topic(TOPICS.status), actorId.topic(TOPICS.audit), actorId.topic(TOPICS.dlq), anyActor('topic')],
      [
        actorId.consumer('notification-1'),
        actorId.consumer('notification-2'),
        actorId.consumer('audit-service'),
        actorId.consumer('analytics-service'),
        actorId.consumer('fraud-detection'),
        actorId.consumer('fraud-replay'),
        anyActor('consumer'),
      ],
    ],
  },
};
