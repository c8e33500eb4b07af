/**
 * Lesson: exactly-once payments (seeds/use-cases.md, 6). Two chargers read pending-payments and write
 * a payment status: one inside transactions (the status and the consumed offsets commit together),
 * one without (it commits after processing). Crash both in the middle of their work and start a new
 * instance of each (a 10 s session.timeout.ms, so the new one is admitted soon): the bank, reading read_committed, charges twice only behind the one without
 * transactions.
 */
import type { AppContext, AppHandlers, Command, DeepReadonly, HandledRecord, Simulation, SimState } from '../../engine';
import type { Scenario } from '../types';

const INPUT = 'pending-payments';
const PIPELINES = [
  { name: 'charger-eos', output: 'payment-status', exactlyOnce: true },
  { name: 'charger-alo', output: 'payment-status-alo', exactlyOnce: false },
] as const;
const TRANSACTIONAL_ID = 'charger';

/** The bank: charges the card for each status it reads, and notes a card charged twice. */
function charge(record: HandledRecord | null, ctx: AppContext): void {
  const seen = (ctx.store.charged ??= {}) as Record<string, number>;
  // The status value names the payment ("processed:payment-7").
  const id = (record!.value ?? '?').replace(/^processed:/, '');
  seen[id] = (seen[id] ?? 0) + 1;
  if (seen[id] === 2) ctx.log('CHARGED_TWICE', `${id} was charged twice: the customer pays again.`);
}

const handlers: AppHandlers = { charge };

function producerFor(pipeline: (typeof PIPELINES)[number], incarnation: number): string {
  return `${pipeline.name}-p${incarnation}`;
}

function loop(pipeline: (typeof PIPELINES)[number], producer: string): Command {
  return { type: 'startConsumerLoop', consumer: pipeline.name, processingMsPerRecord: 100, commitMode: pipeline.exactlyOnce ? 'none' : 'after-processing', forwardTo: { producer, topic: pipeline.output, exactlyOnce: pipeline.exactlyOnce } };
}

function setup(sim: Simulation): void {
  sim.createTopic({ name: INPUT, partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'checkout' });
  sim.addTrafficSource({ id: 'payments', producer: 'checkout', topic: INPUT, intervalMs: 250, keys: null, valuePrefix: 'payment' });
  for (const p of PIPELINES) {
    sim.createTopic({ name: p.output, partitions: 1, replicationFactor: 1 });
    const producer = producerFor(p, 1);
    sim.createProducer({ clientId: producer, config: p.exactlyOnce ? { 'transactional.id': TRANSACTIONAL_ID, 'linger.ms': 0 } : { 'linger.ms': 0 } });
    if (p.exactlyOnce) sim.execute({ type: 'initTransactions', producer });
    sim.createConsumer({ clientId: p.name, config: { 'group.id': p.name, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'isolation.level': 'read_committed', 'session.timeout.ms': 10_000 } });
    sim.subscribe(p.name, [INPUT]);
    const bank = `bank-${p.exactlyOnce ? 'eos' : 'alo'}`;
    sim.createConsumer({ clientId: bank, config: { 'group.id': bank, 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' } });
    sim.subscribe(bank, [p.output]);
    sim.execute({ type: 'startConsumerLoop', consumer: bank, processingMsPerRecord: 0, commitMode: 'none', app: { service: bank, handler: 'charge' } });
  }
  // The chargers start once their transactional producer is ready (initTransactions is a round trip).
  for (const p of PIPELINES) sim.schedule(50, loop(p, producerFor(p, 1)));
}

function crashedCount(s: DeepReadonly<SimState>): number {
  return Object.keys(s.producers).filter((id) => id.startsWith('charger-eos-p')).length;
}

/** Crash both chargers, then a new instance of each with a new producer (same transactional.id: the old one is fenced). */
function crashAndReplace(s: DeepReadonly<SimState>): Command[] {
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

function twice(s: DeepReadonly<SimState>, bank: string): string[] {
  return Object.entries((s.services[bank]?.store.charged ?? {}) as Record<string, number>).filter(([, n]) => n > 1).map(([id]) => id);
}

export const exactlyOnce: Scenario = {
  id: 'lesson-exactly-once',
  version: 2,
  title: 'Lesson: exactly-once payments',
  introduction: 'Payments arrive on pending-payments. charger-eos writes payment-status inside transactions, with its consumed offsets in the same transaction; charger-alo writes payment-status-alo and commits after processing. A bank reads each status topic (read_committed) and charges the card.',
  seed: 81,
  options: { brokers: 1 },
  handlers,
  setup,
  chapters: [
    { title: 'Read, process, write, commit: as one', text: 'Each poll of charger-eos is one transaction: the statuses it writes and the offsets it consumed commit together or not at all. A read_committed reader never sees an aborted status.', opensWhen: () => true },
    { title: 'After the crash', text: 'The new charger-eos producer has the same transactional.id: its initTransactions fences the old one and aborts its open transaction, so the statuses it wrote vanish for read_committed readers and are written again once. charger-alo had processed records it never committed: it processes them again and the bank charges twice.', opensWhen: (s) => crashedCount(s) > 1 },
  ],
  experiments: [{ label: 'Crash both chargers mid-work', description: 'Both crash while processing and a new instance of each takes over at once. Watch the banks.', commands: crashAndReplace }],
  checks: [
    { id: 'eos', title: 'Charged twice behind charger-eos', findings: (s) => twice(s, 'bank-eos').map((id) => ({ id: `eos:${id}`, text: `${id} charged twice through payment-status.` })) },
    { id: 'alo', title: 'Charged twice behind charger-alo', findings: (s) => twice(s, 'bank-alo').map((id) => ({ id: `alo:${id}`, text: `${id} charged twice through payment-status-alo.` })) },
  ],
  layout: {
    columns: [
      ['producer:checkout', 'broker:*'],
      [`topic:${INPUT}`],
      ['consumer:charger-eos', 'producer:charger-eos-p1', 'producer:charger-eos-p2', 'consumer:charger-alo', 'producer:charger-alo-p1', 'producer:charger-alo-p2'],
      ['topic:payment-status', 'topic:payment-status-alo'],
      ['consumer:bank-eos', 'consumer:bank-alo', 'consumer:*'],
    ],
  },
};
