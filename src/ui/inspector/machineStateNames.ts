/** The states of the engine's own xstate machines, in their declared order, for drawing them. */
import { groupMachine, txnMachine } from '../../engine';

export const GROUP_STATES = Object.keys(groupMachine.config.states ?? {});
export const TXN_STATES = Object.keys(txnMachine.config.states ?? {});
