/**
 * The classic group's lifecycle on the coordinator, as an xstate machine used only as pure
 * transitions: the engine stores the state name (plain data) and asks the machine what comes next,
 * so an impossible transition is a bug caught at once, and the UI can draw the same machine.
 * Models: ClassicGroupState (Empty, PreparingRebalance, CompletingRebalance, Stable, Dead) and the
 * transitions GroupMetadataManager makes [group-coordinator classic/ClassicGroupState.java].
 */
import { setup } from 'xstate';
import { nextMachineState } from '../../kernel/machineTransition';

export type GroupStateName = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export type GroupMachineEvent =
  /** A join, leave, session expiry or metadata change: collect JoinGroups again. */
  | { type: 'REBALANCE' }
  /** Every member rejoined (or the rebalance timeout fired): new generation, await the leader's SyncGroup. */
  | { type: 'JOIN_COMPLETED' }
  /** The leader's SyncGroup arrived with the assignment. */
  | { type: 'SYNC_COMPLETED' }
  /** The last member left or was removed. */
  | { type: 'ALL_MEMBERS_GONE' }
  | { type: 'DELETE' };

export const groupMachine = setup({ types: { events: {} as GroupMachineEvent } }).createMachine({
  id: 'group',
  initial: 'Empty',
  states: {
    Empty: { on: { REBALANCE: 'PreparingRebalance', ALL_MEMBERS_GONE: 'Empty', DELETE: 'Dead' } },
    PreparingRebalance: {
      on: { REBALANCE: 'PreparingRebalance', JOIN_COMPLETED: 'CompletingRebalance', ALL_MEMBERS_GONE: 'Empty', DELETE: 'Dead' },
    },
    CompletingRebalance: { on: { REBALANCE: 'PreparingRebalance', SYNC_COMPLETED: 'Stable', DELETE: 'Dead' } },
    Stable: { on: { REBALANCE: 'PreparingRebalance', DELETE: 'Dead' } },
    Dead: { type: 'final' },
  },
});

export function nextGroupState(current: GroupStateName, event: GroupMachineEvent): GroupStateName {
  return nextMachineState(groupMachine, current, event) as GroupStateName;
}
