/**
 * Lesson: windowed order metrics (seeds/use-cases.md 8, seeds/demo-system.md "Windowed Aggregations").
 * A shop publishes order events (placed, shipped) to orders; order-metrics counts them in one-minute
 * tumbling windows of event time and publishes a summary per window to order-metrics, which a dashboard
 * reads. A window closes once every partition has shown an event past its end (the watermark), so a
 * backfill that reads the whole history again, one partition after another, publishes the same counts.
 */
import { actorId, anyActor, type AppContext, type AppHandlers, type Command, type DeepReadonly, type HandledRecord, type Simulation, type SimState } from '../../engine';
import { noteEventTime, watermark } from '../shared/eventTime';
import { jsonValue } from '../shared/records';
import type { Scenario } from '../types';

const ORDERS = 'orders';
const PARTITIONS = 3;
const METRICS = 'order-metrics';
const BACKFILL_METRICS = 'order-metrics-backfill';
const WINDOW_MS = 60_000;
const BACKFILL = 'metrics-backfill';

interface OrderEvent {
  orderId: number;
  status: 'placed' | 'shipped';
}

/** A type, not an interface: it is kept in memory and the store, which hold plain JSON-like records. */
export type WindowSummary = {
  windowStart: number;
  windowEnd: number;
  placed: number;
  shipped: number;
};

/** The shop: a new order now and then, and an earlier one shipped. */
function shop(_record: HandledRecord | null, ctx: AppContext): void {
  const open = (ctx.store.open ??= []) as number[];
  if (open.length > 0 && ctx.random() < 0.45) {
    const orderId = open.splice(Math.floor(ctx.random() * open.length), 1)[0]!;
    ctx.produce(ORDERS, String(orderId), JSON.stringify({ orderId, status: 'shipped' } satisfies OrderEvent));
    return;
  }
  const orderId = Number(ctx.store.next ?? 1);
  ctx.store.next = orderId + 1;
  open.push(orderId);
  ctx.produce(ORDERS, String(orderId), JSON.stringify({ orderId, status: 'placed' } satisfies OrderEvent));
}

/**
 * order-metrics (and the backfill): counts each event into its window of event time (the record's
 * timestamp), and publishes every window the watermark has passed. The open windows live in memory.
 */
function countWindow(record: HandledRecord | null, ctx: AppContext): void {
  const event = jsonValue<OrderEvent>(record!.value);
  if (event === null) return;
  noteEventTime(ctx.memory, record!.partition, record!.timestamp);
  const start = Math.floor(record!.timestamp / WINDOW_MS) * WINDOW_MS;
  const windows = (ctx.memory.windows ??= {}) as Partial<Record<string, WindowSummary>>;
  const closedUpTo = Number(ctx.memory.closedUpTo ?? Number.NEGATIVE_INFINITY);
  if (start < closedUpTo) {
    // Cannot happen while timestamps grow per partition; counted rather than lost silently if it did.
    ctx.memory.late = Number(ctx.memory.late ?? 0) + 1;
    return;
  }
  const w = (windows[start] ??= { windowStart: start, windowEnd: start + WINDOW_MS, placed: 0, shipped: 0 });
  w[event.status] += 1;
  const mark = watermark(ctx.memory, PARTITIONS);
  for (const key of Object.keys(windows).sort((a, b) => Number(a) - Number(b))) {
    const closing = windows[key]!;
    if (closing.windowEnd > mark) break;
    ctx.produce(ctx.service === BACKFILL ? BACKFILL_METRICS : METRICS, String(closing.windowStart), JSON.stringify(closing));
    ctx.log(
      'WINDOW_CLOSED',
      `${ctx.instance} closed the window ${clock(closing.windowStart)}–${clock(closing.windowEnd)}: ${closing.placed} placed, ${closing.shipped} shipped (every partition has shown an event after its end).`,
    );
    ctx.memory.closedUpTo = closing.windowEnd;
    Reflect.deleteProperty(windows, key);
  }
}

/** The dashboard keeps the summaries it reads, by window. */
function showSummary(record: HandledRecord | null, ctx: AppContext): void {
  const summary = jsonValue<WindowSummary>(record!.value);
  if (summary === null) return;
  const shown = (ctx.store.windows ??= {}) as Record<string, WindowSummary>;
  shown[summary.windowStart] = summary;
}

const handlers: AppHandlers = { shop, countWindow, showSummary };

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function consumer(id: string, topic: string, handler: string, producer: string | null): Command[] {
  return [
    ...(producer === null ? [] : [{ type: 'createProducer', clientId: producer } as const]),
    { type: 'createConsumer', clientId: id, config: { 'group.id': id, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } },
    { type: 'subscribe', consumer: id, topics: [topic] },
    { type: 'startConsumerLoop', consumer: id, processingMsPerRecord: 10, commitMode: 'after-processing', app: { service: id, handler, ...(producer === null ? {} : { producer }) } },
  ];
}

function setup(sim: Simulation): void {
  sim.createTopic({ name: ORDERS, partitions: PARTITIONS, replicationFactor: 1 });
  sim.createTopic({ name: METRICS, partitions: 1, replicationFactor: 1 });
  sim.createTopic({ name: BACKFILL_METRICS, partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'shop' });
  sim.execute({ type: 'addTicker', id: 'shop', service: 'shop', instance: 'shop', handler: 'shop', intervalMs: 700, producer: 'shop' });
  for (const c of [...consumer('order-metrics', ORDERS, 'countWindow', 'order-metrics'), ...consumer('dashboard', METRICS, 'showSummary', null)]) sim.execute(c);
}

/** The summaries a service published to a metrics topic, by window start. */
export function summariesIn(s: DeepReadonly<SimState>, topic: string): Map<number, WindowSummary> {
  const out = new Map<number, WindowSummary>();
  for (const p of s.topics[topic]?.partitions ?? []) {
    for (const r of p.log.records) {
      const summary = jsonValue<WindowSummary>(r.value);
      if (summary !== null) out.set(summary.windowStart, summary);
    }
  }
  return out;
}

const same = (a: WindowSummary, b: WindowSummary) => a.placed === b.placed && a.shipped === b.shipped;

export const windowedMetrics: Scenario = {
  id: 'lesson-windowed-metrics',
  version: 1,
  title: 'Lesson: windowed order metrics',
  introduction:
    'A shop publishes order events (placed, shipped) to orders, three partitions keyed by order id. order-metrics counts them in one-minute windows of event time and publishes a summary per window to order-metrics; a dashboard reads the summaries.',
  seed: 91,
  handlers,
  setup,
  chapters: [
    {
      title: 'Counting in windows of event time',
      text: "Each event counts in the minute its timestamp falls in, not the minute it happens to be read. The open windows live in the aggregator's memory; only closed ones are published.",
      opensWhen: () => true,
    },
    {
      title: 'When is a window complete?',
      text: "A window closes once every partition has shown an event past its end: each partition's timestamps only grow, so nothing for that minute can still arrive. This is the watermark Kafka Streams keeps across a task's partitions. The summary is a new event on order-metrics, which any number of dashboards can read.",
      opensWhen: (s) => summariesIn(s, METRICS).size > 0,
      actors: [actorId.consumer('order-metrics'), actorId.topic(METRICS), actorId.consumer('dashboard')],
    },
    {
      title: 'Backfill from the log',
      text: 'The backfill reads the whole history again in a fresh group, one partition after another, far out of time order. Because windows close on the watermark, it publishes the same counts for every minute: the log makes the metrics reproducible.',
      opensWhen: (s) => summariesIn(s, BACKFILL_METRICS).size > 0,
      actors: [actorId.consumer(BACKFILL), actorId.topic(BACKFILL_METRICS), actorId.topic(ORDERS)],
    },
  ],
  experiments: [
    {
      label: 'Backfill the metrics from the log',
      description: 'Starts metrics-backfill in a fresh group reading orders from offset 0, writing its windows to order-metrics-backfill. Compare them with the live ones in the table.',
      commands: (s) => (s.consumers[BACKFILL] !== undefined ? [] : consumer(BACKFILL, ORDERS, 'countWindow', BACKFILL)),
    },
  ],
  checks: [
    {
      id: 'backfill-differs',
      title: 'A backfilled window that differs from the live one',
      findings: (s) => {
        const live = summariesIn(s, METRICS);
        return [...summariesIn(s, BACKFILL_METRICS).values()]
          .filter((b) => live.has(b.windowStart) && !same(b, live.get(b.windowStart)!))
          .map((b) => ({
            id: `differs:${b.windowStart}`,
            text: `Window ${clock(b.windowStart)}: the backfill counted ${b.placed}/${b.shipped}, the live run ${live.get(b.windowStart)!.placed}/${live.get(b.windowStart)!.shipped}.`,
          }));
      },
    },
  ],
  panels: [
    {
      title: 'Windows (placed / shipped)',
      table: (s) => {
        const live = summariesIn(s, METRICS);
        const backfill = summariesIn(s, BACKFILL_METRICS);
        const starts = [...new Set([...live.keys(), ...backfill.keys()])].sort((a, b) => b - a).slice(0, 8);
        const cell = (w: WindowSummary | undefined) => (w === undefined ? '–' : `${w.placed} / ${w.shipped}`);
        return { columns: ['window', 'live (order-metrics)', 'backfill'], rows: starts.map((t) => [`${clock(t)}–${clock(t + WINDOW_MS)}`, cell(live.get(t)), cell(backfill.get(t))]) };
      },
    },
  ],
  layout: {
    columns: [
      [actorId.producer('shop'), anyActor('broker')],
      [actorId.topic(ORDERS)],
      [actorId.consumer('order-metrics'), actorId.consumer(BACKFILL), anyActor('producer')],
      [actorId.topic(METRICS), actorId.topic(BACKFILL_METRICS)],
      [actorId.consumer('dashboard'), anyActor('consumer')],
    ],
  },
};
