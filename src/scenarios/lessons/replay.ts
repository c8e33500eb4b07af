/**
 * Lesson: replaying history to rebuild state (seeds/use-cases.md 2 and 10). A recommendation engine
 * added months later reads orders from the beginning in its own group and builds the same totals as
 * the analytics service that has been running all along: Kafka keeps the events, queues do not.
 */
import { actorId, anyActor, type AppContext, type AppHandlers, type Command, type HandledRecord, type Simulation } from '../../engine';
import { jsonValue } from '../shared/records';
import type { Scenario } from '../types';

const TOPIC = 'orders';
const PRODUCTS = ['tea', 'coffee', 'cake', 'bagel'];

function placeOrder(_record: HandledRecord | null, ctx: AppContext): void {
  const n = Number(ctx.store.next ?? 1001);
  ctx.store.next = n + 1;
  const product = PRODUCTS[Math.floor(ctx.random() * PRODUCTS.length)]!;
  ctx.produce(TOPIC, String(n), JSON.stringify({ type: 'ORDER_PLACED', orderId: n, userId: `u${1 + Math.floor(ctx.random() * 6)}`, product }));
}

/** Counts orders per product: analytics from the start, the recommendation engine from a replay. */
function tally(record: HandledRecord | null, ctx: AppContext): void {
  const order = jsonValue<{ product: string }>(record!.value);
  if (order === null) return;
  const totals = (ctx.store.totals ??= {}) as Record<string, number>;
  totals[order.product] = (totals[order.product] ?? 0) + 1;
}

const handlers: AppHandlers = { placeOrder, tally };

function consumerCommands(id: string): Command[] {
  return [
    { type: 'createConsumer', clientId: id, config: { 'group.id': id, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } },
    { type: 'subscribe', consumer: id, topics: [TOPIC] },
    { type: 'startConsumerLoop', consumer: id, processingMsPerRecord: 10, commitMode: 'after-processing', app: { service: id, handler: 'tally' } },
  ];
}

function setup(sim: Simulation): void {
  sim.createTopic({ name: TOPIC, partitions: 2, replicationFactor: 1 });
  sim.createProducer({ clientId: 'legacy-shop' });
  sim.execute({ type: 'addTicker', id: 'orders', service: 'legacy-shop', instance: 'legacy-shop', handler: 'placeOrder', intervalMs: 600, producer: 'legacy-shop' });
  for (const c of consumerCommands('analytics')) sim.execute(c);
}

export const replay: Scenario = {
  id: 'lesson-replay',
  version: 2,
  title: 'Lesson: replay history to rebuild state',
  introduction: 'A legacy shop publishes ORDER_PLACED events to orders; analytics has counted them per product from the start. A new recommendation engine needs the same history.',
  seed: 61,
  handlers,
  setup,
  chapters: [
    {
      title: 'The log is the history',
      text: 'Records stay in orders after analytics has read them (until retention.ms, 7 days by default). A new group starts at auto.offset.reset=earliest and reads everything again, without disturbing anyone.',
      opensWhen: (s) => s.consumers.recommender !== undefined,
    },
  ],
  experiments: [
    {
      label: 'Start the recommendation engine',
      description: 'A fresh group reads orders from offset 0 and rebuilds the totals that analytics has: compare them in the table.',
      commands: (s) => (s.consumers.recommender !== undefined ? [] : consumerCommands('recommender')),
    },
  ],
  panels: [
    {
      title: 'Orders per product',
      table: (s) => ({
        columns: ['service', ...PRODUCTS],
        rows: ['analytics', 'recommender']
          .filter((id) => s.services[id] !== undefined)
          .map((id) => [id, ...PRODUCTS.map((p) => JSON.stringify(((s.services[id]!.store.totals ?? {}) as Record<string, number>)[p] ?? 0))]),
      }),
    },
  ],
  layout: { columns: [[actorId.producer('legacy-shop'), anyActor('broker')], [actorId.topic(TOPIC)], [actorId.consumer('analytics'), actorId.consumer('recommender'), anyActor('consumer')]] },
};
