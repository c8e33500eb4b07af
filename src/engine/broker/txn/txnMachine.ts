/**
 * The transaction coordinator's state per transactional.id, as an xstate machine used as pure
 * transitions (like the group machine): TransactionState in Kafka's TransactionMetadata.
 */
import { setup } from 'xstate';
import { nextMachineState } from '../../kernel/machineTransition';

export type TxnStateName = 'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort' | 'PrepareEpochFence' | 'Dead';

export type TxnMachineEvent =
  /** AddPartitionsToTxn / AddOffsetsToTxn: the transaction has begun (or grows). */
  | { type: 'ADD' }
  | { type: 'COMMIT' }
  | { type: 'ABORT' }
  /** A new instance initialised, or the transaction timed out: bump the epoch, then abort. */
  | { type: 'FENCE' }
  /** Every marker is written. */
  | { type: 'COMPLETE' }
  /** InitProducerId on a finished transaction. */
  | { type: 'INIT' }
  | { type: 'EXPIRE' };

export const txnMachine = setup({ types: { events: {} as TxnMachineEvent } }).createMachine({
  id: 'transaction',
  initial: 'Empty',
  states: {
    Empty: { on: { ADD: 'Ongoing', INIT: 'Empty', EXPIRE: 'Dead' } },
    Ongoing: { on: { ADD: 'Ongoing', COMMIT: 'PrepareCommit', ABORT: 'PrepareAbort', FENCE: 'PrepareEpochFence' } },
    PrepareEpochFence: { on: { ABORT: 'PrepareAbort' } },
    PrepareCommit: { on: { COMPLETE: 'CompleteCommit' } },
    PrepareAbort: { on: { COMPLETE: 'CompleteAbort' } },
    CompleteCommit: { on: { ADD: 'Ongoing', INIT: 'Empty', EXPIRE: 'Dead' } },
    CompleteAbort: { on: { ADD: 'Ongoing', INIT: 'Empty', EXPIRE: 'Dead' } },
    Dead: { type: 'final' },
  },
});

export function nextTxnState(current: TxnStateName, event: TxnMachineEvent): TxnStateName {
  return nextMachineState(txnMachine, current, event) as TxnStateName;
}
