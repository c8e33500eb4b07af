/**
 * Lifecycle machines are stored as a state name (plain data) and advanced with xstate's pure
 * `transition`; nothing is interpreted or kept running.
 */
import { transition, type AnyStateMachine, type EventFromLogic } from 'xstate';

/** The state after `event`; throws if the machine does not allow it (an engine bug, not user input). */
export function nextMachineState<M extends AnyStateMachine>(machine: M, current: string, event: EventFromLogic<M>): string {
  const snapshot = machine.resolveState({ value: current, context: {} });
  if (!snapshot.can(event)) throw new Error(`${machine.id}: no transition from ${current} on ${String(event.type)}`);
  const [next] = transition(machine as AnyStateMachine, snapshot, event);
  return (next as { value: unknown }).value as string;
}
