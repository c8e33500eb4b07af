/**
 * Brokers failing and returning, and the KRaft controller's leader elections.
 * Models [metadata controller/ReplicationControlManager, PartitionChangeBuilder; KIP-101, KIP-279]:
 * a crashed broker stops at once (whatever it had in flight is lost); brokers heartbeat every
 * broker.heartbeat.interval.ms from t = 0, so the controller fences a silent broker
 * broker.session.timeout.ms after its last heartbeat, removes it from every ISR (never emptying one)
 * and, where it led, elects the first replica in assignment order that is in the ISR and alive, with
 * leader epoch + 1; if the whole ISR is down the partition goes offline (leader -1) unless
 * unclean.leader.election.enable, when the first live replica leads with an ISR of itself; the new
 * leader's log is the truth, so records it lacked are lost (listed in the trace) and their offsets are
 * reused; a returning broker's replicas truncate to the leader's log and fetch again, and an offline
 * partition whose ISR member returns gets it as leader.
 * Leadership goes back to the preferred (first) replica on demand or every
 * leader.imbalance.check.interval.seconds when auto.leader.rebalance.enable, once it is in sync.
 * Controlled shutdown moves leaderships away first, so nothing waits for the session timeout.
 * Simplified: the controller itself never fails.
 */
import type { CrashBrokerCommand, ElectLeadersCommand, RestartBrokerCommand, ShutdownBrokerCommand } from '../commands';
import { onCoordinatorMoved } from '../broker/group/coordinator';
import { CONSUMER_OFFSETS_TOPIC } from './topics';
import { rebuildProducerStates } from '../log/producerState';
import { refreshLastStableOffset } from '../log/partitionLog';
import { deleteOwn } from '../kernel/ownMap';
import { fail } from '../errors';
import type { BrokerFenceCheckEvent } from '../events';
import type { SimContext } from '../kernel/context';
import type { BrokerState, PartitionState, TopicState } from '../state';
import { isBrokerAlive } from './brokerLookup';
import { changeIsr, maybeIncrementHighWatermark, startFollowers } from './replication';
import { resendTruncatedMarkers } from '../broker/txn/coordinator';
import { actorId } from '../shared/actorId';

function requireBroker(ctx: SimContext, brokerId: number): BrokerState {
  const broker = ctx.state.brokers.find((b) => b.id === brokerId);
  if (broker === undefined) fail('SIM_INVALID_ARGUMENT', `There is no broker ${String(brokerId)}; brokers are 1 to ${ctx.state.brokers.length}.`);
  return broker;
}

export function crashBroker(ctx: SimContext, command: CrashBrokerCommand): void {
  const broker = requireBroker(ctx, command.brokerId);
  if (!broker.isAlive) fail('SIM_ILLEGAL_STATE', `Broker ${broker.id} is already down.`);
  broker.isAlive = false;
  broker.incarnation++;
  for (const topic of Object.values(ctx.state.topics)) {
    for (const partition of topic.partitions) {
      const r = partition.replicaStates.find((x) => x.brokerId === broker.id);
      if (r === undefined) continue;
      r.fetchId = -1;
      r.isFetchParked = false;
    }
  }
  ctx.emit({ kind: 'brokerCrashed', level: 'control', actors: [actorId.broker(broker.id)], brokerId: broker.id });
  const interval = ctx.state.brokerConfig['broker.heartbeat.interval.ms'];
  const lastHeartbeat = Math.floor(ctx.state.time / interval) * interval;
  const fenceAt = lastHeartbeat + ctx.state.brokerConfig['broker.session.timeout.ms'];
  ctx.schedule(Math.max(0, fenceAt - ctx.state.time), { type: 'brokerFenceCheck', brokerId: broker.id, incarnation: broker.incarnation });
}

/**
 * Controlled shutdown: the broker asks the controller first, which moves every leadership it holds to
 * another in-sync replica and takes it out of the ISRs; then it stops. Nothing waits for a session
 * timeout, so partitions stay available.
 */
export function shutdownBroker(ctx: SimContext, command: ShutdownBrokerCommand): void {
  const broker = requireBroker(ctx, command.brokerId);
  if (!broker.isAlive) fail('SIM_ILLEGAL_STATE', `Broker ${broker.id} is already down.`);
  ctx.emit({ kind: 'brokerShutdown', level: 'control', actors: [actorId.broker(broker.id)], brokerId: broker.id });
  for (const topic of Object.values(ctx.state.topics)) {
    for (const partition of topic.partitions) {
      if (!partition.replicas.includes(broker.id)) continue;
      if (partition.leader === broker.id) {
        const next = partition.replicas.find((id) => id !== broker.id && partition.isr.includes(id) && isBrokerAlive(ctx.state, id));
        if (next !== undefined) changeLeader(ctx, topic, partition, next, false);
      }
      if (partition.isr.includes(broker.id) && partition.isr.length > 1) {
        changeIsr(
          ctx,
          topic,
          partition,
          partition.isr.filter((id) => id !== broker.id),
          `broker ${broker.id} shut down`,
        );
      }
    }
  }
  broker.isAlive = false;
  broker.incarnation++;
  for (const topic of Object.values(ctx.state.topics)) {
    for (const partition of topic.partitions) {
      const r = partition.replicaStates.find((x) => x.brokerId === broker.id);
      if (r !== undefined) {
        r.fetchId = -1;
        r.isFetchParked = false;
      }
      // A partition it alone could lead goes offline now.
      if (partition.leader === broker.id) changeLeader(ctx, topic, partition, -1, false);
    }
  }
}

export function onBrokerFenceCheck(ctx: SimContext, event: BrokerFenceCheckEvent): void {
  const broker = requireBroker(ctx, event.brokerId);
  if (broker.isAlive || broker.incarnation !== event.incarnation) return;
  ctx.emit({ kind: 'brokerFenced', level: 'control', actors: [actorId.broker(broker.id)], brokerId: broker.id });
  for (const topic of Object.values(ctx.state.topics)) {
    for (const partition of topic.partitions) {
      if (!partition.replicas.includes(broker.id)) continue;
      if (partition.isr.includes(broker.id) && partition.isr.length > 1) {
        changeIsr(
          ctx,
          topic,
          partition,
          partition.isr.filter((id) => id !== broker.id),
          `the controller fenced broker ${broker.id}`,
        );
      }
      if (partition.leader === broker.id) electLeader(ctx, topic, partition);
    }
  }
}

/** PartitionChangeBuilder: the first replica in assignment order that is in the ISR and alive; else offline or unclean. */
export function electLeader(ctx: SimContext, topic: TopicState, partition: PartitionState): void {
  let leader = partition.replicas.find((id) => partition.isr.includes(id) && isBrokerAlive(ctx.state, id)) ?? -1;
  let isUnclean = false;
  if (leader < 0 && topic.configs['unclean.leader.election.enable']) {
    leader = partition.replicas.find((id) => isBrokerAlive(ctx.state, id)) ?? -1;
    isUnclean = leader >= 0;
  }
  if (leader === partition.leader) return;
  changeLeader(ctx, topic, partition, leader, isUnclean);
}

/** Moves leadership (or takes the partition offline with -1), truncating the log to the new leader's. */
export function changeLeader(ctx: SimContext, topic: TopicState, partition: PartitionState, leader: number, isUnclean: boolean): void {
  const previousLeader = partition.leader;
  const unanswered = partition.pendingAcks;
  partition.pendingAcks = [];
  if (previousLeader >= 0 && isBrokerAlive(ctx.state, previousLeader)) {
    // A live old leader tells waiting acks=all producers it no longer leads; they retry at once.
    for (const ack of unanswered) {
      ctx.schedule(ctx.state.network.latencyMs, {
        type: 'produceResponse',
        producer: ack.producer,
        requestId: ack.requestId,
        topic: partition.topic,
        partition: partition.partition,
        baseOffset: -1,
        count: 0,
        error: 'NOT_LEADER_OR_FOLLOWER',
        attempt: ack.attempt,
      });
    }
  }
  partition.leader = leader;
  if (leader >= 0) partition.leaderEpoch++;
  let lostOffsets: { from: number; to: number } | null = null;
  if (leader >= 0) {
    if (isUnclean) partition.isr = [leader];
    const newLeader = partition.replicaStates.find((r) => r.brokerId === leader)!;
    lostOffsets = truncateTo(partition, newLeader.logEndOffset);
    if (lostOffsets !== null) {
      rebuildProducerStates(partition);
      resendTruncatedMarkers(ctx, partition, lostOffsets.from);
    }
    for (const r of partition.replicaStates) {
      if (r.logEndOffset <= partition.log.logEndOffset) continue;
      // This copy runs past the new leader's log: the part beyond no longer matches and is cut (KIP-101).
      ctx.emit({
        kind: 'replicaTruncated',
        level: 'control',
        actors: [actorId.broker(r.brokerId), actorId.partition(partition.topic, partition.partition)],
        topic: partition.topic,
        partition: partition.partition,
        brokerId: r.brokerId,
        from: r.logEndOffset,
        to: partition.log.logEndOffset,
      });
      r.logEndOffset = partition.log.logEndOffset;
      r.highWatermark = Math.min(r.highWatermark, r.logEndOffset);
    }
    // The new leader's high watermark never goes below what it knew; the ISR's fetches move it on.
    partition.log.highWatermark = Math.min(partition.log.highWatermark, partition.log.logEndOffset);
    refreshLastStableOffset(partition.log);
    for (const r of partition.replicaStates) {
      r.fetchId = -1;
      r.isFetchParked = false;
      if (r.brokerId === leader) continue;
      r.fetchOffset = Math.min(r.fetchOffset, partition.log.logEndOffset);
      r.lastCaughtUpTime = ctx.state.time;
    }
  }
  ctx.emit({
    kind: 'leaderElected',
    level: 'control',
    actors: [actorId.partition(partition.topic, partition.partition), ...(leader >= 0 ? [actorId.broker(leader)] : [])],
    topic: partition.topic,
    partition: partition.partition,
    previousLeader,
    leader,
    leaderEpoch: partition.leaderEpoch,
    isUnclean,
    isr: [...partition.isr],
    lostOffsets,
    unansweredRequests: previousLeader >= 0 && isBrokerAlive(ctx.state, previousLeader) ? 0 : unanswered.length,
  });
  if (leader >= 0) {
    startFollowers(ctx, partition);
    maybeIncrementHighWatermark(ctx, topic, partition);
  }
  if (topic.name === CONSUMER_OFFSETS_TOPIC) onCoordinatorMoved(ctx, partition.partition, previousLeader, leader);
}

/** kafka-leader-election --election-type PREFERRED, and the controller's automatic rebalance: lead from the first replica when it is alive and in sync. */
export function electPreferredLeaders(ctx: SimContext, command: ElectLeadersCommand): void {
  for (const topic of Object.values(ctx.state.topics)) {
    if (command.topic !== undefined && topic.name !== command.topic) continue;
    for (const partition of topic.partitions) {
      if (command.partition !== undefined && partition.partition !== command.partition) continue;
      const preferred = partition.replicas[0]!;
      if (partition.leader === preferred || !isBrokerAlive(ctx.state, preferred) || !partition.isr.includes(preferred)) continue;
      changeLeader(ctx, topic, partition, preferred, false);
    }
  }
}

export function onLeaderImbalanceCheck(ctx: SimContext): void {
  electPreferredLeaders(ctx, { type: 'electLeaders' });
  ctx.schedule(ctx.state.brokerConfig['leader.imbalance.check.interval.seconds'] * 1000, { type: 'leaderImbalanceCheck' });
}

/** The log becomes the new leader's: records past its end are gone, and live followers cut back too. */
function truncateTo(partition: PartitionState, endOffset: number): { from: number; to: number } | null {
  const log = partition.log;
  if (endOffset >= log.logEndOffset) return null;
  const lost = { from: endOffset, to: log.logEndOffset };
  const keep = log.records.findIndex((r) => r.offset >= endOffset);
  if (keep >= 0) log.records.length = keep;
  log.logEndOffset = endOffset;
  while (log.segments.length > 1 && log.segments[log.segments.length - 1]!.baseOffset > endOffset) log.segments.pop();
  log.highWatermark = Math.min(log.highWatermark, endOffset);
  for (const [producerId, first] of Object.entries(log.openTransactions)) if (first >= endOffset) deleteOwn(log.openTransactions, producerId);
  log.abortedTransactions = log.abortedTransactions.filter((t) => t.lastOffset < endOffset);
  refreshLastStableOffset(log);
  return lost;
}

export function restartBroker(ctx: SimContext, command: RestartBrokerCommand): void {
  const broker = requireBroker(ctx, command.brokerId);
  if (broker.isAlive) fail('SIM_ILLEGAL_STATE', `Broker ${broker.id} is running.`);
  broker.isAlive = true;
  broker.incarnation++;
  ctx.emit({ kind: 'brokerRestarted', level: 'control', actors: [actorId.broker(broker.id)], brokerId: broker.id });
  for (const topic of Object.values(ctx.state.topics)) {
    for (const partition of topic.partitions) {
      const r = partition.replicaStates.find((x) => x.brokerId === broker.id);
      if (r === undefined) continue;
      r.fetchOffset = Math.min(r.fetchOffset, r.logEndOffset);
      if (partition.leader < 0 && partition.isr.includes(broker.id)) electLeader(ctx, topic, partition);
      else startFollowers(ctx, partition);
    }
  }
}
