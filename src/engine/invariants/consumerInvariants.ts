/**
 * Consumer invariants: positions stay within [0, high watermark]; fetches stop at the high watermark
 * (read_uncommitted) or the last stable offset (read_committed); no consumer is handed a transaction
 * marker, and a read_committed one only records of committed transactions.
 */
import type { Simulation, TraceEntry } from '../index';
import { partitionOf, recordAt, type LogRecords } from './stateReads';
import type { Violations } from './violations';

export function checkPositions(sim: Simulation, at: string, found: Violations): void {
  for (const consumer of Object.values(sim.state.consumers)) {
    for (const tp of consumer.assignment) {
      if (tp.position === -1) continue;
      const log = partitionOf(sim, tp.topic, tp.partition)?.log;
      if (log === undefined) {
        found.report(`${consumer.clientId} is assigned the unknown ${tp.topic}-${tp.partition}`);
        continue;
      }
      // Below the log start offset is allowed: DeleteRecords or retention may pass a consumer, whose
      // next fetch then answers OFFSET_OUT_OF_RANGE.
      found.check(tp.position >= 0 && tp.position <= log.highWatermark, () => `${consumer.clientId} ${tp.topic}-${tp.partition}${at}: position ${tp.position} outside [0, ${log.highWatermark}]`);
    }
  }
}

/** How the transaction a record was written in ended: the first marker of its producer after it, or null while open. */
function transactionOutcome(records: LogRecords, index: number, producerId: number): 'COMMIT' | 'ABORT' | null {
  for (let i = index + 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.producerId === producerId && r.controlType !== null) return r.controlType;
  }
  return null;
}

/** Reads the fetches and deliveries in `entries` (the trace since the last check). */
export function checkDeliveries(sim: Simulation, entries: readonly TraceEntry[], found: Violations): void {
  for (const e of entries) {
    const at = () => ` (trace entry ${e.id}, step ${sim.stepCount}, time ${sim.time})`;
    if (e.kind === 'recordsFetched') {
      const consumer = sim.state.consumers[e.consumer];
      const log = partitionOf(sim, e.topic, e.partition)?.log;
      if (consumer === undefined || log === undefined) continue;
      const limit = consumer.config['isolation.level'] === 'read_committed' ? log.lastStableOffset : log.highWatermark;
      found.check(e.lastOffset < limit, () => `${e.consumer} (${consumer.config['isolation.level']}) fetched up to ${e.lastOffset} of ${e.topic}-${e.partition}, limit ${limit}${at()}`);
    } else if (e.kind === 'recordProcessed') {
      const consumer = sim.state.consumers[e.consumer];
      const log = partitionOf(sim, e.topic, e.partition)?.log;
      const stored = log === undefined ? undefined : recordAt(log.records, e.offset);
      if (consumer === undefined || log === undefined || stored === undefined) continue; // deleted since
      const { record, index } = stored;
      found.check(record.controlType === null, () => `${e.consumer} was given the ${record.controlType} marker at ${e.topic}-${e.partition}@${e.offset}${at()}`);
      if (consumer.config['isolation.level'] === 'read_committed' && record.isTransactional) {
        const outcome = transactionOutcome(log.records, index, record.producerId);
        found.check(
          outcome === 'COMMIT',
          () => `${e.consumer} (read_committed) was given ${e.topic}-${e.partition}@${e.offset} of a transaction ${outcome === null ? 'still open' : 'aborted'}${at()}`,
        );
      }
    }
  }
}
