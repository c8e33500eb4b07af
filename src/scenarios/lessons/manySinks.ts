/**
 * Lesson: one topic, many sinks (seeds/use-cases.md 5, with 4 and 9). Three services publish their logs to
 * service-logs; four groups read all of it, each at its own pace: an indexer writing to Elasticsearch
 * (slow), alerts posting ERRORs to Slack, a dashboard counting per level, and a lake writer dropping a
 * file to S3 every 30 s. Take Elasticsearch down and only the indexer falls behind; add an anomaly
 * detector and it reads the whole history without anyone else noticing.
 */
import { actorId, anyActor, consumerLag, type AppContext, type AppHandlers, type Command, type DeepReadonly, type HandledRecord, type Simulation, type SimState } from '../../engine';
import { jsonValue } from '../shared/records';
import type { Scenario } from '../types';

const TOPIC = 'service-logs';
const SERVICES = ['api-gateway', 'checkout', 'search'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'INFO', 'WARN', 'WARN', 'ERROR'] as const;
const LAKE_FILE_EVERY_MS = 30_000;
const INDEXER = 'indexer';
const NEWCOMER = 'anomaly-detector';

interface LogEvent {
  service: string;
  level: (typeof LEVELS)[number];
  message: string;
}

/** A service logs a line. */
function logLine(_record: HandledRecord | null, ctx: AppContext): void {
  const level = LEVELS[Math.floor(ctx.random() * LEVELS.length)]!;
  const message = level === 'ERROR' ? 'Timeout calling payments' : level === 'WARN' ? 'Slow response (1.2 s)' : 'Request served';
  ctx.produce(TOPIC, ctx.instance, JSON.stringify({ service: ctx.instance, level, message } satisfies LogEvent));
}

function count(ctx: AppContext, key: string): void {
  ctx.store[key] = Number(ctx.store[key] ?? 0) + 1;
}

/** The indexer writes each line to Elasticsearch (the slowest of the sinks). */
function indexLine(_record: HandledRecord | null, ctx: AppContext): void {
  count(ctx, 'indexed');
}

/** Alerts post every ERROR to Slack. */
function alertOnError(record: HandledRecord | null, ctx: AppContext): void {
  const event = jsonValue<LogEvent>(record!.value);
  if (event?.level !== 'ERROR') return;
  count(ctx, 'posted');
  ctx.log('SLACK_ALERT', `alerts posted to Slack: ERROR in ${event.service} (${event.message}).`);
}

/** The dashboard counts lines per level. */
function countLevel(record: HandledRecord | null, ctx: AppContext): void {
  const event = jsonValue<LogEvent>(record!.value);
  if (event !== null) count(ctx, event.level);
}

/** The lake writer gathers lines and drops a file to S3 every LAKE_FILE_EVERY_MS of event time. */
function writeLake(record: HandledRecord | null, ctx: AppContext): void {
  const fileStart = Math.floor(record!.timestamp / LAKE_FILE_EVERY_MS) * LAKE_FILE_EVERY_MS;
  const open = Number(ctx.store.openFile ?? fileStart);
  if (fileStart > open) {
    const lines = Number(ctx.store.openLines ?? 0);
    const files = (ctx.store.files ??= []) as number[];
    files.push(lines);
    ctx.log('LAKE_FILE', `lake-writer dropped s3://lake/service-logs/${open / 1000}.json with ${lines} lines.`);
    ctx.store.openLines = 0;
  }
  ctx.store.openFile = fileStart;
  count(ctx, 'openLines');
}

/** The anomaly detector, added later: reads the whole history, counting lines per service. */
function watchAnomalies(record: HandledRecord | null, ctx: AppContext): void {
  count(ctx, 'read');
  const event = jsonValue<LogEvent>(record!.value);
  if (event !== null) count(ctx, `errors:${event.service}`);
}

const handlers: AppHandlers = { logLine, indexLine, alertOnError, countLevel, writeLake, watchAnomalies };

const SINKS: { id: string; handler: string; processingMs: number }[] = [
  { id: INDEXER, handler: 'indexLine', processingMs: 150 },
  { id: 'alerts', handler: 'alertOnError', processingMs: 5 },
  { id: 'dashboard', handler: 'countLevel', processingMs: 5 },
  { id: 'lake-writer', handler: 'writeLake', processingMs: 5 },
];

function sink(id: string, handler: string, processingMs: number): Command[] {
  return [
    { type: 'createConsumer', clientId: id, config: { 'group.id': id, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } },
    { type: 'subscribe', consumer: id, topics: [TOPIC] },
    { type: 'startConsumerLoop', consumer: id, processingMsPerRecord: processingMs, commitMode: 'after-processing', app: { service: id, handler } },
  ];
}

function setup(sim: Simulation): void {
  sim.createTopic({ name: TOPIC, partitions: 3, replicationFactor: 1 });
  SERVICES.forEach((id, i) => {
    sim.createProducer({ clientId: id });
    sim.execute({ type: 'addTicker', id: `logs-${id}`, service: id, instance: id, handler: 'logLine', intervalMs: 700 + 200 * i, producer: id });
  });
  for (const s of SINKS) for (const c of sink(s.id, s.handler, s.processingMs)) sim.execute(c);
}

function isElasticDown(s: DeepReadonly<SimState>): boolean {
  return s.consumers[INDEXER]?.loop?.isPaused === true;
}

/** Records a group's members have yet to read. */
export function lagOf(s: DeepReadonly<SimState>, id: string): number {
  return consumerLag(s, id).reduce((n, l) => n + l.lag, 0);
}

function recordsIn(s: DeepReadonly<SimState>): number {
  return (s.topics[TOPIC]?.partitions ?? []).reduce((n, p) => n + p.log.records.length, 0);
}

export const manySinks: Scenario = {
  id: 'lesson-many-sinks',
  version: 1,
  title: 'Lesson: one topic, many sinks',
  introduction:
    'Three services publish their log lines to service-logs. Four groups read every line, each for its own purpose and at its own pace: an indexer into Elasticsearch, alerts to Slack on ERROR, a dashboard counting per level, and a lake writer dropping a file to S3 every 30 s.',
  seed: 95,
  handlers,
  setup,
  chapters: [
    {
      title: 'Write once, read by many',
      text: 'The services publish each line once. Every group gets all of it with its own offsets: the indexer is slow and the alerts are fast, and neither waits for the other. A queue would hand each line to one reader only.',
      opensWhen: () => true,
    },
    {
      title: 'One sink down, the others carry on',
      text: 'Elasticsearch is down, so the indexer waits on it and falls behind: its lag grows. Alerts, the dashboard and the lake writer keep up: the log decouples each sink from the others and from the producers. When Elasticsearch is back, the indexer reads everything it missed; nothing was lost.',
      opensWhen: (s) => isElasticDown(s),
      actors: [actorId.consumer(INDEXER), actorId.topic(TOPIC)],
    },
    {
      title: 'A new sink, months later',
      text: 'The anomaly detector is a new group starting at the earliest offset: it reads the whole history (as far as retention keeps it) while the others carry on. No producer changed.',
      opensWhen: (s) => s.consumers[NEWCOMER] !== undefined,
      actors: [actorId.consumer(NEWCOMER), actorId.topic(TOPIC)],
    },
  ],
  experiments: [
    {
      label: 'Take Elasticsearch down',
      description: "The indexer's writes block on Elasticsearch (its handler hangs). Watch its lag grow while the other sinks keep up; press again to bring Elasticsearch back and watch it catch up.",
      commands: (s): Command[] => [{ type: 'setProcessingPaused', consumer: INDEXER, paused: !isElasticDown(s) }],
    },
    {
      label: 'Add an anomaly detector',
      description: 'A new group reads service-logs from offset 0 while everything else runs on.',
      commands: (s) => (s.consumers[NEWCOMER] !== undefined ? [] : sink(NEWCOMER, 'watchAnomalies', 5)),
    },
  ],
  checks: [
    {
      id: 'indexer-behind',
      title: 'The search index behind',
      findings: (s) => {
        const lag = lagOf(s, INDEXER);
        return lag < 20
          ? []
          : [{ id: 'indexer-behind', text: `The indexer is ${lag} lines behind; alerts ${lagOf(s, 'alerts')}, dashboard ${lagOf(s, 'dashboard')}, lake writer ${lagOf(s, 'lake-writer')}.` }];
      },
    },
  ],
  panels: [
    {
      title: 'Sinks',
      table: (s) => {
        const store = (id: string) => s.services[id]?.store ?? {};
        const n = (v: unknown) => String(Number(v ?? 0));
        const rows = [
          [INDEXER, `${n(store(INDEXER).indexed)} indexed`, String(lagOf(s, INDEXER))],
          ['alerts', `${n(store('alerts').posted)} posted to Slack`, String(lagOf(s, 'alerts'))],
          ['dashboard', `INFO ${n(store('dashboard').INFO)} · WARN ${n(store('dashboard').WARN)} · ERROR ${n(store('dashboard').ERROR)}`, String(lagOf(s, 'dashboard'))],
          ['lake-writer', `${((store('lake-writer').files ?? []) as unknown[]).length} files`, String(lagOf(s, 'lake-writer'))],
        ];
        if (s.consumers[NEWCOMER] !== undefined) rows.push([NEWCOMER, `${n(store(NEWCOMER).read)} of ${recordsIn(s)} read`, String(lagOf(s, NEWCOMER))]);
        return { columns: ['group', 'done', 'lag'], rows };
      },
    },
  ],
  layout: {
    columns: [
      [...SERVICES.map((id) => actorId.producer(id)), anyActor('broker')],
      [actorId.topic(TOPIC)],
      [...SINKS.map((x) => actorId.consumer(x.id)), actorId.consumer(NEWCOMER), anyActor('consumer')],
    ],
  },
};
