/** Which trace entries the timeline marks, and their labels in a few words. */
import type { TraceEntry } from '../../engine';

export function markLabel(e: TraceEntry): string | null {
  if (e.kind === 'consumerCrashed') return `${e.clientId} crashed`;
  if (e.kind === 'consumerClosed') return `${e.clientId} closed`;
  if (e.kind === 'processingPaused') return `${e.consumer} paused processing`;
  if (e.kind === 'memberRemoved') return `${e.consumer} left group ${e.groupId}`;
  if (e.kind === 'groupStateChanged') return e.to === 'Stable' ? `group ${e.groupId} stable, generation ${e.generation}` : null;
  if (e.kind === 'brokerCrashed') return `broker ${e.brokerId} crashed`;
  if (e.kind === 'leaderElected') return e.leader < 0 ? `${e.topic}-${e.partition} offline` : `${e.topic}-${e.partition} leader ${e.leader}`;
  if (e.kind === 'logCleaned') return `cleaner pass on ${e.topic}-${e.partition}`;
  if (e.kind === 'segmentsDeleted') return `retention on ${e.topic}-${e.partition}`;
  if (e.kind === 'transactionCommitted') return `${e.producer} committed`;
  if (e.kind === 'transactionAborted') return `${e.producer} aborted`;
  return null;
}
