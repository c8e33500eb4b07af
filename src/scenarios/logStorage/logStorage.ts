/**
 * "Retention and compaction": two topics side by side, at teaching scale (tiny segments, seconds
 * instead of days). page-views deletes whole old segments once their newest record is older than
 * retention.ms; user-profile is compacted, keeping the latest value per user and, for a while, the
 * tombstone of a deleted user.
 */
import { actorId, anyActor, type Simulation } from '../../engine';
import type { Scenario } from '../types';

export const PROFILE_USERS = ['ann', 'cho', 'dev'];

function setup(sim: Simulation): void {
  sim.createTopic({
    name: 'page-views',
    partitions: 1,
    replicationFactor: 1,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': 15_000, 'segment.bytes': 400 },
  });
  sim.createTopic({
    name: 'user-profile',
    partitions: 1,
    replicationFactor: 1,
    configs: { 'cleanup.policy': 'compact', 'segment.bytes': 300, 'delete.retention.ms': 20_000, 'min.cleanable.dirty.ratio': 0.5 },
  });
  sim.createProducer({ clientId: 'web', config: { 'linger.ms': 0 } });
  sim.createProducer({ clientId: 'profile-service', config: { 'linger.ms': 0 } });
  sim.addTrafficSource({ id: 'views', producer: 'web', topic: 'page-views', intervalMs: 700, keys: ['home', 'menu', 'cart'], valuePrefix: 'view' });
  sim.addTrafficSource({ id: 'profiles', producer: 'profile-service', topic: 'user-profile', intervalMs: 900, keys: PROFILE_USERS, valuePrefix: 'profile-v' });
  // ben updates his profile a few times, then deletes his account: a tombstone (key, null value).
  for (const [atMs, value] of [
    [1_500, 'ben-v1'],
    [4_500, 'ben-v2'],
    [8_500, 'ben-v3'],
  ] as const) {
    sim.schedule(atMs, { type: 'send', producer: 'profile-service', topic: 'user-profile', key: 'ben', value });
  }
  sim.schedule(12_000, { type: 'send', producer: 'profile-service', topic: 'user-profile', key: 'ben', value: null });
}

export const logStorage: Scenario = {
  id: 'log-storage',
  version: 2,
  title: 'Retention and compaction: what Kafka really deletes',
  introduction:
    "page-views keeps records for retention.ms = 15 s, but Kafka deletes whole segments, and only when a segment's newest record is older than that: watch the log start offset jump a segment at a time. user-profile is compacted: the cleaner keeps the latest value per user, never touches the active segment, and keeps offsets (gaps appear). At 12 s ben is deleted with a tombstone, which itself survives delete.retention.ms (20 s) after the cleaner first sees it. Sizes and times are shrunk to teaching scale; the broker checks retention every 5 s and the cleaner wakes every 5 s.",
  seed: 4,
  options: { brokers: 1, brokerConfig: { 'log.retention.check.interval.ms': 5_000, 'log.cleaner.backoff.ms': 5_000 } },
  setup,
  layout: { columns: [[actorId.producer('web'), actorId.producer('profile-service'), anyActor('broker')], [actorId.topic('page-views'), actorId.topic('user-profile')], [anyActor('consumer')]] },
};
