/**
 * A consumer's positions asked about and moved by the application: position(), seekToBeginning(),
 * seekToEnd() and offsetsForTimes() (seek() itself is in consumer.ts).
 * Models [clients KafkaConsumer / ClassicKafkaConsumer, SubscriptionState, OffsetFetcher; core
 * Partition.fetchOffsetForTimestamp]: position() only for assigned partitions ("You can only check the
 * position for partitions assigned to this consumer."); seekToBeginning / seekToEnd only for assigned
 * partitions ("No current assignment for partition ..."), all assigned ones when none are named; the
 * beginning is the log start offset (ListOffsets EARLIEST) and the end the high watermark, or the last
 * stable offset for read_committed (ListOffsets LATEST with the consumer's isolation level);
 * offsetsForTimes() is ListOffsets by timestamp: the earliest offset whose record timestamp is at or after
 * the target, and null when there is none below the high watermark (LSO for read_committed).
 * Simplified: seekToBeginning / seekToEnd resolve at once, where Kafka resolves them at the next poll()
 * or position(); position() does not look an unknown position up (null until the next poll does);
 * offsetsForTimes answers at once from the leader's log, even when the leader is down.
 */
import type { SeekToBeginningCommand, SeekToEndCommand } from '../../commands';
import { requirePartition } from '../../cluster/topics';
import { fail } from '../../errors';
import type { SimContext } from '../../kernel/context';
import { getOwn } from '../../kernel/ownMap';
import type { DeepReadonly } from '../../kernel/deepReadonly';
import type { ConsumerPartitionState, ConsumerState, PartitionLog, SimState, TopicPartition, ReadState } from '../../state';
import { tpKey } from '../../shared/topicPartition';
import { seekPositions } from './consumer';
import { requireRunning } from '../../clientLookup';

/** An offset found by timestamp and that record's timestamp (Kafka's OffsetAndTimestamp). */
export interface OffsetAndTimestamp {
  offset: number;
  timestamp: number;
}

/** One answer of offsetsForTimes(): null when no record at or after the timestamp is readable. */
export interface OffsetForTime {
  topic: string;
  partition: number;
  offsetAndTimestamp: OffsetAndTimestamp | null;
}

/** A query of offsetsForTimes(): a partition and the timestamp (ms) to look for. */
export interface TimestampToSearch {
  topic: string;
  partition: number;
  timestamp: number;
}

function readRunningConsumer(state: ReadState, clientId: string): DeepReadonly<ConsumerState> {
  const consumer = getOwn(state.consumers, clientId);
  if (consumer === undefined) fail('SIM_UNKNOWN_CLIENT', `There is no consumer named '${clientId}'.`);
  if (consumer.memberState === 'CRASHED' || consumer.memberState === 'CLOSED') {
    fail('SIM_ILLEGAL_STATE', `${clientId} is ${consumer.memberState === 'CRASHED' ? 'crashed' : 'closed'}; restart it first.`);
  }
  return consumer;
}

function readPartitionLog(state: ReadState, topic: string, partition: number): DeepReadonly<PartitionLog> {
  // requirePartition only reads; its messages are the ones every command gives.
  return requirePartition(state as SimState, topic, partition).log;
}

/** The end a consumer may read to, and what ListOffsets LATEST returns for its isolation level. */
function endOffset(log: DeepReadonly<PartitionLog>, consumer: DeepReadonly<ConsumerState>): number {
  return consumer.config['isolation.level'] === 'read_committed' ? log.lastStableOffset : log.highWatermark;
}

/**
 * KafkaConsumer.position(tp): the offset of the next record the consumer will read, or null while it is
 * not known yet (the next poll() takes the group's committed offset, else auto.offset.reset; with
 * auto.offset.reset=none and nothing committed it stays unknown until a seek).
 */
export function consumerPosition(state: ReadState, clientId: string, topic: string, partition: number): number | null {
  const consumer = readRunningConsumer(state, clientId);
  readPartitionLog(state, topic, partition);
  const tp = consumer.assignment.find((a) => a.topic === topic && a.partition === partition);
  if (tp === undefined) {
    fail('SIM_ILLEGAL_STATE', `You can only check the position for partitions assigned to this consumer: ${clientId} is not assigned ${tpKey(topic, partition)}.`);
  }
  return tp.position < 0 ? null : tp.position;
}

/**
 * KafkaConsumer.offsetsForTimes(timestampsToSearch): for each partition, the earliest offset whose
 * timestamp is at or after the given one (ListOffsets by timestamp, with the consumer's isolation level).
 * The partitions need not be assigned.
 */
export function offsetsForTimes(state: ReadState, clientId: string, timestampsToSearch: readonly TimestampToSearch[]): OffsetForTime[] {
  const consumer = readRunningConsumer(state, clientId);
  const out: OffsetForTime[] = [];
  for (const query of timestampsToSearch) {
    const log = readPartitionLog(state, query.topic, query.partition);
    if (!Number.isSafeInteger(query.timestamp) || query.timestamp < 0) {
      fail(
        'SIM_INVALID_ARGUMENT',
        `The target time for partition ${tpKey(query.topic, query.partition)} is ${String(query.timestamp)}. The target time cannot be negative (it must be a whole number of ms).`,
      );
    }
    out.push({ topic: query.topic, partition: query.partition, offsetAndTimestamp: offsetForTimestamp(log, query.timestamp, endOffset(log, consumer)) });
  }
  return out;
}

/**
 * UnifiedLog.fetchOffsetByTimestamp filtered as Partition.fetchOffsetForTimestamp does: the first record
 * (in offset order) with timestamp >= `timestamp`, kept only if it lies below `upTo` (the high watermark,
 * or the LSO for read_committed).
 */
export function offsetForTimestamp(log: DeepReadonly<PartitionLog>, timestamp: number, upTo: number): OffsetAndTimestamp | null {
  for (const record of log.records) {
    if (record.timestamp < timestamp) continue;
    return record.offset < upTo ? { offset: record.offset, timestamp: record.timestamp } : null;
  }
  return null;
}

/** The assigned partitions a seekTo* names (all assigned ones when it names none), checked as Kafka does. */
function targets(ctx: SimContext, consumer: ConsumerState, partitions: readonly TopicPartition[] | undefined): ConsumerPartitionState[] {
  if (partitions === undefined) return consumer.assignment;
  // Commands may come from a share link: check the shape, not only the types.
  const given: unknown = partitions;
  if (!Array.isArray(given)) fail('SIM_INVALID_ARGUMENT', 'partitions must be a list of { topic, partition }.');
  if (partitions.length === 0) return consumer.assignment;
  const out: ConsumerPartitionState[] = [];
  for (const named of partitions) {
    if (typeof (named as unknown) !== 'object' || (named as unknown) === null) fail('SIM_INVALID_ARGUMENT', 'partitions must be a list of { topic, partition }.');
    const { topic, partition } = named;
    requirePartition(ctx.state, topic, partition);
    const tp = consumer.assignment.find((a) => a.topic === topic && a.partition === partition);
    if (tp === undefined) fail('SIM_ILLEGAL_STATE', `No current assignment for partition ${tpKey(topic, partition)}.`);
    if (!out.includes(tp)) out.push(tp);
  }
  return out;
}

function seekTo(ctx: SimContext, command: SeekToBeginningCommand | SeekToEndCommand): void {
  const consumer = requireRunning(ctx.state, command.consumer);
  const chosen = targets(ctx, consumer, command.partitions);
  if (chosen.length === 0) return;
  seekPositions(
    ctx,
    consumer,
    chosen.map((tp) => {
      const log = requirePartition(ctx.state, tp.topic, tp.partition).log;
      return [tp, command.type === 'seekToBeginning' ? log.logStartOffset : endOffset(log, consumer)] as const;
    }),
  );
}

/** KafkaConsumer.seekToBeginning(partitions). */
export function seekToBeginning(ctx: SimContext, command: SeekToBeginningCommand): void {
  seekTo(ctx, command);
}

/** KafkaConsumer.seekToEnd(partitions): the high watermark, or the LSO for read_committed. */
export function seekToEnd(ctx: SimContext, command: SeekToEndCommand): void {
  seekTo(ctx, command);
}
