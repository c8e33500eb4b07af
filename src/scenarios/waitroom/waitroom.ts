/**
 * "Waitroom" (seeds/waitroom.md): users join a ticket queue held in Redis; the waitroom service's
 * three instances (one group) produce QUEUE_* and consume CHECKOUT_*; a checkout service turns
 * QUEUE_READY into a CHECKOUT_* result; analytics, notification and dashboard read QUEUE_JOINED.
 * Crash an instance and its CHECKOUT_* partitions wait for the session timeout (the document's
 * rebalance table); stop the broker and users can still join, because the queue lives in Redis.
 */
import { actorId, anyActor, type Command, type Simulation, type ReadState } from '../../engine';
import type { Scenario } from '../types';
import { WAITROOM_CHECKS } from './checks';
import { WAITROOM_HANDLERS } from './handlers';
import { CHECKOUT_TOPICS, PARTITIONS, REDIS, TOPICS, type WaitroomRedis } from './model';

export const WAITROOM_INSTANCES = ['waitroom-1', 'waitroom-2', 'waitroom-3'];
export const WAITROOM_GROUP = 'waitroom-service';
/** A teaching-friendly session timeout (Kafka's default is 45 s); the UI shows the value in force. */
export const WAITROOM_SESSION_TIMEOUT_MS = 10_000;
const JOINED_CONSUMERS = ['analytics-service', 'notification-service', 'dashboard-service'];

function consumerConfig(groupId: string) {
  return { 'group.id': groupId, 'auto.offset.reset': 'earliest' as const, 'enable.auto.commit': false, 'session.timeout.ms': WAITROOM_SESSION_TIMEOUT_MS, 'heartbeat.interval.ms': 3_000 };
}

/** How the waitroom instances read the CHECKOUT results: one classic consumer group, or one share group (KIP-932). */
export type InstanceGroupKind = 'classic' | 'share';

/** One waitroom instance: its producer, its reader of CHECKOUT results, and its tickers (joins, the queue processor). */
export function addWaitroomInstance(sim: Simulation, id: string, n: number, kind: InstanceGroupKind, joinIntervalMs: number): void {
  sim.createProducer({ clientId: id });
  const app = { service: WAITROOM_GROUP, handler: 'checkoutResult', producer: id };
  if (kind === 'classic') {
    sim.createConsumer({ clientId: id, config: consumerConfig(WAITROOM_GROUP) });
    sim.subscribe(id, CHECKOUT_TOPICS);
    sim.execute({ type: 'startConsumerLoop', consumer: id, processingMsPerRecord: 20, commitMode: 'after-processing', app });
  } else {
    sim.execute({ type: 'createShareConsumer', clientId: id, config: { 'group.id': WAITROOM_GROUP } });
    sim.execute({ type: 'shareSubscribe', consumer: id, topics: CHECKOUT_TOPICS });
    sim.execute({ type: 'startShareConsumerLoop', consumer: id, processingMsPerRecord: 20, app });
  }
  sim.execute({ type: 'addTicker', id: `joins-${n}`, service: WAITROOM_GROUP, instance: id, handler: 'join', intervalMs: joinIntervalMs, producer: id });
  sim.execute({ type: 'addTicker', id: `queue-processor-${n}`, service: WAITROOM_GROUP, instance: id, handler: 'queueProcessor', intervalMs: 1_000, producer: id });
}

/** The waitroom, with its instances in a classic consumer group or in a share group. */
export function setupWaitroom(sim: Simulation, kind: InstanceGroupKind): void {
  for (const [name, partitions] of Object.entries(PARTITIONS)) sim.createTopic({ name, partitions, replicationFactor: 1 });
  // Redis, a process that answers or not: the waitroom's state lives there.
  sim.createConsumer({ clientId: REDIS });
  // Joins arrive through a load balancer, a share at each instance; each instance also runs the queue processor.
  WAITROOM_INSTANCES.forEach((id, i) => addWaitroomInstance(sim, id, i + 1, kind, 2_700 + 300 * i));
  sim.createProducer({ clientId: 'checkout-service' });
  sim.createConsumer({ clientId: 'checkout-service', config: consumerConfig('checkout-service') });
  sim.subscribe('checkout-service', [TOPICS.ready]);
  sim.execute({
    type: 'startConsumerLoop',
    consumer: 'checkout-service',
    processingMsPerRecord: 1_500,
    commitMode: 'after-processing',
    app: { service: 'checkout-service', handler: 'checkout', producer: 'checkout-service' },
  });
  for (const id of JOINED_CONSUMERS) {
    sim.createConsumer({ clientId: id, config: consumerConfig(id) });
    sim.subscribe(id, [TOPICS.joined]);
    sim.execute({ type: 'startConsumerLoop', consumer: id, processingMsPerRecord: 30, commitMode: 'after-processing', app: { service: id, handler: 'countJoin' } });
  }
}

function setup(sim: Simulation): void {
  setupWaitroom(sim, 'classic');
}

function isRedisDown(state: ReadState): boolean {
  return state.consumers[REDIS]?.memberState === 'CRASHED';
}

/**
 * Redis down: nobody can join, nobody is admitted, and the waitroom's handlers for CHECKOUT results block
 * on their Redis calls (the client retries), so the results wait in Kafka. Back up: all of it resumes.
 */
function toggleRedis(state: ReadState): Command[] {
  const down = isRedisDown(state);
  return [
    down ? { type: 'restartConsumer', consumer: REDIS } : { type: 'crashConsumer', consumer: REDIS },
    ...WAITROOM_INSTANCES.filter((id) => state.consumers[id]?.loop != null).map((id): Command => ({ type: 'setProcessingPaused', consumer: id, paused: !down })),
  ];
}

export function redis(state: ReadState): Partial<WaitroomRedis> {
  return state.services[WAITROOM_GROUP]?.store ?? {};
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export const waitroom: Scenario = {
  id: 'waitroom',
  version: 3,
  title: 'Waitroom',
  introduction:
    "A ticket waitroom: users join a queue kept in Redis, and the waitroom service tells Kafka (QUEUE_JOINED, QUEUE_LEFT, QUEUE_READY). A checkout service answers with CHECKOUT_COMPLETED, FAILED or EXPIRED (10 partitions each), which the waitroom service's three instances share in one group: 0–3, 4–6 and 7–9.",
  seed: 21,
  options: { brokers: 1 },
  handlers: WAITROOM_HANDLERS,
  setup,
  checks: WAITROOM_CHECKS,
  chapters: [
    {
      title: 'State in Redis, events in Kafka',
      text: 'Joining writes the session and the queue position to Redis first, then produces QUEUE_JOINED. Redis answers "what is the current state?", Kafka "what just happened?": analytics, notification and the dashboard each read QUEUE_JOINED in their own group.',
      opensWhen: () => true,
    },
    {
      title: 'One group, thirty partitions',
      text: "waitroom-1, -2 and -3 share CHECKOUT_COMPLETED, CHECKOUT_FAILED and CHECKOUT_EXPIRED. The range assignor splits each topic separately: 0–3, 4–6 and 7–9, as in the document's table. Each result is read by exactly one instance.",
      opensWhen: (s) => s.groups[WAITROOM_GROUP]?.state === 'Stable',
      actors: [actorId.consumer('waitroom-*'), actorId.topic('CHECKOUT_*'), anyActor('broker')],
    },
    {
      title: 'The key decides the partition',
      text: "QUEUE_JOINED is keyed by event_id, as the document's producer does: every join of concert-2024 hashes to the same partition. Joins stay in one total order, but one partition takes all the load while four stay empty, and one consumer per group does all the work. Keying by session_id would spread them, at the price of that total order.",
      opensWhen: (s) => (s.topics[TOPICS.joined]?.partitions.reduce((n, p) => n + p.log.records.length, 0) ?? 0) >= 5,
      actors: [actorId.consumer('waitroom-*'), actorId.topic(TOPICS.joined), actorId.consumer('analytics-service'), actorId.consumer('notification-service'), actorId.consumer('dashboard-service')],
    },
    {
      title: 'A slot frees, the next user is admitted',
      text: 'A CHECKOUT_* result reached the waitroom: the handler updated the session, removed it from the processing set and the queue processor admitted the next user with QUEUE_READY.',
      opensWhen: (s) => Object.values(redis(s).sessions ?? {}).some((x) => x.status === 'completed' || x.status === 'failed' || x.status === 'expired'),
      actors: [actorId.consumer('waitroom-*'), actorId.topic(TOPICS.ready), actorId.consumer('checkout-service'), actorId.topic('CHECKOUT_*')],
    },
    {
      title: 'Redis down: the state is gone, the events wait',
      text: 'With Redis down the waitroom cannot work: joining needs Redis (users get an error and nothing reaches Kafka), the queue processor cannot admit anyone, and the CHECKOUT results wait in Kafka because their handler needs the session from Redis. Kafka keeps the results safely until Redis is back; it cannot stand in for the state. Stop the brokers instead, and users can still join.',
      opensWhen: (s) => isRedisDown(s),
      actors: [actorId.consumer('waitroom-*'), actorId.consumer(REDIS), actorId.topic('CHECKOUT_*')],
    },
  ],
  experiments: [
    {
      label: 'Crash waitroom-2',
      description:
        'Its CHECKOUT partitions (4–6 of each topic) wait unread until session.timeout.ms (10 s) passes; users whose results land there keep their slot meanwhile. Then the survivors take 0–4 and 5–9.',
      commands: (s) => (s.consumers['waitroom-2']?.memberState === 'CRASHED' ? [] : [{ type: 'crashConsumer', consumer: 'waitroom-2' }]),
    },
    {
      label: 'Take Redis down',
      description:
        'The document: "If Redis is down: can\'t join queue (critical dependency); Kafka messages can\'t be processed (need Redis to look up sessions)." Joins fail with an error, nobody is admitted, and CHECKOUT results wait in Kafka while the handlers block on Redis. Press again to bring Redis back: results are processed and admissions resume, but the failed joins are gone.',
      commands: toggleRedis,
    },
    {
      label: 'Stop every broker',
      description:
        'Users can still join (the queue lives in Redis), but nothing reaches Kafka: notification, analytics and the dashboard stall until the broker returns, then catch up. Press again to restart it.',
      commands: (s) => s.brokers.map((b): Command => (b.isAlive ? { type: 'crashBroker', brokerId: b.id } : { type: 'restartBroker', brokerId: b.id })),
    },
  ],
  panels: [
    {
      title: "Redis (the waitroom's state)",
      table: (s) => {
        const r = redis(s);
        const queue = r.queue ?? [];
        const processing = Object.entries(r.processing ?? {});
        const byStatus = new Map<string, number>();
        for (const x of Object.values(r.sessions ?? {})) byStatus.set(x.status, (byStatus.get(x.status) ?? 0) + 1);
        return {
          columns: ['key', 'value'],
          rows: [
            [
              'waitroom:concert-2024:queue',
              queue.length === 0
                ? '(empty)'
                : `${queue.length}: ${queue
                    .slice(0, 6)
                    .map((id) => r.sessions![id]!.user_id)
                    .join(', ')}${queue.length > 6 ? ', …' : ''}`,
            ],
            ['processing', processing.length === 0 ? '(empty)' : processing.map(([id, since]) => `${r.sessions![id]!.user_id} (${seconds(s.time - since)})`).join(', ')],
            ['sessions by status', [...byStatus.entries()].map(([k, v]) => `${k} ${v}`).join(', ') || '(none)'],
          ],
        };
      },
    },
    {
      title: 'QUEUE_JOINED consumers',
      table: (s) => ({
        columns: ['service', 'joins seen', 'last'],
        rows: JOINED_CONSUMERS.map((id) => [id, JSON.stringify(s.services[id]?.store.count ?? 0), JSON.stringify(s.services[id]?.store.last ?? '-')]),
      }),
    },
  ],
  // Redis is not a Kafka client: a service card that is up or down (see ScenarioHttp).
  http: { services: [{ id: REDIS }], calls: [] },
  layout: {
    columns: [
      [...WAITROOM_INSTANCES.map((id) => actorId.consumer(id)), actorId.consumer(REDIS), anyActor('broker')],
      [actorId.topic(TOPICS.joined), actorId.topic(TOPICS.left), actorId.topic(TOPICS.ready)],
      [actorId.consumer('checkout-service'), actorId.consumer('analytics-service'), actorId.consumer('notification-service'), actorId.consumer('dashboard-service'), anyActor('consumer')],
      [actorId.topic(TOPICS.completed), actorId.topic(TOPICS.failed), actorId.topic(TOPICS.expired), anyActor('topic')],
    ],
  },
};
