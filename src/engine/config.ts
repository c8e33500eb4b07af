/**
 * Kafka configuration names and defaults the simulator uses, verbatim, so what a learner sees
 * transfers to a real cluster. Defaults are Kafka 4.x's (see ../../shared/kafka-facts.md); a scenario
 * may set teaching-friendly values, and the UI shows the value in force.
 */

/** Broker-level settings that apply to the whole simulated cluster. */
export interface BrokerConfig {
  /** Create a topic on first use by a producer (Kafka default: true). */
  'auto.create.topics.enable': boolean;
  /** Partitions of an auto-created topic (Kafka default: 1). */
  'num.partitions': number;
  /** Replication factor of an auto-created topic (Kafka default: 1). */
  'default.replication.factor': number;
  /** Brokers heartbeat to the controller this often (KRaft). */
  'broker.heartbeat.interval.ms': number;
  /** The controller fences a broker with no heartbeat for this long, and elects new leaders. */
  'broker.session.timeout.ms': number;
  /** Move leadership back to preferred replicas every leader.imbalance.check.interval.seconds. */
  'auto.leader.rebalance.enable': boolean;
  'leader.imbalance.check.interval.seconds': number;
  /** A follower not caught up with the leader for this long leaves the ISR. */
  'replica.lag.time.max.ms': number;
  /** How often the broker applies retention to every log. */
  'log.retention.check.interval.ms': number;
  /** How long the log cleaner sleeps when no log needs cleaning. */
  'log.cleaner.backoff.ms': number;
  'log.cleaner.enable': boolean;
  /** How long the coordinator waits for more members before the first rebalance of an empty group (KIP-134). */
  'group.initial.rebalance.delay.ms': number;
  /** Bounds a member's session.timeout.ms must fall within (else INVALID_SESSION_TIMEOUT). */
  'group.min.session.timeout.ms': number;
  'group.max.session.timeout.ms': number;
  /** Partitions of __consumer_offsets: a group's coordinator is the leader of abs(hash(group.id)) % this. */
  'offsets.topic.num.partitions': number;
  'offsets.topic.replication.factor': number;
  /** Share groups (KIP-932): how long a share consumer holds a record it acquired before it is offered again (15,000 to 60,000). */
  'group.share.record.lock.duration.ms': number;
  /** A record acquired this many times is archived instead of offered again (2 to 10). */
  'group.share.delivery.count.limit': number;
  /** New records are acquired only while the in-flight window (SPEO - SPSO + 1) is below this (100 to 10,000). */
  'group.share.partition.max.record.locks': number;
  /** A share member with no heartbeat for this long is fenced (45,000 to 60,000). */
  'group.share.session.timeout.ms': number;
  /** How often share members heartbeat (5,000 to 15,000). */
  'group.share.heartbeat.interval.ms': number;
}

/** Per-topic settings (topic-level names; the broker-wide `log.` prefixed ones give the defaults). */
export interface TopicConfig {
  'cleanup.policy': 'delete' | 'compact' | 'compact,delete';
  /** Delete a segment once its newest record is older than this (-1: forever). */
  'retention.ms': number;
  /** Per partition: delete oldest segments while the log is larger than this (-1: no limit). */
  'retention.bytes': number;
  /**
   * Roll the active segment when an append would take it past this size. Kafka 4.0 rejects values
   * under 1 MiB (KIP-1030); the simulator accepts small ones so segments show at teaching scale.
   */
  'segment.bytes': number;
  /** Roll the active segment on an append whose timestamp is this much newer than its first batch. */
  'segment.ms': number;
  /** How long a tombstone survives after the cleaner first keeps it (KIP-534 delete horizon). */
  'delete.retention.ms': number;
  /** The cleaner picks a log only when dirty bytes / total bytes exceeds this. */
  'min.cleanable.dirty.ratio': number;
  /** Records younger than this are not compacted. */
  'min.compaction.lag.ms': number;
  /** A dirty segment older than this is compacted whatever the dirty ratio (Kafka's default is Long.MAX_VALUE). */
  'max.compaction.lag.ms': number;
  'min.insync.replicas': number;
  /** Elect an out-of-sync replica when the whole ISR is down, losing what it lacks (default false). */
  'unclean.leader.election.enable': boolean;
  'message.timestamp.type': 'CreateTime' | 'LogAppendTime';
}

export type Acks = 'all' | '1' | '0';

export interface ProducerConfig {
  /** all (the default since 3.0), 1 or 0. */
  acks: Acks;
  /** How long a batch waits for more records before it is sent (5 ms since Kafka 4.0, KIP-1030). */
  'linger.ms': number;
  /** Bytes per partition batch; also how much the sticky partitioner sends to one partition. */
  'batch.size': number;
  'enable.idempotence': boolean;
  /** Hash keys to partitions unless true (then every record is placed by the sticky partitioner). */
  'partitioner.ignore.keys': boolean;
  /** How long the producer waits for a produce answer before it retries. */
  'request.timeout.ms': number;
  /** Pause before the first retry of a failed produce request; it doubles with each retry (KIP-580). */
  'retry.backoff.ms': number;
  /** The most the retry pause grows to (and the wait between looks for a partition's new leader). */
  'retry.backoff.max.ms': number;
  /** Unanswered produce requests per partition at once (Kafka counts them per broker connection). */
  'max.in.flight.requests.per.connection': number;
  /** Upper bound from send() to success or failure, retries included. */
  'delivery.timeout.ms': number;
  /** Makes the producer transactional (and idempotent); one live instance per id. */
  'transactional.id': string | null;
  /** The coordinator aborts a transaction open longer than this. */
  'transaction.timeout.ms': number;
  /** The largest request the producer sends; a record bigger than this is refused (RecordTooLargeException). */
  'max.request.size': number;
}

export type AutoOffsetReset = 'earliest' | 'latest' | 'none';

/** The protocol names of Kafka's client-side assignors (the config takes their class names). */
export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

export interface ConsumerConfig {
  'group.id': string | null;
  'auto.offset.reset': AutoOffsetReset;
  'enable.auto.commit': boolean;
  'auto.commit.interval.ms': number;
  'max.poll.records': number;
  /** How long the broker holds a fetch that found nothing (fetch.min.bytes = 1). */
  'fetch.max.wait.ms': number;
  'isolation.level': 'read_uncommitted' | 'read_committed';
  /** A member without a heartbeat for this long is removed from the group (45 s since 3.0, KIP-735). */
  'session.timeout.ms': number;
  /** How often the background thread heartbeats to the coordinator. */
  'heartbeat.interval.ms': number;
  /** Longest gap between poll() calls before the member leaves the group; also its rebalance timeout. */
  'max.poll.interval.ms': number;
  /** Assignors in preference order ([range, cooperative-sticky] since 3.0: eager range until every member lists cooperative-sticky alone). */
  'partition.assignment.strategy': AssignorName[];
  /** Static membership (KIP-345): set to keep the assignment across a restart within session.timeout.ms. */
  'group.instance.id': string | null;
  /** Pause before retrying a group request whose coordinator was unavailable. */
  'retry.backoff.ms': number;
}

/** Simulator settings that are not Kafka configs: the model's own knobs. */
export interface NetworkConfig {
  /** One-way latency of every request and response between clients and brokers, in simulated ms. */
  latencyMs: number;
}

export const DEFAULT_BROKER_CONFIG: BrokerConfig = {
  'auto.create.topics.enable': true,
  'num.partitions': 1,
  'default.replication.factor': 1,
  'broker.heartbeat.interval.ms': 2_000,
  'broker.session.timeout.ms': 9_000,
  'auto.leader.rebalance.enable': true,
  'leader.imbalance.check.interval.seconds': 300,
  'replica.lag.time.max.ms': 30_000,
  'log.retention.check.interval.ms': 300_000,
  'log.cleaner.backoff.ms': 15_000,
  'log.cleaner.enable': true,
  'group.initial.rebalance.delay.ms': 3_000,
  'group.min.session.timeout.ms': 6_000,
  'group.max.session.timeout.ms': 1_800_000,
  'offsets.topic.num.partitions': 50,
  'offsets.topic.replication.factor': 3,
  'group.share.record.lock.duration.ms': 30_000,
  'group.share.delivery.count.limit': 5,
  'group.share.partition.max.record.locks': 2_000,
  'group.share.session.timeout.ms': 45_000,
  'group.share.heartbeat.interval.ms': 5_000,
};

/** The bounds Kafka 4.1 puts on the share group broker configs (ShareGroupConfig, GroupCoordinatorConfig). */
export const SHARE_BROKER_CONFIG_RANGES = {
  'group.share.record.lock.duration.ms': [15_000, 60_000],
  'group.share.delivery.count.limit': [2, 10],
  'group.share.partition.max.record.locks': [100, 10_000],
  'group.share.session.timeout.ms': [45_000, 60_000],
  'group.share.heartbeat.interval.ms': [5_000, 15_000],
} as const satisfies Partial<Record<keyof BrokerConfig, readonly [number, number]>>;

export const DEFAULT_TOPIC_CONFIG: TopicConfig = {
  'cleanup.policy': 'delete',
  'retention.ms': 604_800_000,
  'retention.bytes': -1,
  'segment.bytes': 1_073_741_824,
  'segment.ms': 604_800_000,
  'delete.retention.ms': 86_400_000,
  'min.cleanable.dirty.ratio': 0.5,
  'min.compaction.lag.ms': 0,
  // Kafka's Long.MAX_VALUE, as the largest integer a JSON number holds exactly.
  'max.compaction.lag.ms': Number.MAX_SAFE_INTEGER,
  'min.insync.replicas': 1,
  'unclean.leader.election.enable': false,
  'message.timestamp.type': 'CreateTime',
};

export const DEFAULT_PRODUCER_CONFIG: ProducerConfig = {
  acks: 'all',
  'linger.ms': 5,
  'batch.size': 16_384,
  'enable.idempotence': true,
  'partitioner.ignore.keys': false,
  'request.timeout.ms': 30_000,
  'retry.backoff.ms': 100,
  'retry.backoff.max.ms': 1_000,
  'max.in.flight.requests.per.connection': 5,
  'delivery.timeout.ms': 120_000,
  'transactional.id': null,
  'transaction.timeout.ms': 60_000,
  'max.request.size': 1_048_576,
};

export const DEFAULT_CONSUMER_CONFIG: ConsumerConfig = {
  'group.id': null,
  'auto.offset.reset': 'latest',
  'enable.auto.commit': true,
  'auto.commit.interval.ms': 5_000,
  'max.poll.records': 500,
  'fetch.max.wait.ms': 500,
  'isolation.level': 'read_uncommitted',
  'session.timeout.ms': 45_000,
  'heartbeat.interval.ms': 3_000,
  'max.poll.interval.ms': 300_000,
  'partition.assignment.strategy': ['range', 'cooperative-sticky'],
  'group.instance.id': null,
  'retry.backoff.ms': 100,
};

/**
 * A share consumer's settings (KafkaShareConsumer). It has no offsets, no assignor and no session of its
 * own: the group's broker-side configs govern those, so the configs for them are refused.
 */
export interface ShareConsumerConfig {
  /** The share group (required). */
  'group.id': string;
  /** Most records one poll() acquires (a strict cap here: the `record_limit` acquire mode). */
  'max.poll.records': number;
  /** How long an empty share fetch waits at the broker before answering. */
  'fetch.max.wait.ms': number;
  /** `implicit`: the next poll() accepts everything the last one returned; `explicit`: the application acknowledges each record. */
  'share.acknowledgement.mode': 'implicit' | 'explicit';
}

export const DEFAULT_SHARE_CONSUMER_CONFIG: Omit<ShareConsumerConfig, 'group.id'> = {
  'max.poll.records': 500,
  'fetch.max.wait.ms': 500,
  'share.acknowledgement.mode': 'implicit',
};

/** Consumer configs a share consumer refuses (ShareConsumerConfig.SHARE_GROUP_UNSUPPORTED_CONFIGS). */
export const SHARE_UNSUPPORTED_CONFIGS = [
  'auto.offset.reset',
  'enable.auto.commit',
  'group.instance.id',
  'isolation.level',
  'partition.assignment.strategy',
  'interceptor.classes',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'group.protocol',
  'group.remote.assignor',
] as const;

export const DEFAULT_NETWORK_CONFIG: NetworkConfig = { latencyMs: 1 };
