/**
 * Plain-language narration of trace entries. One step can write several entries (a fetch from three
 * partitions, a commit of three offsets); they are told as one line, grouped by what happened.
 */
import { isBroker, leaderWords, partitionCount, partitionSummary } from '../brokerWords';
import { memberName } from '../memberName';
import type { GroupCoordinatorMovedEntry, LeaderElectedEntry, OffsetsCommittedEntry, RecordAppendedEntry, RecordsFetchedEntry, TraceEntry, TraceLevel } from '../../engine';

function keyText(key: string | null): string {
  return key === null ? 'a record with no key' : `key "${key}"`;
}

function partitionList(partitions: readonly { topic: string; partition: number }[]): string {
  return partitions.map((p) => `${p.topic}-${p.partition}`).join(', ') || 'no partitions';
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

const REMOVED: Record<string, string> = {
  'session-timeout': 'sent no heartbeat for session.timeout.ms, so the coordinator removed it',
  'rebalance-timeout': 'did not rejoin before the rebalance timeout (max.poll.interval.ms), so the coordinator removed it',
  'left-on-close': 'sent LeaveGroup as it closed',
  'left-poll-timeout': 'sent LeaveGroup because its application did not call poll() within max.poll.interval.ms',
  'left-unsubscribe': 'left the group',
  'replaced-static': 'was replaced by a restarted instance with the same group.instance.id',
};

function offsetRange(first: number, last: number): string {
  return first === last ? `offset ${first}` : `offsets ${first}–${last}`;
}

function appended(entries: RecordAppendedEntry[]): string {
  const parts = entries.map((e) => {
    const how =
      e.partitionedBy === 'key-hash'
        ? `murmur2(${JSON.stringify(e.key)}) picked partition ${e.partition}`
        : e.partitionedBy === 'sticky'
          ? `the sticky partitioner picked partition ${e.partition}`
          : `partition ${e.partition} was set on the record`;
    return `${keyText(e.key)} (${how}) was appended to ${e.topic}-${e.partition} at offset ${e.offset}`;
  });
  const first = entries[0]!;
  return `${first.producer}'s ${parts.join('; ')}${isBroker(first.leader) ? `, on leader broker ${first.leader}` : ''}.`;
}

function fetched(entries: RecordsFetchedEntry[]): string {
  const first = entries[0]!;
  const total = entries.reduce((n, e) => n + e.count, 0);
  const parts = entries.map((e) => `${e.topic}-${e.partition} ${offsetRange(e.firstOffset, e.lastOffset)}`);
  const positions = entries.map((e) => `${e.topic}-${e.partition} → ${e.position}`);
  return `${first.consumer} fetched ${total} record${total === 1 ? '' : 's'} (${parts.join(', ')}); its position is now the next offset to read: ${positions.join(', ')}.`;
}

function committed(entries: OffsetsCommittedEntry[]): string {
  const first = entries[0]!;
  const parts = entries.map((e) => `${e.topic}-${e.partition} = ${e.offset}`);
  const how = first.isAutoCommit ? 'auto-committed' : 'committed';
  return `${first.consumer} ${how} offsets for group "${first.groupId}": ${parts.join(', ')}. A committed offset is the next record to read, not the last one processed.`;
}

const NO_LEADER_WHY = 'every in-sync replica is down and unclean.leader.election.enable is false, so no broker may lead it; nothing can be written to it or read from it until one comes back.';
const NO_LEADER_WHY_MANY =
  'every in-sync replica is down and unclean.leader.election.enable is false, so no broker may lead them; nothing can be written to them or read from them until one comes back.';

/**
 * Leader elections, in as few sentences as tell them: a broker going down or coming back elects for every
 * partition it led (50 of __consumer_offsets alone). Partitions left without a leader make one sentence,
 * clean elections one per new leader; an unclean election or one that lost records keeps its own.
 */
function elected(entries: LeaderElectedEntry[]): string[] {
  const leaderless = entries.filter((e) => !isBroker(e.leader));
  const plain = entries.filter((e) => isBroker(e.leader) && !e.isUnclean && e.lostOffsets === null);
  const sentences: string[] = [];
  if (leaderless.length === 1) sentences.push(narrateEntry(leaderless[0]!));
  else if (leaderless.length > 1) sentences.push(`${partitionCount(leaderless.length)} have no leader (${partitionSummary(leaderless)}): ${NO_LEADER_WHY_MANY}`);
  const byLeader = new Map<number, LeaderElectedEntry[]>();
  for (const e of plain) byLeader.set(e.leader, [...(byLeader.get(e.leader) ?? []), e]);
  for (const [leader, list] of byLeader) {
    if (list.length === 1) sentences.push(narrateEntry(list[0]!));
    else sentences.push(`${partitionCount(list.length)} have a new leader, ${leaderWords(leader)} (${partitionSummary(list)}): the first in-sync replica in assignment order.`);
  }
  for (const e of entries) if (isBroker(e.leader) && (e.isUnclean || e.lostOffsets !== null)) sentences.push(narrateEntry(e));
  return sentences;
}

/** Groups whose coordinator went away, or came back, with one broker: one sentence each way. */
function coordinatorsMoved(entries: GroupCoordinatorMovedEntry[]): string[] {
  const names = (list: GroupCoordinatorMovedEntry[]) => {
    const quoted = list.map((e) => `"${e.groupId}"`);
    return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
  };
  const gone = entries.filter((e) => !isBroker(e.to));
  const back = new Map<number, GroupCoordinatorMovedEntry[]>();
  for (const e of entries) if (isBroker(e.to) && !isBroker(e.from)) back.set(e.to, [...(back.get(e.to) ?? []), e]);
  const sentences: string[] = [];
  if (gone.length === 1) sentences.push(narrateEntry(gone[0]!));
  else if (gone.length > 1) sentences.push(`Groups ${names(gone)} have no coordinator: their __consumer_offsets partitions have no leader.`);
  for (const [to, list] of back) {
    if (list.length === 1) sentences.push(narrateEntry(list[0]!));
    else sentences.push(`Groups ${names(list)} have a coordinator again: ${leaderWords(to)}, the new leader of their __consumer_offsets partitions; members find it and carry on.`);
  }
  for (const e of entries) if (isBroker(e.to) && isBroker(e.from)) sentences.push(narrateEntry(e));
  return sentences;
}

/** One sentence for a single entry that is not grouped. */
export function narrateEntry(entry: TraceEntry): string {
  switch (entry.kind) {
    case 'topicCreated':
      return `Topic "${entry.topic}" was ${entry.autoCreated ? 'auto-created' : 'created'} with ${entry.partitions} partition${entry.partitions === 1 ? '' : 's'} and replication factor ${entry.replicationFactor}.`;
    case 'producerCreated':
      return `Producer ${entry.clientId} started.`;
    case 'consumerCreated':
      return `Consumer ${entry.clientId} started.`;
    case 'recordSent':
      return `${entry.producer} handed ${keyText(entry.key)} to its client, which chose partition ${entry.partition} of ${entry.topic} and put it in that partition's batch.`;
    case 'batchSent':
      return isBroker(entry.leader)
        ? `${entry.producer} sent a batch of ${entry.count} record${entry.count === 1 ? '' : 's'} for ${entry.topic}-${entry.partition} to its leader, broker ${entry.leader}.`
        : `${entry.producer} has a batch of ${entry.count} record${entry.count === 1 ? '' : 's'} for ${entry.topic}-${entry.partition}, but partition ${entry.topic}-${entry.partition} has no leader: no broker will take it.`;
    case 'recordAppended':
      return appended([entry]);
    case 'produceAcknowledged':
      return `Broker acknowledged ${entry.producer}'s batch: ${entry.topic}-${entry.partition} ${offsetRange(entry.baseOffset, entry.baseOffset + entry.count - 1)}.`;
    case 'partitionsAssigned':
      if (entry.groupId === null) return `${entry.consumer} was assigned ${partitionList(entry.partitions)} by hand (assign()).`;
      return entry.added.length === entry.partitions.length
        ? `${entry.consumer} now owns ${partitionList(entry.partitions)} in generation ${entry.generation} of group "${entry.groupId}".`
        : `${entry.consumer} keeps ${partitionList(entry.partitions.filter((p) => !entry.added.some((a) => a.topic === p.topic && a.partition === p.partition)))} and gains ${partitionList(entry.added)} in generation ${entry.generation} of group "${entry.groupId}".`;
    case 'partitionsRevoked':
      return entry.protocol === 'eager'
        ? `${entry.consumer} revoked all its partitions (${partitionList(entry.partitions)}) before rejoining: an eager rebalance stops everyone.`
        : `${entry.consumer} revoked only ${partitionList(entry.partitions)}, which move to another member; it keeps consuming the rest (cooperative rebalance).`;
    case 'partitionsLost':
      return `${entry.consumer} lost ${partitionList(entry.partitions)} (${entry.error}): the group went on without it, so another member may own them already.`;
    case 'groupStateChanged':
      return `Group "${entry.groupId}" went from ${entry.from} to ${entry.to}: ${entry.reason} (${isBroker(entry.coordinator) ? `coordinator: broker ${entry.coordinator}` : 'no coordinator: its __consumer_offsets partition has no leader'}).`;
    case 'joinGroupSent':
      return isBroker(entry.coordinator)
        ? `${entry.consumer} sent JoinGroup to the coordinator, broker ${entry.coordinator}${entry.memberId === '' ? '' : ` as ${entry.memberId}`}.`
        : `${entry.consumer} wants to join group "${entry.groupId}", but the group has no coordinator: its __consumer_offsets partition has no leader.`;
    case 'groupJoined':
      if (entry.error === 'MEMBER_ID_REQUIRED') return `The coordinator gave ${entry.consumer} the member id ${entry.memberId} and asked it to join again with it.`;
      if (entry.error !== 'NONE') return `${entry.consumer}'s JoinGroup failed with ${entry.error}.`;
      return `${entry.consumer} joined generation ${entry.generation} of group "${entry.groupId}" ${entry.isLeader ? `as its leader: it will run the ${entry.protocol ?? ''} assignor for everyone` : 'as a follower'}.`;
    case 'assignmentComputed':
      return `${entry.consumer}, the group leader, ran the ${entry.protocol} assignor: ${entry.assignments.map((a) => `${memberName(a.memberId)} gets ${partitionList(a.partitions)}`).join('; ')}.`;
    case 'syncGroupFailed':
      return `${entry.consumer}'s SyncGroup failed with ${entry.error}; it rejoins.`;
    case 'heartbeat':
      return entry.error === 'NONE'
        ? `${entry.consumer} heartbeated to the coordinator.`
        : `${entry.consumer}'s heartbeat was answered ${entry.error}${entry.error === 'REBALANCE_IN_PROGRESS' ? ': it will rejoin inside its next poll()' : ''}.`;
    case 'memberRemoved':
      if (entry.reason === 'session-timeout')
        return `${entry.consumer} sent no heartbeat for ${seconds(entry.sessionTimeoutMs)} (session.timeout.ms), so the coordinator removed it from group "${entry.groupId}" and starts a rebalance: its partitions go to the others.`;
      if (entry.reason === 'rebalance-timeout')
        return `${entry.consumer} did not rejoin within ${seconds(entry.rebalanceTimeoutMs)} (the rebalance timeout, its max.poll.interval.ms), so the coordinator removed it from group "${entry.groupId}".`;
      return `${entry.consumer} ${REMOVED[entry.reason] ?? entry.reason}.`;
    case 'consumerCrashed':
      if (entry.groupId === null) return `${entry.clientId} crashed: it answers nothing until it is started again.`;
      return `${entry.clientId} crashed. It sends nothing more, not even LeaveGroup: group "${entry.groupId}" keeps its partitions assigned to it until session.timeout.ms passes without a heartbeat.`;
    case 'consumerClosed':
      return `${entry.clientId} closed cleanly.`;
    case 'consumerRestarted':
      return `${entry.clientId} started again.`;
    case 'appEvent':
      return `${entry.instance}: ${entry.text}`;
    case 'appHandlerFailed':
      return `${entry.instance}'s handler ${entry.handler} threw: ${entry.message}. The record counts as processed.`;
    case 'processingPaused':
      return `${entry.consumer}'s record handler now hangs on its next record, so its loop stops calling poll(). Heartbeats go on from their own thread; after max.poll.interval.ms (${entry.maxPollIntervalMs} ms) without a poll it leaves the group.`;
    case 'processingResumed':
      return `${entry.consumer}'s record handler runs again; its next poll() rejoins the group if it was thrown out.`;
    case 'pollIntervalExceeded':
      return `${entry.consumer} has not called poll() for ${entry.sinceLastPollMs} ms, more than max.poll.interval.ms (${entry.maxPollIntervalMs} ms): it leaves the group.`;
    case 'offsetCommitFailed':
      return `${entry.consumer}'s commit to group "${entry.groupId}" was rejected with ${entry.error} (CommitFailedException).`;
    case 'recordProcessed':
      return entry.isFirstTime
        ? `${entry.consumer} processed ${entry.topic}-${entry.partition} offset ${entry.offset} (${keyText(entry.key)}).`
        : `${entry.consumer} processed ${entry.topic}-${entry.partition} offset ${entry.offset} (${keyText(entry.key)}) AGAIN: its group had processed it before, so its effect happens twice.`;
    case 'recordsRedelivered':
      return `${entry.consumer} was given ${entry.count} record${entry.count === 1 ? '' : 's'} of ${entry.topic}-${entry.partition} (${offsetRange(entry.firstOffset, entry.lastOffset)}) that group "${entry.groupId}" had been given before: the last commit was behind what was read.`;
    case 'recordsSkipped':
      return `${entry.count} record${entry.count === 1 ? '' : 's'} of ${entry.topic}-${entry.partition} (${offsetRange(entry.firstOffset, entry.lastOffset)}) were given to group "${entry.groupId}" but never processed, and the committed offset is past them: they are skipped for good.`;
    case 'produceRejected':
      return `The leader refused ${entry.producer}'s batch of ${entry.count} for ${entry.topic}-${entry.partition}: ${entry.error}. ${entry.message}`;
    case 'segmentRolled':
      return entry.reason === 'retention'
        ? `${entry.topic}-${entry.partition}'s active segment had expired, so the broker rolled a new empty one at offset ${entry.baseOffset} before deleting it.`
        : `${entry.topic}-${entry.partition} rolled a new active segment at offset ${entry.baseOffset} (${entry.reason} reached); the old one is closed and now eligible for retention and compaction.`;
    case 'segmentsDeleted': {
      const records = entry.segments.reduce((n, s) => n + s.records, 0);
      const why =
        entry.reason === 'retention.ms'
          ? 'their newest record was older than retention.ms'
          : entry.reason === 'retention.bytes'
            ? 'the partition was over retention.bytes'
            : 'they lay below the log start offset';
      return `Retention deleted ${entry.segments.length} whole segment${entry.segments.length === 1 ? '' : 's'} of ${entry.topic}-${entry.partition} (${records} record${records === 1 ? '' : 's'}) because ${why}; the log start offset is now ${entry.logStartOffset}.`;
    }
    case 'recordsDeleted':
      return `kafka-delete-records moved ${entry.topic}-${entry.partition}'s log start offset from ${entry.previousLogStartOffset} to ${entry.logStartOffset}: the records before it can no longer be read.`;
    case 'logCleaned': {
      const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
      const parts = [`removed ${n(entry.removedOffsets.length, 'record')} superseded by a newer one with the same key`];
      if (entry.abortedRemoved.length > 0) parts.push(`dropped ${n(entry.abortedRemoved.length, 'record')} of aborted transactions`);
      if (entry.keylessRemoved.length > 0) parts.push(`discarded ${n(entry.keylessRemoved.length, 'record')} without a key`);
      if (entry.tombstonesStamped.length > 0) parts.push(`kept ${n(entry.tombstonesStamped.length, 'tombstone')} until delete.retention.ms passes`);
      if (entry.tombstonesRemoved.length > 0) parts.push(`dropped ${n(entry.tombstonesRemoved.length, 'tombstone')} past their delete horizon`);
      if (entry.markersStamped.length > 0) parts.push(`gave ${n(entry.markersStamped.length, 'transaction marker')} whose transaction has no data left a delete horizon`);
      if (entry.markersRemoved.length > 0) parts.push(`dropped ${n(entry.markersRemoved.length, 'transaction marker')} past their delete horizon`);
      return `The log cleaner compacted ${entry.topic}-${entry.partition} (dirty ratio ${Math.round(entry.dirtyRatio * 100)}%) up to offset ${entry.cleanedUpTo}: it ${parts.join(', ')}. Offsets do not change; gaps remain.`;
    }
    case 'offsetOutOfRange':
      return entry.reset === 'none'
        ? `${entry.consumer}'s position ${entry.position} in ${entry.topic}-${entry.partition} is below the log start offset ${entry.logStartOffset}: with auto.offset.reset=none poll() throws OffsetOutOfRangeException.`
        : `${entry.consumer}'s position ${entry.position} in ${entry.topic}-${entry.partition} is gone (log start offset ${entry.logStartOffset}): auto.offset.reset=${entry.reset} moves it to ${entry.resetTo}; offsets ${entry.neverSeen.from}–${entry.neverSeen.to - 1} were never read.`;
    case 'topicConfigAltered':
      return `Topic "${entry.topic}" configs changed: ${entry.changes.map((c) => `${c.name} ${String(c.from)} → ${String(c.to)}`).join(', ')}.`;
    case 'partitionsAdded':
      return `Topic "${entry.topic}" grew from ${entry.from} to ${entry.to} partitions. Old records stay where they are; ${
        entry.movedKeys.length === 0
          ? 'no existing key changes partition'
          : `${entry.movedKeys.length} existing key${entry.movedKeys.length === 1 ? '' : 's'} now hash to a different partition (${entry.movedKeys
              .slice(0, 5)
              .map((k) => `"${k.key}" ${k.from}→${k.to}`)
              .join(', ')}${entry.movedKeys.length > 5 ? ', …' : ''}), so their order across the change is lost`
      }.`;
    case 'replicaFetched':
      return `Broker ${entry.brokerId} (a follower) copied ${entry.topic}-${entry.partition} offsets ${entry.fromOffset}–${entry.toOffset - 1} from the leader.`;
    case 'highWatermarkAdvanced':
      return `The high watermark of ${entry.topic}-${entry.partition} moved from ${entry.from} to ${entry.to}: every in-sync replica has those records, so consumers may read them and acks=all producers get their answer.`;
    case 'isrChanged':
      return `The in-sync replicas of ${entry.topic}-${entry.partition} changed from [${entry.from.join(', ')}] to [${entry.to.join(', ')}]: ${entry.reason}.`;
    case 'brokerCrashed':
      return `Broker ${entry.brokerId} crashed. Its replicas stop; the controller will notice only when its heartbeats have been missing for broker.session.timeout.ms.`;
    case 'brokerFenced':
      return `The controller fenced broker ${entry.brokerId} (no heartbeat for broker.session.timeout.ms): it leaves every ISR and loses its leaderships.`;
    case 'brokerShutdown':
      return `Broker ${entry.brokerId} shuts down cleanly: the controller first moves its leaderships to other in-sync replicas, so no partition waits for a session timeout.`;
    case 'brokerRestarted':
      return `Broker ${entry.brokerId} is back; its replicas catch up from their leaders.`;
    case 'leaderElected':
      if (!isBroker(entry.leader)) return `Partition ${entry.topic}-${entry.partition} has no leader: ${NO_LEADER_WHY}`;
      return `${entry.topic}-${entry.partition} has a new leader: broker ${entry.leader} (leader epoch ${entry.leaderEpoch}${entry.isUnclean ? ', an UNCLEAN election of an out-of-sync replica' : ', the first in-sync replica in assignment order'}).${entry.lostOffsets === null ? '' : ` Offsets ${entry.lostOffsets.from}–${entry.lostOffsets.to - 1} were never copied to it and are lost; the next records reuse those offsets.`}`;
    case 'replicaTruncated':
      return `Broker ${entry.brokerId}'s copy of ${entry.topic}-${entry.partition} ran past the leader's log: it is cut back from offset ${entry.from} to ${entry.to}.`;
    case 'produceRequestLost':
      if (!isBroker(entry.broker))
        return `${entry.producer}'s batch of ${entry.count} for ${entry.topic}-${entry.partition} reached no broker: partition ${entry.topic}-${entry.partition} has no leader, so the producer will retry.`;
      return `${entry.producer}'s batch of ${entry.count} for ${entry.topic}-${entry.partition} reached broker ${entry.broker} just as it went down: the connection closes, so the producer will retry.`;
    case 'produceRetried':
      return `${entry.producer} will send its batch for ${entry.topic}-${entry.partition} again in ${entry.backoffMs} ms (attempt ${entry.attempt}) after ${entry.reason}; the pause doubles with each retry up to retry.backoff.max.ms.`;
    case 'producerAwaitingLeader':
      return `${entry.producer} holds ${entry.batches} batch${entry.batches === 1 ? '' : 'es'} for ${entry.topic}-${entry.partition}: ${entry.leader < 0 ? 'the partition has no leader' : `its leader, broker ${entry.leader}, cannot be reached`}. It looks again every second at most and gives up on a batch after delivery.timeout.ms.`;
    case 'producerEpochBumped':
      return `${entry.producer} ${entry.recordsGivenUp > 0 ? `gave up on ${entry.recordsGivenUp} record${entry.recordsGivenUp === 1 ? '' : 's'} (${entry.reason}) and ` : `(${entry.reason}) `}started a new epoch: producer id ${entry.producerId}, epoch ${entry.producerEpoch}, sequences from 0 again. Later records go through.`;
    case 'produceFailed':
      return `${entry.producer} gave up on ${entry.count} record${entry.count === 1 ? '' : 's'} for ${entry.topic}-${entry.partition}: ${entry.error}.`;
    case 'groupCoordinatorMoved':
      if (!isBroker(entry.to)) return `Group "${entry.groupId}" has no coordinator: its __consumer_offsets partition has no leader.`;
      return isBroker(entry.from)
        ? `Group "${entry.groupId}"'s coordinator moved from broker ${entry.from} to broker ${entry.to}, the new leader of its __consumer_offsets partition; members find it and carry on.`
        : `Group "${entry.groupId}" has a coordinator again: broker ${entry.to}, the new leader of its __consumer_offsets partition; members find it and carry on.`;
    case 'duplicateBatchIgnored':
      return `The leader of ${entry.topic}-${entry.partition} already has ${entry.producer}'s batch starting at sequence ${entry.firstSequence}: it is a retry, so nothing is appended and the original offset ${entry.baseOffset} is returned (idempotence).`;
    case 'produceResponseLost':
      return `The answer to ${entry.producer}'s batch for ${entry.topic}-${entry.partition} was lost on the network: the records ARE in the log, but the producer does not know and will retry.`;
    case 'transactionStateChanged':
      return `Transaction "${entry.transactionalId}" (producer id ${entry.producerId}, epoch ${entry.producerEpoch}) went from ${entry.from} to ${entry.to}: ${entry.reason}.`;
    case 'txnMarkerWritten':
      return `A ${entry.marker} marker took offset ${entry.offset} in ${entry.topic}-${entry.partition}: consumers never get it, but their positions step over it${entry.marker === 'ABORT' ? ', and read_committed consumers will skip the aborted records before it' : ''}.`;
    case 'transactionInitialized':
      return `${entry.producer} initialised transactional.id "${entry.transactionalId}": producer id ${entry.producerId}, epoch ${entry.producerEpoch} (any older instance is now fenced).`;
    case 'transactionCommitted':
      return `${entry.producer} committed its transaction: read_committed consumers can now read its records.`;
    case 'transactionAborted':
      return `${entry.producer} aborted its transaction: its records stay in the log, but read_committed consumers will never see them.`;
    case 'transactionAbortableError':
      return `A send in ${entry.producer}'s transaction failed: the transaction can only be aborted now (an abortable error), after which the producer bumps its epoch and carries on.`;
    case 'producerFenced':
      return `${entry.producer} is fenced (ProducerFencedException): a newer instance with transactional.id "${entry.transactionalId}" took over, so this zombie can no longer write or commit.`;
    case 'groupOffsetsReset':
      return `kafka-consumer-groups --reset-offsets ${entry.strategy} set group "${entry.groupId}" to ${entry.offsets.map((o) => `${o.topic}-${o.partition} = ${o.to}`).join(', ')}.`;
    case 'positionReset':
      if (entry.reason === 'seek') return `${entry.consumer} seeked ${entry.topic}-${entry.partition} to offset ${entry.offset} (its position only; nothing is committed).`;
      return entry.reason === 'committed'
        ? `${entry.consumer} starts ${entry.topic}-${entry.partition} at its group's committed offset ${entry.offset}.`
        : `${entry.consumer} has no committed offset for ${entry.topic}-${entry.partition}, so auto.offset.reset=${entry.reason} starts it at offset ${entry.offset}.`;
    case 'noOffsetForPartition':
      return `${entry.consumer} has no committed offset for ${entry.topic}-${entry.partition} and auto.offset.reset=none: poll() throws NoOffsetForPartitionException.`;
    case 'fetchSent':
      return `${entry.consumer} sent a fetch request.`;
    case 'recordsFetched':
      return fetched([entry]);
    case 'fetchReturnedEmpty':
      return `${entry.consumer}'s fetch found nothing new and returned empty after waiting fetch.max.wait.ms (${entry.waitedMs} ms).`;
    case 'offsetCommitted':
      return committed([entry]);
    case 'trafficSourceFinished':
      return `Traffic source ${entry.source} finished after ${entry.count} records.`;
    case 'commandFailed':
      return `A scheduled ${entry.command} was rejected: ${entry.message}`;
    case 'segmentRollForced':
      return entry.closed === null
        ? `${entry.topic}-${entry.partition}'s active segment is empty, so there was nothing to roll (it starts at offset ${entry.baseOffset}).`
        : `${entry.topic}-${entry.partition}'s active segment was rolled on demand: offsets ${entry.closed.baseOffset}–${entry.closed.endOffset - 1} are now a closed segment, open to retention and compaction, and a new empty active segment starts at offset ${entry.baseOffset}.`;
    case 'logCleanerRanNow':
      return entry.cleaned.length > 0
        ? `The log cleaner ran on demand and compacted ${partitionList(entry.cleaned)}.`
        : `The log cleaner ran on demand and found nothing to compact${entry.notCleaned.length === 0 ? ' (no topic is compacted)' : `: ${entry.notCleaned.map((n) => (n.firstUncleanableOffset <= n.firstDirtyOffset ? `${n.topic}-${n.partition} has no dirty records outside its active segment` : `${n.topic}-${n.partition}'s dirty ratio ${n.dirtyRatio.toFixed(2)} is not above min.cleanable.dirty.ratio ${n.minCleanableDirtyRatio}`)).join('; ')}`}.`;
    case 'retentionCheckRanNow':
      return entry.deleted.length > 0
        ? `The retention check ran on demand and deleted old segments: ${entry.deleted.map((d) => `${d.topic}-${d.partition} lost ${d.segments} segment${d.segments === 1 ? '' : 's'} (log start offset now ${d.logStartOffset})`).join('; ')}.`
        : 'The retention check ran on demand; no segment was past retention.ms or retention.bytes, so nothing was deleted.';
    case 'shareConsumerCreated':
      return `Share consumer ${entry.clientId} started in share group "${entry.groupId}".`;
    case 'shareMemberJoined':
      return `${entry.consumer} joined share group "${entry.groupId}" (group epoch ${entry.groupEpoch}). A share group has no rebalance barrier: nobody stops.`;
    case 'shareMemberRemoved':
      return entry.reason === 'session-timeout'
        ? `Share group "${entry.groupId}" removed ${entry.consumer}: no heartbeat for group.share.session.timeout.ms (${seconds(entry.sessionTimeoutMs)}). Group epoch ${entry.groupEpoch}; the others take its partitions on their next heartbeat.`
        : `${entry.consumer} left share group "${entry.groupId}" (group epoch ${entry.groupEpoch}).`;
    case 'shareAssignmentComputed':
      return `The share group coordinator's SimpleAssignor gave share group "${entry.groupId}" its target for epoch ${entry.groupEpoch}: ${entry.assignment.map((a) => `${a.consumer} ${a.partitions.length === 0 ? 'nothing' : partitionList(a.partitions)}`).join('; ')}.`;
    case 'shareAssignmentReceived':
      return `${entry.consumer} now works on ${entry.partitions.length === 0 ? 'no partition' : partitionList(entry.partitions)} in share group "${entry.groupId}" (member epoch ${entry.memberEpoch}), with no revocation step.`;
    case 'shareRecordsAcquired':
      return `${entry.consumer} acquired ${entry.count} record${entry.count === 1 ? '' : 's'} of ${entry.topic}-${entry.partition} (${entry.ranges.map((r) => `${offsetRange(r.firstOffset, r.lastOffset)}, delivery ${r.deliveryCount}`).join('; ')}), locked to it for ${seconds(entry.lockDurationMs)}: no other member gets them meanwhile.`;
    case 'shareRecordsAcknowledged': {
      const counts = (['ACCEPT', 'RELEASE', 'REJECT'] as const).map((t) => [t, entry.offsets.filter((o) => o.type === t).length] as const).filter(([, n]) => n > 0);
      return `${entry.consumer} acknowledged ${counts.map(([t, n]) => `${n} ${t}`).join(', ')} on ${entry.topic}-${entry.partition}; the share-partition start offset (SPSO) is now ${entry.startOffset}.`;
    }
    case 'shareAcknowledgementRejected':
      return `The leader of ${entry.topic}-${entry.partition} refused ${entry.consumer}'s acknowledgements (INVALID_RECORD_STATE): ${entry.reason}.`;
    case 'shareRecordsReleased': {
      const why =
        entry.reason === 'lock-timeout'
          ? 'their acquisition lock ran out'
          : entry.reason === 'session-closed'
            ? `${entry.consumer}'s share session ended (its connection dropped or it closed)`
            : `the group removed ${entry.consumer}`;
      const archived = entry.ranges.filter((r) => r.state === 'ARCHIVED');
      return `Records of ${entry.topic}-${entry.partition} came back because ${why}: ${entry.ranges.map((r) => `${offsetRange(r.firstOffset, r.lastOffset)} ${r.state === 'ARCHIVED' ? 'ARCHIVED' : 'AVAILABLE again'}`).join('; ')}.${archived.length > 0 ? ` Archived records reached the delivery count limit (${entry.deliveryCountLimit}) and are never delivered again.` : ''}`;
    }
    case 'shareProcessingPaused':
      return `${entry.consumer}'s record handler now hangs, so its loop stops calling poll(). Its heartbeats go on, so it keeps its partitions; the records it holds stay locked to it only for group.share.record.lock.duration.ms (${seconds(entry.lockDurationMs)}), then the leader offers them again.`;
    case 'shareProcessingResumed':
      return `${entry.consumer}'s record handler runs again. Records whose lock ran out meanwhile were offered again: its late acknowledgement of them will be refused.`;
    case 'shareRecordProcessed':
      return `${entry.consumer} processed ${entry.topic}-${entry.partition} offset ${entry.offset} (${keyText(entry.key)}), delivery ${entry.deliveryCount}${entry.deliveryCount > 1 ? ': it was handed out before' : ''}.`;
  }
}

/** The entries of one step told as one line (null when none of them is at a shown level). */
export function narrateStep(entries: readonly TraceEntry[], levels: ReadonlySet<TraceLevel>): string | null {
  const shown = entries.filter((e) => levels.has(e.level));
  if (shown.length === 0) return null;
  const sentences: string[] = [];
  const byKind = new Map<string, TraceEntry[]>();
  for (const e of shown) {
    const group = byKind.get(e.kind);
    if (group) group.push(e);
    else byKind.set(e.kind, [e]);
  }
  for (const [kind, group] of byKind) {
    if (kind === 'recordAppended') sentences.push(appended(group as RecordAppendedEntry[]));
    else if (kind === 'recordsFetched') sentences.push(fetched(group as RecordsFetchedEntry[]));
    else if (kind === 'offsetCommitted') sentences.push(committed(group as OffsetsCommittedEntry[]));
    else if (kind === 'leaderElected') sentences.push(...elected(group as LeaderElectedEntry[]));
    else if (kind === 'groupCoordinatorMoved') sentences.push(...coordinatorsMoved(group as GroupCoordinatorMovedEntry[]));
    else sentences.push(...group.map(narrateEntry));
  }
  return sentences.join(' ');
}
