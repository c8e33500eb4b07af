/** Turns one model op into the engine command it stands for (null for ops that only run the clock). */
import type { Command, ShareAcknowledgeCommand, Simulation } from '../../index';
import { SENT_VALUE_PREFIX, TRAFFIC_VALUE_PREFIX } from '../producerInvariants';
import { partitionOf } from '../stateReads';
import type { Op, StorageConfigs } from './ops';

export function storageConfigs(storage: StorageConfigs | undefined): Record<string, number | string> {
  if (storage === undefined) return {};
  const named: [string, number | string | null][] = [
    ['cleanup.policy', storage.cleanupPolicy],
    ['segment.bytes', storage.segmentBytes],
    ['segment.ms', storage.segmentMs],
    ['retention.ms', storage.retentionMs],
    ['retention.bytes', storage.retentionBytes],
    ['min.cleanable.dirty.ratio', storage.minCleanableDirtyRatio],
    ['min.compaction.lag.ms', storage.minCompactionLagMs],
    ['delete.retention.ms', storage.deleteRetentionMs],
    ['min.insync.replicas', storage.minInsyncReplicas],
  ];
  return Object.fromEntries(named.filter((e): e is [string, number | string] => e[1] !== null));
}

function clampToHighWatermark(sim: Simulation, offsets: readonly { topic: string; partition: number; offset: number }[]) {
  return offsets.map((o) => {
    const hw = partitionOf(sim, o.topic, o.partition)?.log.highWatermark;
    return { ...o, offset: hw === undefined ? o.offset : Math.min(o.offset, hw) };
  });
}

type ShareConsumerView = Simulation['state']['shareConsumers'][string];

/** A share consumer by name (own properties only, as the engine looks names up), or undefined. */
function shareConsumerOf(sim: Simulation, name: string): ShareConsumerView | undefined {
  return Object.hasOwn(sim.state.shareConsumers, name) ? sim.state.shareConsumers[name] : undefined;
}

/**
 * The record a 'shareAck' op acknowledges, picked from the state when the op runs, and what the engine
 * must answer: a record the consumer holds is accepted when it runs in explicit mode (refused in implicit
 * mode); one it does not hold is always refused.
 */
export function shareAckTarget(sim: Simulation, op: Extract<Op, { op: 'shareAck' }>): { command: ShareAcknowledgeCommand; expected: 'accepted' | 'refused' } {
  const consumer = shareConsumerOf(sim, op.consumer);
  const held = consumer?.delivered ?? [];
  const ack = (r: { topic: string; partition: number; offset: number }): ShareAcknowledgeCommand => ({
    type: 'shareAcknowledge',
    consumer: op.consumer,
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    acknowledgeType: op.type,
  });
  const mine = held[op.pick % Math.max(1, held.length)];
  if (op.held && consumer !== undefined && mine !== undefined) {
    // A consumer holding records runs (a crash or a close empties its list).
    return { command: ack(mine), expected: consumer.config['share.acknowledgement.mode'] === 'explicit' ? 'accepted' : 'refused' };
  }
  const holds = (r: { topic: string; partition: number; offset: number }) => held.some((h) => h.topic === r.topic && h.partition === r.partition && h.offset === r.offset);
  // Another consumer of its group holds it (the engine must not let one member settle another's record)...
  const groupId = consumer?.config['group.id'];
  const others = Object.values(sim.state.shareConsumers)
    .filter((c) => c !== consumer && c.config['group.id'] === groupId)
    .flatMap((c) => c.delivered)
    .filter((r) => !holds(r));
  const theirs = others[op.pick % Math.max(1, others.length)];
  if (theirs !== undefined) return { command: ack(theirs), expected: 'refused' };
  // ...else the offset after the last one it holds of a partition it holds or works on.
  const assigned = consumer?.assignment[op.pick % Math.max(1, consumer.assignment.length)];
  const tp = mine ?? assigned ?? { topic: 'orders', partition: 0 };
  const last = Math.max(-1, ...held.filter((h) => h.topic === tp.topic && h.partition === tp.partition).map((h) => h.offset));
  return { command: ack({ topic: tp.topic, partition: tp.partition, offset: last + 1 + (op.pick % 3) }), expected: 'refused' };
}

export function toCommand(sim: Simulation, op: Op, index: number): Command | null {
  switch (op.op) {
    case 'chaos':
      return op.command;
    case 'txn':
      return { type: op.action, producer: op.producer };
    case 'admin':
      // Offsets committed with a transaction are clamped to the high watermark, as commits are below.
      return op.command.type === 'sendOffsetsToTransaction' ? { ...op.command, offsets: clampToHighWatermark(sim, op.command.offsets) } : op.command;
    case 'createTopic':
      return {
        type: 'createTopic',
        name: op.name,
        partitions: op.partitions,
        replicationFactor: op.replicationFactor,
        configs: {
          'message.timestamp.type': op.logAppendTime ? 'LogAppendTime' : 'CreateTime',
          ...storageConfigs(op.storage),
          // 'compacted' is always compacted; other topics mostly use the default policy (delete).
          ...(op.name === 'compacted' && op.storage?.cleanupPolicy !== 'compact,delete' ? { 'cleanup.policy': 'compact' } : {}),
        },
      };
    case 'createProducer':
      return {
        type: 'createProducer',
        clientId: op.clientId,
        config: {
          acks: op.acks,
          'linger.ms': op.lingerMs,
          'batch.size': op.batchSize,
          'partitioner.ignore.keys': op.ignoreKeys,
          ...(op.idempotence === null ? {} : { 'enable.idempotence': op.idempotence }),
          ...(op.transactionalId === null || op.transactionalId === undefined ? {} : { 'transactional.id': op.transactionalId, 'transaction.timeout.ms': op.transactionTimeoutMs ?? 60_000 }),
        },
      };
    case 'send':
      return {
        type: 'send',
        producer: op.producer,
        topic: op.topic,
        key: op.key,
        // The producer invariants hold values with this prefix to the order they were sent in.
        value: op.tombstone === true ? null : `${SENT_VALUE_PREFIX}${index}`,
        ...(op.partition === null ? {} : { partition: op.partition }),
      };
    case 'createConsumer':
      return {
        type: 'createConsumer',
        clientId: op.clientId,
        config: {
          'group.id': op.groupId,
          'auto.offset.reset': op.reset,
          'enable.auto.commit': op.autoCommit,
          'auto.commit.interval.ms': op.autoCommitIntervalMs,
          'max.poll.records': op.maxPollRecords,
          'fetch.max.wait.ms': op.fetchMaxWaitMs,
          'isolation.level': op.readCommitted === true ? 'read_committed' : 'read_uncommitted',
        },
      };
    case 'createShareConsumer':
      return {
        type: 'createShareConsumer',
        clientId: op.clientId,
        config: {
          'group.id': op.groupId,
          'share.acknowledgement.mode': op.explicit ? 'explicit' : 'implicit',
          'max.poll.records': op.maxPollRecords,
          'fetch.max.wait.ms': op.fetchMaxWaitMs,
        },
      };
    case 'shareAck':
      return shareAckTarget(sim, op).command;
    case 'assign':
      return { type: 'assign', consumer: op.consumer, partitions: op.partitions };
    case 'poll':
      return { type: 'poll', consumer: op.consumer };
    case 'commit': {
      if (op.offsets === null) return { type: 'commit', consumer: op.consumer };
      // Kafka stores any committed offset, and a consumer takes one beyond the high watermark as its
      // position until a fetch answers OFFSET_OUT_OF_RANGE (consumer.test.ts): explicit commits are
      // clamped to the high watermark so the position invariant holds throughout.
      return { type: 'commit', consumer: op.consumer, offsets: clampToHighWatermark(sim, op.offsets) };
    }
    case 'startLoop':
      return { type: 'startConsumerLoop', consumer: op.consumer, processingMsPerRecord: op.processingMsPerRecord, commitMode: op.commitMode };
    case 'traffic':
      return {
        type: 'addTrafficSource',
        id: op.id,
        producer: op.producer,
        topic: op.topic,
        intervalMs: op.intervalMs,
        keys: op.keys,
        valuePrefix: `${TRAFFIC_VALUE_PREFIX}${op.id}`,
        limit: op.limit,
      };
    case 'trafficRunning':
      return { type: 'setTrafficSourceRunning', source: op.source, isRunning: op.isRunning };
    case 'schedule':
    case 'steps':
    case 'until':
    case 'outage':
      return null;
  }
}
