/**
 * Replication: followers pull from the leader, the leader moves the high watermark, the ISR shrinks
 * and grows.
 * Models [core cluster/Partition.scala, Replica.scala; server/ReplicaFetcherThread]: each follower
 * fetches from its own log end offset; the leader takes that fetch offset as the follower's LEO,
 * updates lastCaughtUpTime as Replica.updateFetchState does, and sets the high watermark to the lowest
 * LEO in the ISR, never lower, and not at all while the ISR is smaller than min(min.insync.replicas,
 * replication factor) (KAFKA-15583, 3.7); the follower appends what the response carries and learns
 * the high watermark one fetch late; a fetch that finds nothing waits at the leader until data
 * arrives; acks=all answers wait until the high watermark passes the batch
 * (NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR shrank below the minimum meanwhile); every
 * replica.lag.time.max.ms / 2 the leader drops followers not caught up for replica.lag.time.max.ms;
 * a follower rejoins the ISR once it reaches the high watermark.
 * Simplified: one fetch per follower per partition (Kafka batches partitions per broker pair); an
 * idle follower's parked fetch never expires (replica.fetch.wait.max.ms is not cycled), so a caught-up
 * parked follower counts as caught up at every ISR check; followers hold a prefix of the leader's log,
 * kept as one record array with per-replica LEOs.
 */
import type { SimContext } from '../kernel/context';
import type { PartitionState, ReplicaState, TopicState } from '../state';
import type { ReplicaFetchArrivedEvent, ReplicaFetchResponseEvent } from '../events';
import { getOwn } from '../kernel/ownMap';
import { wakeParkedFetches } from '../broker/fetch';
import { refreshLastStableOffset } from '../log/partitionLog';
import { brokerIncarnation, isBrokerAlive } from './brokerLookup';
import { actorId } from '../shared/actorId';

export function newReplicaState(brokerId: number, now: number): ReplicaState {
  return { brokerId, logEndOffset: 0, highWatermark: 0, fetchOffset: 0, lastCaughtUpTime: now, lastFetchTime: now, lastFetchLeaderLogEndOffset: 0, fetchId: -1, isFetchParked: false };
}

export function effectiveMinIsr(topic: TopicState, partition: PartitionState): number {
  return Math.min(topic.configs['min.insync.replicas'], partition.replicas.length);
}

function replicaOf(partition: PartitionState, brokerId: number): ReplicaState {
  return partition.replicaStates.find((r) => r.brokerId === brokerId)!;
}

function requirePartitionState(ctx: SimContext, topic: string, partition: number): { topic: TopicState; partition: PartitionState } | null {
  const t = getOwn(ctx.state.topics, topic);
  const p = t?.partitions[partition];
  return t === undefined || p === undefined ? null : { topic: t, partition: p };
}

/** Starts every live follower of a partition fetching (at topic creation, election or restart). */
export function startFollowers(ctx: SimContext, partition: PartitionState): void {
  for (const r of partition.replicaStates) {
    if (r.brokerId === partition.leader || r.fetchId !== -1 || !isBrokerAlive(ctx.state, r.brokerId) || partition.leader < 0) continue;
    sendReplicaFetch(ctx, partition, r);
  }
}

function sendReplicaFetch(ctx: SimContext, partition: PartitionState, replica: ReplicaState): void {
  // Fetch ids only need to differ between a replica's fetches: the seq its event is about to get does.
  replica.fetchId = ctx.state.nextEventSeq;
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'replicaFetchArrived',
    topic: partition.topic,
    partition: partition.partition,
    brokerId: replica.brokerId,
    fetchId: replica.fetchId,
    fetchOffset: replica.logEndOffset,
    incarnation: brokerIncarnation(ctx.state, replica.brokerId),
  });
}

/** The leader gets a follower's fetch: record its progress, maybe grow the ISR and the high watermark, answer or park. */
export function onReplicaFetchArrived(ctx: SimContext, event: ReplicaFetchArrivedEvent): void {
  const found = requirePartitionState(ctx, event.topic, event.partition);
  if (found === null) return;
  const { topic, partition } = found;
  const follower = replicaOf(partition, event.brokerId);
  if (follower.fetchId !== event.fetchId || event.incarnation !== brokerIncarnation(ctx.state, event.brokerId)) return;
  if (partition.leader < 0 || !isBrokerAlive(ctx.state, partition.leader)) {
    follower.fetchId = -1; // no leader to answer; the follower starts again after an election
    return;
  }
  const log = partition.log;
  const now = ctx.state.time;
  // Replica.updateFetchStateOrThrow
  if (event.fetchOffset >= log.logEndOffset) follower.lastCaughtUpTime = Math.max(follower.lastCaughtUpTime, now);
  else if (event.fetchOffset >= follower.lastFetchLeaderLogEndOffset) follower.lastCaughtUpTime = Math.max(follower.lastCaughtUpTime, follower.lastFetchTime);
  follower.lastFetchLeaderLogEndOffset = log.logEndOffset;
  follower.lastFetchTime = now;
  follower.fetchOffset = event.fetchOffset;
  if (!partition.isr.includes(follower.brokerId) && event.fetchOffset >= log.highWatermark) {
    changeIsr(ctx, topic, partition, [...partition.isr, follower.brokerId], `broker ${follower.brokerId} caught up`);
  }
  maybeIncrementHighWatermark(ctx, topic, partition);
  if (event.fetchOffset < log.logEndOffset) answerReplicaFetch(ctx, partition, follower);
  else follower.isFetchParked = true;
}

function answerReplicaFetch(ctx: SimContext, partition: PartitionState, follower: ReplicaState): void {
  follower.isFetchParked = false;
  ctx.schedule(ctx.state.network.latencyMs, {
    type: 'replicaFetchResponse',
    topic: partition.topic,
    partition: partition.partition,
    brokerId: follower.brokerId,
    fetchId: follower.fetchId,
    fromOffset: follower.fetchOffset,
    toOffset: partition.log.logEndOffset,
    leaderHighWatermark: partition.log.highWatermark,
    incarnation: brokerIncarnation(ctx.state, follower.brokerId),
    leader: partition.leader,
    leaderIncarnation: brokerIncarnation(ctx.state, partition.leader),
  });
}

/** After an append on the leader: parked follower fetches answer now. */
export function wakeParkedReplicaFetches(ctx: SimContext, partition: PartitionState): void {
  for (const r of partition.replicaStates) if (r.isFetchParked) answerReplicaFetch(ctx, partition, r);
}

export function onReplicaFetchResponse(ctx: SimContext, event: ReplicaFetchResponseEvent): void {
  const found = requirePartitionState(ctx, event.topic, event.partition);
  if (found === null) return;
  const { partition } = found;
  const follower = replicaOf(partition, event.brokerId);
  if (follower.fetchId !== event.fetchId || event.incarnation !== brokerIncarnation(ctx.state, event.brokerId)) return;
  follower.fetchId = -1;
  // A response from a leader that crashed (or was replaced) since is lost with it.
  if (event.leader !== partition.leader || event.leaderIncarnation !== brokerIncarnation(ctx.state, event.leader)) return;
  // The leader's log may have been truncated by an election meanwhile: never past its end.
  const toOffset = Math.min(event.toOffset, partition.log.logEndOffset);
  if (toOffset > follower.logEndOffset && event.fromOffset === follower.logEndOffset) {
    ctx.emit({
      kind: 'replicaFetched',
      level: 'internal',
      actors: [actorId.broker(follower.brokerId), actorId.partition(partition.topic, partition.partition)],
      topic: partition.topic,
      partition: partition.partition,
      brokerId: follower.brokerId,
      fromOffset: follower.logEndOffset,
      toOffset,
    });
    follower.logEndOffset = toOffset;
  }
  follower.highWatermark = Math.min(event.leaderHighWatermark, follower.logEndOffset);
  if (follower.brokerId !== partition.leader && isBrokerAlive(ctx.state, follower.brokerId)) sendReplicaFetch(ctx, partition, follower);
}

/** Partition.maybeIncrementLeaderHW: the lowest LEO in the ISR, never lower, frozen below min ISR. */
export function maybeIncrementHighWatermark(ctx: SimContext, topic: TopicState, partition: PartitionState): void {
  const log = partition.log;
  const leader = partition.replicaStates.find((r) => r.brokerId === partition.leader);
  if (leader !== undefined) leader.logEndOffset = log.logEndOffset;
  if (partition.isr.length < effectiveMinIsr(topic, partition)) return;
  let candidate = log.logEndOffset;
  for (const id of partition.isr) if (id !== partition.leader) candidate = Math.min(candidate, replicaOf(partition, id).fetchOffset);
  if (candidate <= log.highWatermark) return;
  const previous = log.highWatermark;
  log.highWatermark = candidate;
  completePendingMarkers(ctx, partition);
  refreshLastStableOffset(log);
  if (leader !== undefined) leader.highWatermark = candidate;
  if (partition.replicas.length > 1) {
    ctx.emit({
      kind: 'highWatermarkAdvanced',
      level: 'internal',
      actors: [actorId.partition(partition.topic, partition.partition), actorId.broker(partition.leader)],
      topic: partition.topic,
      partition: partition.partition,
      from: previous,
      to: candidate,
    });
  }
  completePendingAcks(ctx, topic, partition);
  wakeParkedFetches(ctx, partition.topic, partition.partition);
}

/** Transaction markers the high watermark has passed: the leader confirms each to the coordinator. */
function completePendingMarkers(ctx: SimContext, partition: PartitionState): void {
  const log = partition.log;
  if (log.pendingMarkers.length === 0) return;
  const still: typeof log.pendingMarkers = [];
  for (const m of log.pendingMarkers) {
    if (m.offset >= log.highWatermark) still.push(m);
    else ctx.schedule(ctx.state.network.latencyMs, { type: 'txnMarkerWritten', transactionalId: m.transactionalId });
  }
  log.pendingMarkers = still;
}

/** DelayedProduce for acks=all: answer the requests whose last offset is now below the high watermark. */
export function completePendingAcks(ctx: SimContext, topic: TopicState, partition: PartitionState): void {
  if (partition.pendingAcks.length === 0) return;
  const hw = partition.log.highWatermark;
  const enough = partition.isr.length >= effectiveMinIsr(topic, partition);
  const still: typeof partition.pendingAcks = [];
  for (const ack of partition.pendingAcks) {
    if (ack.baseOffset + ack.count > hw) {
      still.push(ack);
      continue;
    }
    ctx.schedule(ctx.state.network.latencyMs, {
      type: 'produceResponse',
      producer: ack.producer,
      requestId: ack.requestId,
      topic: partition.topic,
      partition: partition.partition,
      baseOffset: ack.baseOffset,
      count: ack.count,
      error: enough ? 'NONE' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
      attempt: ack.attempt,
    });
  }
  partition.pendingAcks = still;
}

export function changeIsr(ctx: SimContext, topic: TopicState, partition: PartitionState, isr: number[], reason: string): void {
  const previous = partition.isr;
  partition.isr = partition.replicas.filter((id) => isr.includes(id));
  ctx.emit({
    kind: 'isrChanged',
    level: 'control',
    actors: [actorId.partition(partition.topic, partition.partition), ...partition.isr.map((id) => actorId.broker(id))],
    topic: partition.topic,
    partition: partition.partition,
    from: previous,
    to: [...partition.isr],
    reason,
  });
  maybeIncrementHighWatermark(ctx, topic, partition);
}

/** Every replica.lag.time.max.ms / 2: each leader drops followers not caught up for replica.lag.time.max.ms. */
export function onIsrExpirationCheck(ctx: SimContext): void {
  const now = ctx.state.time;
  const maxLagMs = ctx.state.brokerConfig['replica.lag.time.max.ms'];
  for (const topic of Object.values(ctx.state.topics)) {
    for (const partition of topic.partitions) {
      if (partition.replicas.length < 2 || partition.leader < 0 || !isBrokerAlive(ctx.state, partition.leader)) continue;
      const out: number[] = [];
      for (const id of partition.isr) {
        if (id === partition.leader) continue;
        const r = replicaOf(partition, id);
        // A parked fetch at the log end is a caught-up follower that Kafka would have refreshed by now.
        if (r.isFetchParked && r.fetchOffset >= partition.log.logEndOffset) r.lastCaughtUpTime = now;
        if (now - r.lastCaughtUpTime > maxLagMs) out.push(id);
      }
      if (out.length > 0)
        changeIsr(
          ctx,
          topic,
          partition,
          partition.isr.filter((id) => !out.includes(id)),
          `broker${out.length === 1 ? '' : 's'} ${out.join(', ')} not caught up for replica.lag.time.max.ms`,
        );
    }
  }
  ctx.schedule(Math.max(1, Math.floor(maxLagMs / 2)), { type: 'isrExpirationCheck' });
}
