/**
 * The partition leader's side of Produce: a batch arriving at a broker that no longer leads the partition
 * gets NOT_LEADER_OR_FOLLOWER; acks=all with fewer in-sync replicas than min.insync.replicas gets
 * NOT_ENOUGH_REPLICAS; an idempotent batch is checked against the producer state (a duplicate is answered
 * with the offsets it got the first time, a gap with OUT_OF_ORDER_SEQUENCE_NUMBER, an old epoch with
 * INVALID_PRODUCER_EPOCH); otherwise the batch is appended and answered now (acks=0/1) or once the
 * followers have it (acks=all, when the high watermark passes it).
 */
import { UNSTAMPED, type NewTraceEntry } from '../kernel/trace';
import { requireTopic } from '../cluster/topics';
import type { ProduceArrivedEvent, ProduceError } from '../events';
import type { SimContext } from '../kernel/context';
import { appendBatch } from '../log/partitionLog';
import { checkSequence, recordBatch } from '../log/producerState';
import { effectiveMinIsr, maybeIncrementHighWatermark, wakeParkedReplicaFetches } from '../cluster/replication';
import { brokerIncarnation, isBrokerAlive } from '../cluster/brokerLookup';
import type { ProducerState } from '../state';
import { tpKey } from '../shared/topicPartition';
import { actorId } from '../shared/actorId';
import { requireProducer } from '../clientLookup';

/** The partition leader appends the batch, assigning offsets, and answers unless acks=0. */
export function onProduceArrived(ctx: SimContext, event: ProduceArrivedEvent): void {
  const { state } = ctx;
  const producer = requireProducer(state, event.producer);
  const topic = requireTopic(state, event.topic);
  const partition = topic.partitions[event.partition]!;
  const key = tpKey(event.topic, event.partition);
  if (!isBrokerAlive(state, event.leader) || brokerIncarnation(state, event.leader) !== event.leaderIncarnation) {
    // The broker went down under the request: the connection closes and the producer retries.
    ctx.emit({
      kind: 'produceRequestLost',
      level: 'control',
      actors: [actorId.producer(producer.clientId), actorId.partition(event.topic, event.partition)],
      producer: producer.clientId,
      topic: event.topic,
      partition: event.partition,
      broker: event.leader,
      count: event.records.length,
    });
    respond(ctx, producer, event, 'NETWORK_EXCEPTION');
    return;
  }
  if (partition.leader !== event.leader) {
    rejectBatch(ctx, producer, event, event.leader, 'NOT_LEADER_OR_FOLLOWER', `Broker ${event.leader} is not the leader of ${key} any more.`);
    return;
  }
  if (topic.configs['cleanup.policy'].includes('compact') && event.records.some((r) => r.key === null)) {
    // LogValidator: a compacted topic needs a key on every record; the whole batch is refused.
    rejectBatch(ctx, producer, event, partition.leader, 'INVALID_RECORD', `Compacted topic cannot accept message without key in topic partition ${key}.`);
    return;
  }
  if (producer.config.acks === 'all' && partition.isr.length < effectiveMinIsr(topic, partition)) {
    // Checked before the append, for acks=all producers only.
    rejectBatch(
      ctx,
      producer,
      event,
      partition.leader,
      'NOT_ENOUGH_REPLICAS',
      `The in-sync replicas of ${key} (${partition.isr.join(', ')}) are fewer than min.insync.replicas = ${topic.configs['min.insync.replicas']}.`,
    );
    return;
  }
  const first = event.records[0];
  const lastRecord = event.records[event.records.length - 1];
  const lastSequence = (event.baseSequence + event.records.length - 1) % 0x80000000;
  const check = first === undefined || lastRecord === undefined ? { result: 'append' as const } : checkSequence(partition, event.producerId, event.producerEpoch, event.baseSequence, lastSequence);
  if (check.result === 'duplicate') {
    // A retry of a batch already in the log: answer with the original offsets, append nothing.
    ctx.emit({
      kind: 'duplicateBatchIgnored',
      level: 'control',
      actors: [actorId.producer(producer.clientId), actorId.partition(event.topic, event.partition)],
      producer: producer.clientId,
      topic: event.topic,
      partition: event.partition,
      baseOffset: check.baseOffset,
      count: event.records.length,
      firstSequence: event.baseSequence,
    });
    if (producer.config.acks === 'all' && check.baseOffset + event.records.length > partition.log.highWatermark) {
      // Still an acks=all write: answered once the high watermark covers the original (DelayedProduce).
      partition.pendingAcks.push({ producer: producer.clientId, requestId: event.requestId, attempt: event.attempt, baseOffset: check.baseOffset, count: event.records.length });
    } else {
      respond(ctx, producer, event, 'NONE', check.baseOffset, event.records.length);
    }
    return;
  }
  if (check.result === 'error') {
    rejectBatch(ctx, producer, event, partition.leader, check.error, check.message);
    return;
  }
  const { records: appended, rolled } = appendBatch(
    partition.log,
    event.records,
    {
      producerId: event.producerId,
      producerEpoch: event.producerEpoch,
      baseSequence: event.baseSequence,
      clientId: producer.clientId,
      appendTime: state.time,
      useLogAppendTime: topic.configs['message.timestamp.type'] === 'LogAppendTime',
      isTransactional: event.isTransactional,
    },
    topic.configs,
  );
  if (first !== undefined && appended[0] !== undefined) {
    recordBatch(partition, event.producerId, event.producerEpoch, { firstSeq: event.baseSequence, lastSeq: lastSequence, baseOffset: appended[0].offset, count: appended.length });
  }
  if (rolled !== null) {
    ctx.emit({
      kind: 'segmentRolled',
      level: 'control',
      actors: [actorId.broker(partition.leader), actorId.partition(event.topic, event.partition)],
      topic: event.topic,
      partition: event.partition,
      baseOffset: rolled.baseOffset,
      reason: rolled.reason,
    });
  }
  // One actors list for the batch's entries (entries are read-only): built per record it was a tenth of a send.
  const actors = [actorId.producer(producer.clientId), actorId.broker(partition.leader), actorId.partition(event.topic, event.partition)];
  for (let i = 0; i < appended.length; i++) {
    const record = appended[i]!;
    if (!ctx.isTracing) {
      ctx.skipEntry(); // nobody reads it (a headless run)
      continue;
    }
    ctx.emit({
      kind: 'recordAppended',
      level: 'message',
      actors,
      producer: producer.clientId,
      topic: event.topic,
      partition: event.partition,
      offset: record.offset,
      key: record.key,
      value: record.value,
      leader: partition.leader,
      partitionedBy: event.records[i]!.partitionedBy,
      // Slots for the stamp (kernel/trace.ts: UNSTAMPED): filled in place, not added as new properties.
      id: UNSTAMPED,
      step: UNSTAMPED,
      time: UNSTAMPED,
    } as NewTraceEntry);
  }
  if (producer.config.acks === 'all') {
    // Answered once the high watermark passes the batch (right away with a single replica).
    partition.pendingAcks.push({ producer: producer.clientId, requestId: event.requestId, attempt: event.attempt, baseOffset: appended[0]?.offset ?? -1, count: appended.length });
  } else {
    respond(ctx, producer, event, 'NONE', appended[0]?.offset ?? -1, appended.length);
  }
  // Consumers wake when the high watermark moves (maybeIncrementHighWatermark); followers wake on the append.
  maybeIncrementHighWatermark(ctx, topic, partition);
  wakeParkedReplicaFetches(ctx, partition);
}

/** The ProduceResponse, unless acks=0 (then the producer hears nothing). */
function respond(ctx: SimContext, producer: ProducerState, event: ProduceArrivedEvent, error: ProduceError, baseOffset = -1, count = 0): void {
  if (producer.config.acks === '0') return;
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'produceResponse',
    producer: producer.clientId,
    requestId: event.requestId,
    topic: event.topic,
    partition: event.partition,
    baseOffset,
    count,
    error,
    attempt: event.attempt,
  });
}

function rejectBatch(
  ctx: SimContext,
  producer: ProducerState,
  event: ProduceArrivedEvent,
  leader: number,
  error: 'INVALID_RECORD' | 'NOT_ENOUGH_REPLICAS' | 'NOT_LEADER_OR_FOLLOWER' | 'INVALID_PRODUCER_EPOCH' | 'OUT_OF_ORDER_SEQUENCE_NUMBER',
  message: string,
): void {
  ctx.emit({
    kind: 'produceRejected',
    level: 'control',
    actors: [actorId.producer(producer.clientId), actorId.broker(leader), actorId.partition(event.topic, event.partition)],
    producer: producer.clientId,
    topic: event.topic,
    partition: event.partition,
    count: event.records.length,
    error,
    message,
  });
  respond(ctx, producer, event, error);
}
