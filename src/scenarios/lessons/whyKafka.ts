/**
 * Lesson: why Kafka (seeds/food-ordering.md "Without Kafka", seeds/why-kafka.md, seeds/use-cases.md
 * "When NOT to use Kafka"). The same orders placed three ways, side by side: a synchronous call chain
 * (order → fraud → notification over REST), the honest monolith (a fraud check in its own database and a
 * notification job in a job queue, pg-boss style, worked by a notification worker), and an event on Kafka
 * read by notification and fraud detection. Take notification down in all three: the call chain fails
 * orders; the job queue and Kafka both accept them and catch up later. Kafka is not the only way to
 * decouple; what it adds is fan-out, replay and scale, and its fraud check alerts instead of blocking.
 */
import { actorId, anyActor, type AppContext, type AppHandlers, type Command, type DeepReadonly, type HandledRecord, type Simulation, type SimState } from '../../engine';
import type { Scenario, ScenarioHttp } from '../types';

const TOPIC = 'orders';
/** Every sixth order is paid with a card reported stolen (the same orders each way, so the ways compare). */
const STOLEN_CARD_EVERY = 6;
const isStolenCard = (n: number) => n % STOLEN_CARD_EVERY === 0;
/** The ways' notification processes, taken down together by the experiment. */
const NOTIFICATION = { rest: 'notification-rest', worker: 'notification-worker', kafka: 'notification' } as const;

/**
 * The call chain: the order service calls the REST services one after the other for each order. The
 * REST services are processes that answer or not (no Kafka involved); the canvas draws them and these
 * calls from this declaration, and syncOrder makes the calls in this order. The monolith and its
 * notification worker are services too; a job queue is not a call, so they have none.
 */
const HTTP: ScenarioHttp = {
  services: [
    { id: 'order-service-rest', counts: { answered: 'completed', failed: 'rejected' } },
    { id: 'fraud-rest' },
    { id: NOTIFICATION.rest },
    { id: 'order-monolith', counts: { answered: 'completed', failed: 'rejected' } },
    { id: NOTIFICATION.worker },
  ],
  calls: [
    { from: 'order-service-rest', to: 'fraud-rest', request: 'POST /check' },
    { from: 'order-service-rest', to: NOTIFICATION.rest, request: 'POST /notify' },
  ],
};
const REST = HTTP.calls.map((c) => c.to);

function count(ctx: AppContext, key: string): number {
  const n = Number(ctx.store[key] ?? 0) + 1;
  ctx.store[key] = n;
  return n;
}

/** The call chain: fraud-rest answers first (and refuses a stolen card), then notification-rest. */
function syncOrder(_record: HandledRecord | null, ctx: AppContext): void {
  const n = count(ctx, 'placed');
  // The first call to a service that is down times out and fails the order; later calls are not made.
  const down = REST.find((s) => !ctx.isUp(s));
  if (down === 'fraud-rest' || (down !== undefined && !isStolenCard(n))) {
    count(ctx, 'rejected');
    ctx.log('ORDER_REJECTED', `order ${n} failed: POST to ${down} timed out, so the whole request fails and the customer sees an error.`);
    return;
  }
  if (isStolenCard(n)) {
    count(ctx, 'blocked');
    ctx.log('ORDER_BLOCKED', `order ${n} refused: fraud-rest answered "stolen card" before the order was taken (a synchronous check blocks).`);
    return;
  }
  count(ctx, 'completed');
  count(ctx, 'notified');
}

/** The monolith: the fraud check is a query in its own database; the notification is a job in its queue. */
function queueOrder(_record: HandledRecord | null, ctx: AppContext): void {
  const n = count(ctx, 'placed');
  if (isStolenCard(n)) {
    count(ctx, 'blocked');
    ctx.log('ORDER_BLOCKED', `order ${n} refused by order-monolith: its fraud query found the stolen card before the order was taken.`);
    return;
  }
  count(ctx, 'completed');
  const jobs = (ctx.store.jobs ??= []) as number[];
  jobs.push(n);
}

/** The notification worker takes the oldest job (the queue's retry and the jobs wait while it is down). */
function workJob(_record: HandledRecord | null, ctx: AppContext): void {
  const jobs = (ctx.store.jobs ??= []) as number[];
  if (jobs.length === 0) return;
  jobs.shift();
  count(ctx, 'notified');
}

function asyncOrder(_record: HandledRecord | null, ctx: AppContext): void {
  const n = count(ctx, 'placed');
  ctx.produce(TOPIC, `order-${n}`, JSON.stringify({ orderId: n, stolenCard: isStolenCard(n) }));
}

function notify(_record: HandledRecord | null, ctx: AppContext): void {
  count(ctx, 'notified');
}

/** Fraud detection on Kafka: the order is already taken; a stolen card raises an alert for someone to act on. */
function detectFraud(record: HandledRecord | null, ctx: AppContext): void {
  const order = JSON.parse(record!.value ?? '{}') as { orderId?: number; stolenCard?: boolean };
  if (order.stolenCard !== true) return;
  count(ctx, 'alerts');
  ctx.log('FRAUD_ALERT', `fraud-detection flagged order ${order.orderId}: stolen card. The order was accepted already; someone must cancel it (an event alerts, it does not block).`);
}

const handlers: AppHandlers = { syncOrder, queueOrder, workJob, asyncOrder, notify, detectFraud };

function kafkaConsumer(sim: Simulation, id: string, handler: string): void {
  sim.createConsumer({ clientId: id, config: { 'group.id': id, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': 10_000 } });
  sim.subscribe(id, [TOPIC]);
  sim.execute({ type: 'startConsumerLoop', consumer: id, processingMsPerRecord: 50, commitMode: 'after-processing', app: { service: id, handler } });
}

function setup(sim: Simulation): void {
  // Every service that is not a Kafka client is a process that is up or down (see ScenarioHttp).
  for (const { id } of HTTP.services) sim.createConsumer({ clientId: id });
  // 1. The call chain.
  sim.execute({ type: 'addTicker', id: 'orders-rest', service: 'order-service-rest', instance: 'order-service-rest', handler: 'syncOrder', intervalMs: 1_000 });
  // 2. The monolith with a job queue (its jobs table lives in its own database: its store).
  sim.execute({ type: 'addTicker', id: 'orders-queue', service: 'order-monolith', instance: 'order-monolith', handler: 'queueOrder', intervalMs: 1_000 });
  sim.execute({ type: 'addTicker', id: 'jobs', service: 'order-monolith', instance: NOTIFICATION.worker, handler: 'workJob', intervalMs: 250 });
  // 3. Kafka.
  sim.createTopic({ name: TOPIC, partitions: 3, replicationFactor: 1 });
  sim.createProducer({ clientId: 'order-service' });
  sim.execute({ type: 'addTicker', id: 'orders-kafka', service: 'order-service', instance: 'order-service', handler: 'asyncOrder', intervalMs: 1_000, producer: 'order-service' });
  kafkaConsumer(sim, NOTIFICATION.kafka, 'notify');
  kafkaConsumer(sim, 'fraud-detection', 'detectFraud');
}

function isDown(s: DeepReadonly<SimState>): boolean {
  return s.consumers[NOTIFICATION.kafka]?.memberState === 'CRASHED';
}

function stored(s: DeepReadonly<SimState>, service: string, key: string): number {
  const value = s.services[service]?.store[key] ?? 0;
  return Array.isArray(value) ? value.length : Number(value);
}

export const whyKafka: Scenario = {
  id: 'lesson-why-kafka',
  version: 3,
  title: 'Lesson: why Kafka (a call chain vs events)',
  introduction:
    'The same orders, one a second, placed three ways. Top: an order service that calls fraud-rest and notification-rest synchronously. Middle: the honest monolith, which checks fraud in its own database and leaves a notification job in a job queue (Redis or pg-boss) for a notification worker. Bottom: the order published to Kafka, read by notification and by fraud detection in their own time. Every sixth order is paid with a stolen card.',
  seed: 71,
  handlers,
  setup,
  chapters: [
    {
      title: 'Blocking or alerting',
      text: "fraud-rest and the monolith's database check answer before the order is taken, so a stolen card is refused. On Kafka the order is accepted at once and fraud detection raises an alert afterwards: someone has to cancel it. An event cannot block what already happened.",
      opensWhen: (s) => stored(s, 'fraud-detection', 'alerts') > 0,
      actors: [actorId.consumer('fraud-rest'), actorId.consumer('order-monolith'), actorId.consumer('fraud-detection'), actorId.topic(TOPIC)],
    },
    {
      title: 'Coupled in time',
      text: 'In the call chain every service must answer now: with notification-rest down, every order fails. The job queue and Kafka both take the orders: the jobs wait in the queue, the events in the topic, and both notify everyone once notification is back. Kafka is not the only way to decouple: a job queue (or an asynchronous call) survives this outage too.',
      opensWhen: (s) => isDown(s),
      actors: [
        actorId.consumer('order-service-rest'),
        actorId.consumer(NOTIFICATION.rest),
        actorId.consumer('order-monolith'),
        actorId.consumer(NOTIFICATION.worker),
        actorId.topic(TOPIC),
        actorId.consumer(NOTIFICATION.kafka),
      ],
    },
    {
      title: 'When Kafka earns its place',
      text: 'Use events when several consumers need the same facts (notification and fraud detection both read orders, and a third can be added without touching the order service), when teams deploy independently, when you need the history to audit or replay, and at volume (partitions scale out). Use direct calls when you need an answer now (login, a fraud check that must block), for a simple request and response, for strong consistency, with few integrations. Do not reach for Kafka for few messages, an immediate answer, or a small hourly job: a job queue or a database table does it. The monolith here works well until about 100 orders a second, many teams or new consumers.',
      opensWhen: (s) => !isDown(s) && stored(s, 'order-service-rest', 'rejected') > 0,
    },
  ],
  experiments: [
    {
      label: 'Take notification down (all three ways)',
      description:
        'notification-rest, the notification worker and the notification consumer all crash. Watch failed orders pile up in the call chain, jobs waiting in the queue, and lag (orders waiting safely) on Kafka.',
      commands: (s): Command[] => (isDown(s) ? [] : Object.values(NOTIFICATION).map((consumer): Command => ({ type: 'crashConsumer', consumer }))),
    },
    {
      label: 'Bring notification back',
      description: 'The REST service answers again, but the failed orders are gone; the worker works through the waiting jobs and the Kafka consumer reads every waiting order.',
      commands: (s): Command[] => (isDown(s) ? Object.values(NOTIFICATION).map((consumer): Command => ({ type: 'restartConsumer', consumer })) : []),
    },
  ],
  checks: [
    {
      id: 'rejected',
      title: 'Orders failed by the call chain',
      findings: (s) => {
        const n = stored(s, 'order-service-rest', 'rejected');
        return n === 0 ? [] : [{ id: 'rejected', text: `${n} order${n === 1 ? '' : 's'} failed because a downstream REST service was down.` }];
      },
    },
    {
      id: 'accepted-stolen',
      title: 'Stolen-card orders accepted on Kafka',
      findings: (s) => {
        const n = stored(s, 'fraud-detection', 'alerts');
        return n === 0
          ? []
          : [{ id: 'accepted-stolen', text: `${n} order${n === 1 ? '' : 's'} with a stolen card were accepted and only flagged afterwards; the call chain and the monolith refused theirs.` }];
      },
    },
  ],
  http: HTTP,
  panels: [
    {
      title: 'Orders, three ways',
      table: (s) => ({
        columns: ['way', 'placed', 'accepted', 'failed', 'refused (stolen card)', 'notified', 'waiting'],
        rows: [
          [
            'call chain',
            String(stored(s, 'order-service-rest', 'placed')),
            String(stored(s, 'order-service-rest', 'completed')),
            String(stored(s, 'order-service-rest', 'rejected')),
            String(stored(s, 'order-service-rest', 'blocked')),
            String(stored(s, 'order-service-rest', 'notified')),
            '0',
          ],
          [
            'job queue',
            String(stored(s, 'order-monolith', 'placed')),
            String(stored(s, 'order-monolith', 'completed')),
            '0',
            String(stored(s, 'order-monolith', 'blocked')),
            String(stored(s, 'order-monolith', 'notified')),
            `${stored(s, 'order-monolith', 'jobs')} jobs`,
          ],
          [
            'Kafka',
            String(stored(s, 'order-service', 'placed')),
            String(stored(s, 'order-service', 'placed')),
            '0',
            `0 (${stored(s, 'fraud-detection', 'alerts')} alerts after)`,
            String(stored(s, NOTIFICATION.kafka, 'notified')),
            `${Math.max(0, stored(s, 'order-service', 'placed') - stored(s, NOTIFICATION.kafka, 'notified'))} events`,
          ],
        ],
      }),
    },
  ],
  // One row per way, left to right in the order of the calls; Kafka at the bottom.
  layout: {
    columns: [
      [actorId.consumer('order-service-rest'), actorId.consumer('order-monolith'), actorId.producer('order-service'), anyActor('broker')],
      [actorId.consumer('fraud-rest'), actorId.consumer(NOTIFICATION.worker), actorId.topic(TOPIC)],
      [actorId.consumer(NOTIFICATION.rest), actorId.consumer(NOTIFICATION.kafka), actorId.consumer('fraud-detection'), anyActor('consumer')],
    ],
  },
};
