/**
 * The trace entry every client writes alike: a producer or a consumer was created.
 */
import type { EntryBase } from '../kernel/traceEntryBase';

export interface ClientCreatedEntry extends EntryBase {
  kind: 'producerCreated' | 'consumerCreated';
  clientId: string;
}
