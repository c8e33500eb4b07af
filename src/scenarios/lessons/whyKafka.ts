/**
 * Lesson: why Kafka (seeds/food-ordering.md "Without Kafka", seeds/why-kafka.md). The same order
 * placed two ways: a synchronous call chain (order → fraud → notification, over REST) and an event on
 * Kafka. Take notification down in both: the call chain rejects orders; with Kafka the orders are
 * accepted and wait in the topic until notification is back.
 */
import type { AppContext, AppHandlers, Command, DeepReadonly, HandledRecord, Simulation, SimState } from '../../engine';
import type { Scenario, ScenarioHttp } from '../types';

const TOPIC = 'orders';

/**
 * The call chain: the order service calls the REST services one after the other for each order. The
 * REST services are processes that answer or not (no Kafka involved); the canvas draws them and these
 * calls from this declaration, and syncOrder makes the calls in this order.
 */
const HTTP: ScenarioHttp = {
  services: [{ id: 'order-service-rest', counts: { answered: 'completed', failed: 'rejected' } }, { id: 'fraud-rest' }, { id: 'notification-rest' }],
  calls: [
    { from: 'order-service-rest', to: 'fraud-rest', request: 'POST /check' },
    { from: 'order-service-rest', to: 'notification-rest', request: 'POST /notify' },
  ],
};
const REST = HTTP.calls.map((c) => c.to);

function syncOrder(_record: HandledRecord | null, ctx: AppContext): void {
  const n = Number(ctx.store.placed ?? 0) + 1;
  ctx.store.placed = n;
  // The first call to a service that is down times out and fails the order; later calls are not made.
  const down = REST.find((s) => !ctx.isUp(s));
  if (down !== undefined) {
    ctx.store.rejected = Number(ctx.store.rejected ?? 0) + 1;
    ctx.log('ORDER_REJECTED', `order ${n} failed: POST to ${down} timed out, so the whole request fails and the customer sees an error.`);
    return;
  }
  ctx.store.completed = Number(ctx.store.completed ?? 0) + 1;
}

function asyncOrder(_record: HandledRecord | null, ctx: AppContext): void {
  const n = Number(ctx.store.placed ?? 0) + 1;
  ctx.store.placed = n;
  ctx.produce(TOPIC, `order-${n}`, JSON.stringify({ orderId: n }));
}

function notify(_record: HandledRecord | null, ctx: AppContext): void {
  ctx.store.notified = Number(ctx.store.notified ?? 0) + 1;
}

const handlers: AppHandlers = { syncOrder, asyncOrder, notify };

function setup(sim: Simulation): void {
  // The call chain: an order service calling two REST services.
  for (const id of REST) sim.createConsumer({ clientId: id });
  sim.createConsumer({ clientId: 'order-service-rest' });
  sim.execute({ type: 'addTicker', id: 'orders-rest', service: 'order-service-rest', instance: 'order-service-rest', handler: 'syncOrder', intervalMs: 1_000 });
  // The same through Kafka.
  sim.createTopic({ name: TOPIC, partitions: 3, replicationFactor: 1 });
  sim.createProducer({ clientId: 'order-service' });
  sim.execute({ type: 'addTicker', id: 'orders-kafka', service: 'order-service', instance: 'order-service', handler: 'asyncOrder', intervalMs: 1_000, producer: 'order-service' });
  sim.createConsumer({ clientId: 'notification', config: { 'group.id': 'notification', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': 10_000 } });
  sim.subscribe('notification', [TOPIC]);
  sim.execute({ type: 'startConsumerLoop', consumer: 'notification', processingMsPerRecord: 50, commitMode: 'after-processing', app: { service: 'notification', handler: 'notify' } });
}

function isDown(s: DeepReadonly<SimState>): boolean {
  return s.consumers.notification?.memberState === 'CRASHED';
}

function store(s: DeepReadonly<SimState>, service: string, key: string): string {
  return JSON.stringify(s.services[service]?.store[key] ?? 0);
}

export const whyKafka: Scenario = {
  id: 'lesson-why-kafka',
  version: 2,
  title: 'Lesson: why Kafka (a call chain vs events)',
  introduction: 'Top: an order service that calls fraud-rest and notification-rest synchronously. Bottom: the same order published to Kafka, read by notification in its own time. One order per second each way.',
  seed: 71,
  handlers,
  setup,
  chapters: [
    { title: 'Coupled in time', text: 'In the call chain every service must answer now: one slow or dead service fails the whole order. With Kafka the order service only needs the broker; consumers catch up when they can.', opensWhen: (s) => isDown(s) },
  ],
  experiments: [
    {
      label: 'Take notification down (both ways)',
      description: 'notification-rest and the notification consumer both crash. Watch rejected orders pile up on one side, and lag (orders waiting safely) on the other.',
      commands: (s): Command[] => (isDown(s) ? [] : [{ type: 'crashConsumer', consumer: 'notification-rest' }, { type: 'crashConsumer', consumer: 'notification' }]),
    },
    {
      label: 'Bring notification back',
      description: 'The REST service answers again, but the rejected orders are gone; the Kafka consumer reads every waiting order.',
      commands: (s): Command[] => (isDown(s) ? [{ type: 'restartConsumer', consumer: 'notification-rest' }, { type: 'restartConsumer', consumer: 'notification' }] : []),
    },
  ],
  checks: [
    {
      id: 'rejected',
      title: 'Orders rejected by the call chain',
      findings: (s) => {
        const n = Number(s.services['order-service-rest']?.store.rejected ?? 0);
        return n === 0 ? [] : [{ id: 'rejected', text: `${n} order${n === 1 ? '' : 's'} failed because a downstream REST service was down.` }];
      },
    },
  ],
  http: HTTP,
  panels: [
    {
      title: 'Orders',
      table: (s) => ({
        columns: ['way', 'placed', 'completed', 'rejected'],
        rows: [
          ['call chain', store(s, 'order-service-rest', 'placed'), store(s, 'order-service-rest', 'completed'), store(s, 'order-service-rest', 'rejected')],
          ['Kafka', store(s, 'order-service', 'placed'), store(s, 'notification', 'notified'), '0'],
        ],
      }),
    },
  ],
  // The call chain along the top, a column per service in the order they are called; Kafka below.
  layout: {
    columns: [
      ['consumer:order-service-rest', 'producer:order-service', 'broker:*'],
      ['consumer:fraud-rest', `topic:${TOPIC}`],
      ['consumer:notification-rest', 'consumer:notification', 'consumer:*'],
    ],
  },
};
