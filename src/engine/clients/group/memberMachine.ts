/**
 * A consumer instance's membership as its client sees it, as an xstate machine used as pure
 * transitions (see groupMachine.ts). The four live states are the classic client's MemberState
 * [clients consumer/internals/AbstractCoordinator.java]; CRASHED and CLOSED are the instance's own
 * lifecycle, which a learner drives.
 */
import { setup } from 'xstate';
import { nextMachineState } from '../../kernel/machineTransition';

export type MemberStateName = 'UNJOINED' | 'PREPARING_REBALANCE' | 'COMPLETING_REBALANCE' | 'STABLE' | 'CRASHED' | 'CLOSED';

export type MemberMachineEvent =
  | { type: 'JOIN_SENT' }
  | { type: 'JOIN_SUCCEEDED' }
  | { type: 'SYNC_SUCCEEDED' }
  /** Membership lost (unknown member, evicted) or left the group (max.poll.interval.ms, unsubscribe). */
  | { type: 'RESET' }
  | { type: 'CRASH' }
  | { type: 'CLOSE' }
  | { type: 'RESTART' };

const alive = { CRASH: 'CRASHED', CLOSE: 'CLOSED', RESET: 'UNJOINED' } as const;

export const memberMachine = setup({ types: { events: {} as MemberMachineEvent } }).createMachine({
  id: 'member',
  initial: 'UNJOINED',
  states: {
    UNJOINED: { on: { ...alive, JOIN_SENT: 'PREPARING_REBALANCE' } },
    PREPARING_REBALANCE: { on: { ...alive, JOIN_SENT: 'PREPARING_REBALANCE', JOIN_SUCCEEDED: 'COMPLETING_REBALANCE' } },
    COMPLETING_REBALANCE: { on: { ...alive, JOIN_SENT: 'PREPARING_REBALANCE', SYNC_SUCCEEDED: 'STABLE' } },
    STABLE: { on: { ...alive, JOIN_SENT: 'PREPARING_REBALANCE' } },
    CRASHED: { on: { RESTART: 'UNJOINED' } },
    CLOSED: { on: { RESTART: 'UNJOINED' } },
  },
});

export function nextMemberState(current: MemberStateName, event: MemberMachineEvent): MemberStateName {
  return nextMachineState(memberMachine, current, event) as MemberStateName;
}
