/**
 * The model test's invariants, every family at once: test support for the property tests and the pinned
 * regressions. The engine never imports this folder (eslint.config.js's engine rules forbid it).
 *
 * @example
 * const invariants = new ModelInvariants();
 * sim.step();
 * expect(invariants.violations(sim, { withRoundTrip: false })).toEqual([]);
 */
import type { Simulation } from '../index';
import { checkDeliveries, checkPositions } from './consumerInvariants';
import { checkGroups } from './groupInvariants';
import { checkAcknowledgements, checkPartitionLog, noteCleanerPasses } from './logInvariants';
import { emptyMemory } from './memory';
import { checkRecordOrder, noteSent, type SentRecord } from './producerInvariants';
import { checkShareGroups } from './shareInvariants';
import { checkJsonSafe, checkPlainData, checkSnapshotRoundTrip } from './stateInvariants';
import { traceSince } from './stateReads';
import { throwIfViolated, Violations } from './violations';
import { tpKey } from '../shared/topicPartition';

export { throwIfViolated } from './violations';
export type { SentRecord } from './producerInvariants';
export { SENT_VALUE_PREFIX, TRAFFIC_VALUE_PREFIX } from './producerInvariants';
export { checkPlainData } from './stateInvariants';
export { Violations } from './violations';

export interface CheckOptions {
  /**
   * Also round-trip a snapshot through JSON and walk the whole state (after every command); without it
   * (after every event) a faster walk that reads each log record once.
   */
  withRoundTrip: boolean;
}

/** One run's invariant checks: they remember what earlier checks saw, so use one instance per run. */
export class ModelInvariants {
  readonly #memory = emptyMemory();

  /** Tells the checks about an explicit send the engine accepted (the producer invariants hold the log to it). */
  noteSent(sent: SentRecord): void {
    noteSent(this.#memory, sent);
  }

  /** Every invariant on the state as it is now, and on the trace written since the last call: what broke, or []. */
  violations(sim: Simulation, options: CheckOptions): string[] {
    const found = new Violations();
    const memory = this.#memory;
    const at = ` at step ${sim.stepCount}, time ${sim.time}`;
    const entries = traceSince(sim, memory.nextTraceId);
    noteCleanerPasses(entries, memory);
    checkAcknowledgements(sim, entries, memory, found);
    checkDeliveries(sim, entries, found);
    memory.nextTraceId = sim.state.nextTraceId;
    for (const topic of Object.values(sim.state.topics)) {
      for (const p of topic.partitions) {
        const where = `${topic.name}-${p.partition}${at}`;
        checkRecordOrder(p.topic, p.partition, p.log.records, where, memory, found);
        checkPartitionLog(tpKey(topic.name, p.partition), p.log, where, memory, found);
      }
    }
    checkPositions(sim, at, found);
    checkGroups(sim, at, found);
    checkShareGroups(sim, at, memory, found);
    if (options.withRoundTrip) {
      checkPlainData(sim.state, 'state', found);
      checkSnapshotRoundTrip(sim, found);
    } else {
      checkJsonSafe(sim.state, () => 'state', memory.checkedRecords, found);
    }
    return found.messages;
  }

  /** Throws naming every broken invariant (the model test stops at the first event that broke one). */
  assertHold(sim: Simulation, options: CheckOptions): void {
    throwIfViolated(this.violations(sim, options));
  }
}
