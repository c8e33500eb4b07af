/**
 * Lesson: compacted user profiles (seeds/use-cases.md, 7). user-profile keeps only the latest record
 * per userId once the cleaner has run, so a new cache that reads it from the start gets the current
 * profile of every user without replaying every change.
 */
import { actorId, anyActor, type AppContext, type AppHandlers, type HandledRecord, type Simulation } from '../../engine';
import { jsonValue } from '../shared/records';
import type { Scenario } from '../types';

const TOPIC = 'user-profile';
const USERS: [string, string][] = [
  ['u41', 'Ana'],
  ['u42', 'Alice'],
  ['u43', 'Bo'],
  ['u44', 'Chen'],
  ['u45', 'Dee'],
];

interface Profile {
  userId: string;
  name: string;
  email: string;
}

function editProfile(_record: HandledRecord | null, ctx: AppContext): void {
  const [userId, name] = USERS[Math.floor(ctx.random() * USERS.length)]!;
  const version = Number(ctx.store[userId] ?? 0) + 1;
  ctx.store[userId] = version;
  const profile: Profile = { userId, name, email: `${name.toLowerCase()}${version}@example.com` };
  ctx.produce(TOPIC, userId, JSON.stringify(profile));
}

/** Builds the in-memory map { userId → profile } from the stream. */
function cache(record: HandledRecord | null, ctx: AppContext): void {
  const profile = jsonValue<Profile>(record!.value);
  if (profile === null) return;
  const map = (ctx.store.profiles ??= {}) as Record<string, string>;
  map[profile.userId] = profile.email;
  ctx.store.read = Number(ctx.store.read ?? 0) + 1;
}

const handlers: AppHandlers = { editProfile, cache };

function startCache(sim: Simulation, id: string): void {
  sim.createConsumer({ clientId: id, config: { 'group.id': id, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } });
  sim.subscribe(id, [TOPIC]);
  sim.execute({ type: 'startConsumerLoop', consumer: id, processingMsPerRecord: 5, commitMode: 'after-processing', app: { service: id, handler: 'cache' } });
}

function setup(sim: Simulation): void {
  sim.createTopic({ name: TOPIC, partitions: 1, replicationFactor: 1, configs: { 'cleanup.policy': 'compact', 'segment.bytes': 700, 'min.cleanable.dirty.ratio': 0.1 } });
  sim.createProducer({ clientId: 'profile-service' });
  sim.execute({ type: 'addTicker', id: 'edits', service: 'profile-service', instance: 'profile-service', handler: 'editProfile', intervalMs: 500, producer: 'profile-service' });
  startCache(sim, 'profile-cache');
}

export const compactedProfiles: Scenario = {
  id: 'lesson-compaction',
  version: 2,
  title: 'Lesson: compacted user profiles',
  introduction:
    'Every profile change is written to the compacted topic user-profile, keyed by userId. profile-cache builds a map of the current profiles. The log cleaner keeps only the newest record per user.',
  seed: 51,
  options: { brokers: 1, brokerConfig: { 'log.cleaner.backoff.ms': 3_000 } },
  handlers,
  setup,
  chapters: [
    {
      title: 'Latest value per key',
      text: 'The cleaner removed older records of users that changed again. The active segment is never cleaned, so the newest changes stay as they are until the segment rolls.',
      opensWhen: (s) => (s.topics[TOPIC]?.partitions[0]?.log.firstDirtyOffset ?? 0) > 0,
    },
  ],
  experiments: [
    {
      label: 'Start a new cache from the beginning',
      description: 'new-cache reads user-profile from offset 0 in a fresh group: it reaches the same map as profile-cache while reading far fewer records.',
      commands: (s) =>
        s.consumers['new-cache'] !== undefined
          ? []
          : [
              { type: 'createConsumer', clientId: 'new-cache', config: { 'group.id': 'new-cache', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } },
              { type: 'subscribe', consumer: 'new-cache', topics: [TOPIC] },
              { type: 'startConsumerLoop', consumer: 'new-cache', processingMsPerRecord: 5, commitMode: 'after-processing', app: { service: 'new-cache', handler: 'cache' } },
            ],
    },
  ],
  panels: [
    {
      title: 'Caches',
      table: (s) => ({
        columns: ['cache', 'records read', 'profiles'],
        rows: ['profile-cache', 'new-cache']
          .filter((id) => s.services[id] !== undefined)
          .map((id) => [id, JSON.stringify(s.services[id]!.store.read ?? 0), Object.keys((s.services[id]!.store.profiles ?? {}) as object).length.toString()]),
      }),
    },
  ],
  layout: { columns: [[actorId.producer('profile-service'), anyActor('broker')], [actorId.topic(TOPIC)], [actorId.consumer('profile-cache'), actorId.consumer('new-cache'), anyActor('consumer')]] },
};
