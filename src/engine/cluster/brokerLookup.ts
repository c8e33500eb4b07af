/** Looking a broker up by id: is it running, and which incarnation (crashes and restarts bump it). */
import type { SimState } from '../state';

type Brokers = Pick<SimState, 'brokers'>;

export function isBrokerAlive(state: Brokers, brokerId: number): boolean {
  return brokerId >= 0 && state.brokers.find((b) => b.id === brokerId)?.isAlive === true;
}

/** -1 for an unknown broker (for example leader -1 of an offline partition). */
export function brokerIncarnation(state: Brokers, brokerId: number): number {
  return state.brokers.find((b) => b.id === brokerId)?.incarnation ?? -1;
}
