/** Turns one model op into the engine command it stands for (null for ops that only run the clock). */
import type { Command, Simulation } from '../../index';
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
