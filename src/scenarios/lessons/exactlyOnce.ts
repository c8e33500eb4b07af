/**
 * Lesson: exactly-once payments (seeds/use-cases.md, 6). Checkout flushes payments to pending-payments in
 * batches. Two chargers read them and, as the document's flow has it, charge the card (an external API)
 * and write a payment status: charger-eos inside a transaction (the status and the consumed offsets commit
 * together), charger-alo without (it commits after processing). A ledger downstream reads each status
 * topic (read_committed) and marks the payment paid.
 *
 * Crash both in the middle of a batch and a new instance of each takes over: the transaction keeps the
 * Kafka side exactly-once (ledger-eos sees each status once; ledger-alo twice), but the card call is
 * outside Kafka, so both redo it. charger-eos sends the payment id as an idempotency key and the card API
 * charges once; charger-alo sends none and the card is charged twice.
 */
import { actorId, anyActor, tpKey, type AppContext, type AppHandlers, type Command, type DeepReadonly, type HandledRecord, type Simulation, type SimState } from '../../engine';
import type { Scenario } from '../types';

const INPUT = 'pending-payments';
const PIPELINES = [
  { name: 'charger-eos', output: 'payment-status', exactlyOnce: true, ledger: 'ledger-eos' },
  { name: 'charger-alo', output: 'payment-status-alo', exactlyOnce: false, ledger: 'ledger-alo' },
] as const;
const TRANSACTIONAL_ID = 'charger';
/** Checkout flushes this many payments every BATCH_EVERY_MS (so each poll holds a batch to work through). */
const BATCH_SIZE = 10;
const BATCH_EVERY_MS = 2_000;
/** The card API's round trip for one charge. */
const CHARGE_MS = 150;
const CARD_API = 'card-api';

/** Checkout: a batch of payments, numbered on. */
function checkoutBatch(_record: HandledRecord | null, ctx: AppContext): void {
  const next = Number(ctx.store.next ?? 1);
  for (let n = next; n < next + BATCH_SIZE; n++) ctx.produce(INPUT, null, `payment-${n}`);
  ctx.store.next = next + BATCH_SIZE;
}

/** The card API, called from inside the charger's loop: it counts calls and charges per charger and payment. */
function callCardApi(record: HandledRecord, ctx: AppContext, withIdempotencyKey: boolean): void {
  const payment = record.value ?? '?';
  const id = `${ctx.instance}/${payment}`;
  const calls = (ctx.store.calls ??= {}) as Record<string, number>;
  const charges = (ctx.store.charges ??= {}) as Record<string, number>;
  calls[id] = (calls[id] ?? 0) + 1;
  if (withIdempotencyKey && (charges[id] ?? 0) > 0) {
    ctx.log('IDEMPOTENT_REPLAY', `${ctx.instance} asked the card API to charge ${payment} again; the same idempotency key returns the first charge: the card is not charged twice.`);
    return;
  }
  charges[id] = (charges[id] ?? 0) + 1;
  if (charges[id] === 2) ctx.log('CHARGED_TWICE', `${ctx.instance} charged ${payment} a second time (no idempotency key): the customer pays twice.`);
}

const chargeWithKey = (record: HandledRecord | null, ctx: AppContext) => callCardApi(record!, ctx, true);
const chargeWithoutKey = (record: HandledRecord | null, ctx: AppContext) => callCardApi(record!, ctx, false);

/** A ledger downstream: marks each payment paid when its status arrives, and notes a status seen twice. */
function markPaid(record: HandledRecord | null, ctx: AppContext): void {
  const seen = (ctx.store.paid ??= {}) as Record<string, number>;
  // The status value names the payment ("processed:payment-7").
  const id = (record!.value ?? '?').replace(/^processed:/, '');
  seen[id] = (seen[id] ?? 0) + 1;
  if (seen[id] === 2) ctx.log('STATUS_TWICE', `${ctx.instance} read the status of ${id} a second time.`);
}

const handlers: AppHandlers = { checkoutBatch, chargeWithKey, chargeWithoutKey, markPaid };

function producerFor(pipeline: (typeof PIPELINES)[number], incarnation: number): string {
  return `${pipeline.name}-p${incarnation}`;
}

function loop(pipeline: (typeof PIPELINES)[number], producer: string): Command {
  return {
    type: 'startConsumerLoop',
    consumer: pipeline.name,
    processingMsPerRecord: CHARGE_MS,
    commitMode: pipeline.exactlyOnce ? 'none' : 'after-processing',
    app: { service: CARD_API, handler: pipeline.exactlyOnce ? 'chargeWithKey' : 'chargeWithoutKey' },
    forwardTo: { producer, topic: pipeline.output, exactlyOnce: pipeline.exactlyOnce },
  };
}

function setup(sim: Simulation): void {
  sim.createTopic({ name: INPUT, partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'checkout' });
  sim.execute({ type: 'addTicker', id: 'checkout', service: 'checkout', instance: 'checkout', handler: 'checkoutBatch', intervalMs: BATCH_EVERY_MS, producer: 'checkout' });
  for (const p of PIPELINES) {
    sim.createTopic({ name: p.output, partitions: 1, replicationFactor: 1 });
    const producer = producerFor(p, 1);
    sim.createProducer({ clientId: producer, config: p.exactlyOnce ? { 'transactional.id': TRANSACTIONAL_ID, 'linger.ms': 0 } : { 'linger.ms': 0 } });
    if (p.exactlyOnce) sim.execute({ type: 'initTransactions', producer });
    sim.createConsumer({
      clientId: p.name,
      config: { 'group.id': p.name, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'isolation.level': 'read_committed', 'session.timeout.ms': 10_000 },
    });
    sim.subscribe(p.name, [INPUT]);
    sim.createConsumer({ clientId: p.ledger, config: { 'group.id': p.ledger, 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' } });
    sim.subscribe(p.ledger, [p.output]);
    sim.execute({ type: 'startConsumerLoop', consumer: p.ledger, processingMsPerRecord: 0, commitMode: 'none', app: { service: p.ledger, handler: 'markPaid' } });
  }
  // The chargers start once their transactional producer is ready (initTransactions is a round trip).
  for (const p of PIPELINES) sim.schedule(50, loop(p, producerFor(p, 1)));
}

function crashedCount(s: DeepReadonly<SimState>): number {
  return Object.keys(s.producers).filter((id) => id.startsWith('charger-eos-p')).length;
}

/** Whether `charger` has charged payments its group has not committed yet (they would be redone after a crash). */
export function hasUncommittedCharges(s: DeepReadonly<SimState>, charger: string): boolean {
  const consumer = s.consumers[charger];
  if (consumer === undefined || consumer.memberState === 'CRASHED' || consumer.loop === null) return false;
  const offsets = s.groups[charger]?.offsets ?? {};
  return consumer.assignment.some((tp) => {
    const processedTo = tp.position - consumer.pending.filter((r) => r.topic === tp.topic && r.partition === tp.partition).length;
    return processedTo > (offsets[tpKey(tp.topic, tp.partition)]?.offset ?? 0);
  });
}

/** Crash both chargers, then a new instance of each with a new producer (same transactional.id: the old one is fenced). */
function crashAndReplace(s: DeepReadonly<SimState>): Command[] {
  if (!PIPELINES.every((p) => hasUncommittedCharges(s, p.name))) return [];
  const incarnation = crashedCount(s) + 1;
  return PIPELINES.flatMap((p): Command[] => {
    const producer = producerFor(p, incarnation);
    return [
      { type: 'crashConsumer', consumer: p.name },
      { type: 'createProducer', clientId: producer, config: p.exactlyOnce ? { 'transactional.id': TRANSACTIONAL_ID, 'linger.ms': 0 } : { 'linger.ms': 0 } },
      ...(p.exactlyOnce ? [{ type: 'initTransactions', producer } as const] : []),
      loop(p, producer),
      { type: 'restartConsumer', consumer: p.name },
    ];
  });
}

/** Entries of a service's counter above one: `charger/payment` ids, or payment ids. */
function twice(s: DeepReadonly<SimState>, service: string, counter: string, prefix = ''): string[] {
  return Object.entries((s.services[service]?.store[counter] ?? {}) as Record<string, number>)
    .filter(([id, n]) => n > 1 && id.startsWith(prefix))
    .map(([id]) => id.slice(prefix.length));
}

export const exactlyOnce: Scenario = {
  id: 'lesson-exactly-once',
  version: 3,
  title: 'Lesson: exactly-once payments',
  introduction:
    'Checkout flushes payments to pending-payments in batches. Two chargers read them and, as the use case has it, charge the card through an external card API and write a payment status. charger-eos does it inside transactions: the status it writes and the offsets it consumed commit together. charger-alo commits after processing. A ledger reads each status topic (read_committed) and marks the payment paid.',
  seed: 81,
  options: { brokers: 1 },
  handlers,
  setup,
  chapters: [
    {
      title: 'Read, process, write, commit: as one',
      text: 'Each poll of charger-eos is one transaction: the statuses it writes and the offsets it consumed commit together or not at all. A read_committed reader never sees an aborted status.',
      opensWhen: () => true,
    },
    {
      title: 'After the crash: Kafka exactly-once, the card call not',
      text: 'The new charger-eos producer has the same transactional.id: its initTransactions fences the old one and aborts its open transaction, so the statuses it wrote vanish for read_committed readers and are written again once; ledger-eos marks each payment paid once. charger-alo had processed payments it never committed: it writes their statuses again and ledger-alo sees them twice. The card API is outside Kafka, so no transaction covers it: both chargers called it again for the redone payments. charger-eos sends the payment id as an idempotency key and the API returns the first charge; charger-alo sends none and the customer is charged twice. A Kafka transaction makes Kafka writes exactly-once, never a call to another system: that needs an idempotency key (or the outbox pattern).',
      opensWhen: (s) => crashedCount(s) > 1,
      actors: [actorId.consumer('charger-*'), actorId.consumer('ledger-*'), actorId.topic('payment-status'), actorId.topic('payment-status-alo')],
    },
  ],
  experiments: [
    {
      label: 'Crash both chargers mid-work',
      description:
        'Offered while both chargers have charged payments of a batch they have not committed yet. Both crash and a new instance of each takes over at once: watch the ledgers and the card API.',
      commands: crashAndReplace,
    },
  ],
  checks: [
    {
      id: 'alo-status',
      title: 'A payment status read twice (ledger-alo)',
      findings: (s) => twice(s, 'ledger-alo', 'paid').map((id) => ({ id: `alo:${id}`, text: `ledger-alo read the status of ${id} twice.` })),
    },
    {
      id: 'eos-status',
      title: 'A payment status read twice (ledger-eos)',
      findings: (s) => twice(s, 'ledger-eos', 'paid').map((id) => ({ id: `eos:${id}`, text: `ledger-eos read the status of ${id} twice.` })),
    },
    {
      id: 'charged-twice',
      title: 'A card charged twice',
      findings: (s) => twice(s, CARD_API, 'charges').map((id) => ({ id: `charged:${id}`, text: `${id.replace('/', ' charged ')} twice: the customer pays again.` })),
    },
    {
      id: 'called-twice',
      title: 'The card API asked twice for one payment',
      findings: (s) =>
        twice(s, CARD_API, 'calls').map((id) => ({
          id: `called:${id}`,
          text: `${id.replace('/', ' called the card API for ')} twice${id.startsWith('charger-eos/') ? ' (same idempotency key: charged once)' : ''}.`,
        })),
    },
  ],
  layout: {
    columns: [
      [actorId.producer('checkout'), anyActor('broker')],
      [actorId.topic(INPUT)],
      [
        actorId.consumer('charger-eos'),
        actorId.producer('charger-eos-p1'),
        actorId.producer('charger-eos-p2'),
        actorId.consumer('charger-alo'),
        actorId.producer('charger-alo-p1'),
        actorId.producer('charger-alo-p2'),
      ],
      [actorId.topic('payment-status'), actorId.topic('payment-status-alo')],
      [actorId.consumer('ledger-eos'), actorId.consumer('ledger-alo'), anyActor('consumer')],
    ],
  },
};
