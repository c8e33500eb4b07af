/**
 * The leader's producer state for idempotence (ProducerStateManager / ProducerAppendInfo).
 * Models [storage ProducerAppendInfo.java, ProducerStateEntry.java; UnifiedLog.analyzeAndValidateProducerState]:
 * per partition and producer id, the epoch and the last 5 batches; a batch equal to a cached one is a
 * duplicate, answered with its original offsets and not appended; a lower epoch is INVALID_PRODUCER_EPOCH;
 * a higher epoch must start at sequence 0; the same epoch must continue at last sequence + 1, else
 * OUT_OF_ORDER_SEQUENCE_NUMBER; a producer id with no state accepts any sequence.
 * Kept per partition (not per replica): it is rebuilt from the log after a truncation, as a new leader
 * rebuilds it from its log; the log keeps no batch boundaries, so a rebuilt entry is a run of
 * consecutive sequences and a retried batch inside a run is recognised as a duplicate.
 * Not modelled: producer.id.expiration.ms.
 */
import type { PartitionState, ProducerBatchInfo } from '../state';
import { getOwn, setOwn } from '../kernel/ownMap';

export const NUM_BATCHES_TO_RETAIN = 5;

export type SequenceCheck = { result: 'append' } | { result: 'duplicate'; baseOffset: number } | { result: 'error'; error: 'INVALID_PRODUCER_EPOCH' | 'OUT_OF_ORDER_SEQUENCE_NUMBER'; message: string };

export function checkSequence(partition: PartitionState, producerId: number, epoch: number, firstSeq: number, lastSeq: number): SequenceCheck {
  if (producerId < 0 || firstSeq < 0) return { result: 'append' };
  const entry = getOwn(partition.producerStates, String(producerId));
  if (entry === undefined) return { result: 'append' };
  if (epoch === entry.epoch) {
    // Equal to a cached batch (or inside one: after a rebuild, adjacent batches form one run).
    const cached = entry.batches.find((b) => firstSeq >= b.firstSeq && lastSeq <= b.lastSeq);
    if (cached !== undefined) return { result: 'duplicate', baseOffset: cached.baseOffset + (firstSeq - cached.firstSeq) };
  }
  if (epoch < entry.epoch)
    return { result: 'error', error: 'INVALID_PRODUCER_EPOCH', message: `Epoch ${epoch} is older than the current epoch ${entry.epoch} of producer ${producerId}: it has been fenced.` };
  const last = entry.batches[entry.batches.length - 1]?.lastSeq ?? -1;
  const expected = epoch > entry.epoch ? 0 : (last + 1) % 0x80000000;
  if (firstSeq !== expected) {
    return { result: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', message: `Out of order sequence number for producer ${producerId}: expected ${expected}, got ${firstSeq}.` };
  }
  return { result: 'append' };
}

export function recordBatch(partition: PartitionState, producerId: number, epoch: number, batch: ProducerBatchInfo): void {
  if (producerId < 0 || batch.firstSeq < 0) return;
  let entry = getOwn(partition.producerStates, String(producerId));
  if (entry === undefined || entry.epoch !== epoch) {
    entry = { epoch, batches: [] };
    setOwn(partition.producerStates, String(producerId), entry);
  }
  entry.batches.push(batch);
  if (entry.batches.length > NUM_BATCHES_TO_RETAIN) entry.batches.splice(0, entry.batches.length - NUM_BATCHES_TO_RETAIN);
}

/** After a truncation: rebuild from the records that remain (consecutive records of one producer epoch form a batch). */
export function rebuildProducerStates(partition: PartitionState): void {
  partition.producerStates = {};
  const runs: { producerId: number; epoch: number; batch: ProducerBatchInfo }[] = [];
  for (const r of partition.log.records) {
    if (r.producerId < 0 || r.sequence < 0) continue;
    const run = runs[runs.length - 1];
    const continues =
      run !== undefined && run.producerId === r.producerId && run.epoch === r.producerEpoch && r.sequence === run.batch.lastSeq + 1 && r.offset === run.batch.baseOffset + run.batch.count;
    if (continues) {
      run.batch.lastSeq = r.sequence;
      run.batch.count++;
    } else {
      runs.push({ producerId: r.producerId, epoch: r.producerEpoch, batch: { firstSeq: r.sequence, lastSeq: r.sequence, baseOffset: r.offset, count: 1 } });
    }
  }
  for (const run of runs) recordBatch(partition, run.producerId, run.epoch, run.batch);
}
