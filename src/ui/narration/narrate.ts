/**
 * Plain-language narration of trace entries. One step can write several entries (a fetch from three
 * partitions, a commit of three offsets); they are told as one line, grouped by what happened.
 */
import type {
  OffsetsCommittedEntry,
  RecordAppendedEntry,
  RecordsFetchedEntry,
  TraceEntry,
  TraceLevel,
} from '../../engine';

function keyText(key: string | null): string {
  return key === null ? 'a record with no key' : `key "${key}"`;
}

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
  return `${first.producer}'s ${parts.join('; ')}, on leader broker ${first.leader}.`;
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
      return `${entry.producer} sent a batch of ${entry.count} record${entry.count === 1 ? '' : 's'} for ${entry.topic}-${entry.partition} to its leader, broker ${entry.leader}.`;
    case 'recordAppended':
      return appended([entry]);
    case 'produceAcknowledged':
      return `Broker acknowledged ${entry.producer}'s batch: ${entry.topic}-${entry.partition} ${offsetRange(entry.baseOffset, entry.baseOffset + entry.count - 1)}.`;
    case 'partitionsAssigned':
      return `${entry.consumer} was assigned ${entry.partitions.map((p) => `${p.topic}-${p.partition}`).join(', ') || 'no partitions'}.`;
    case 'positionReset':
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
    else sentences.push(...group.map(narrateEntry));
  }
  return sentences.join(' ');
}
