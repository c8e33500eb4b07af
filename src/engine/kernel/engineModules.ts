/**
 * What the kernel needs from the model it runs, handed to the Simulation when it is made (engine.ts
 * wires Kafka's): how to apply a command, an event and a client's notice, which scheduled events are
 * background work, and whether work waits outside the queue. The kernel itself knows no Kafka concern.
 */
import type { ClientNotice } from '../clients/clientNotices';
import type { Command } from '../commands';
import type { CommandResult } from '../dispatch';
import type { NewEvent, SimEvent } from '../events';
import type { SimState } from '../state';
import type { SimContext } from './context';

export interface EngineModules {
  applyCommand(ctx: SimContext, command: Command): CommandResult;
  applyEvent(ctx: SimContext, event: SimEvent): void;
  onClientNotice(ctx: SimContext, notice: ClientNotice): void;
  /** Periodic background work (retention checks, the cleaner): a queue holding only these is idle. */
  isHousekeeping(event: NewEvent): boolean;
  /** Work that waits outside the queue and keeps a run from being idle (a batch waiting for a leader). */
  hasWorkOutsideQueue(state: SimState): boolean;
}
