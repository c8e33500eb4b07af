/**
 * Producer invariants: transaction markers come from transactional producers; idempotent sequences
 * count up by one per producer epoch; per key, a partition holds an idempotent producer's records in
 * the order they were sent, each once.
 */
import type { InvariantMemory } from './memory';
import type { LogRecords } from './stateReads';
import type { Violations } from './violations';
import { tpKey } from '../shared/topicPartition';

/** Values of explicit sends start with this (then the op's index); only they are held to send order. */
export const SENT_VALUE_PREFIX = 'm';
/** Traffic source values are `${TRAFFIC_VALUE_PREFIX}${source}-${count}`: per source and key, counts go up. */
export const TRAFFIC_VALUE_PREFIX = 't-';

export interface SentRecord {
  producer: string;
  topic: string;
  partition: number;
  key: string | null;
  value: string;
}

/** Remembers an explicit send the engine accepted, in order, to compare with what the log holds. */
export function noteSent(memory: InvariantMemory, sent: SentRecord): void {
  const k = [sent.producer, sent.topic, sent.partition, sent.key].join('/');
  memory.sent.set(k, [...(memory.sent.get(k) ?? []), sent.value]);
}

/** Checks one partition's records; `where` names the partition in messages. */
export function checkRecordOrder(topic: string, partition: number, records: LogRecords, where: string, memory: InvariantMemory, found: Violations): void {
  const explicit = new Map<string, string[]>();
  const traffic = new Map<string, number>();
  const sequences = new Map<string, number>();
  const isCompacted = memory.cleaned.has(tpKey(topic, partition));
  for (const r of records) {
    if (r.controlType !== null) {
      found.check(r.producerId >= 0 && r.isTransactional, () => `${where}: ${r.controlType} marker at offset ${r.offset} without a transactional producer`);
      continue;
    }
    if (r.producerId >= 0) {
      // The first sequence kept may be above 0: when the producer's first batches were lost in flight,
      // truncated or deleted by retention, a leader with no state for it accepts any sequence (as Kafka's
      // ProducerAppendInfo.checkSequence does); from there on they count up by one within an epoch.
      // Compaction leaves gaps.
      const k = `${r.producerId}/${r.producerEpoch}`;
      const expected = sequences.get(k) ?? r.sequence;
      found.check(isCompacted || r.sequence === expected, () => `${where}: producer ${r.producerId} sequence ${r.sequence} at offset ${r.offset}, expected ${expected}`);
      sequences.set(k, r.sequence + 1);
    } else {
      found.check(r.sequence === -1, () => `${where}: non-idempotent record at offset ${r.offset} has sequence ${r.sequence}`);
    }
    // Without idempotence a retried batch can be written twice, or after a later one: Kafka promises
    // neither order nor uniqueness then, so only idempotent records are held to them.
    if (r.producerId < 0) continue;
    const value = r.value ?? '';
    if (value.startsWith(SENT_VALUE_PREFIX)) {
      const k = [r.clientId, topic, partition, r.key].join('/');
      let list = explicit.get(k);
      if (list === undefined) explicit.set(k, (list = []));
      list.push(value);
    } else if (value.startsWith(TRAFFIC_VALUE_PREFIX)) {
      const dash = value.lastIndexOf('-');
      const k = [r.clientId, r.key, value.slice(0, dash)].join('/');
      const n = Number(value.slice(dash + 1));
      const last = traffic.get(k) ?? 0;
      found.check(n > last, () => `${where}: traffic record ${value} stored after number ${last} of the same source and key`);
      traffic.set(k, n);
    }
  }
  for (const [k, values] of explicit) {
    const sent = memory.sent.get(k) ?? [];
    // In send order, each once: an ordered subsequence of what was sent (records never acknowledged may
    // be lost when their leader goes away).
    let at = 0;
    const inOrder = values.every((v) => (at = sent.indexOf(v, at) + 1) > 0);
    found.check(inOrder, () => `${where}: ${k} stored [${values.join(', ')}] but was sent [${sent.join(', ')}]`);
  }
}
