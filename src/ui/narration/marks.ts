/** Which trace entries the timeline marks, and their labels in a few words. */
import type { TraceEntry } from '../../engine';
import { isBroker, partitionCount } from '../brokerWords';

export interface TimelineMark {
  step: number;
  label: string;
}

/** The label of one entry on its own, or null when it is not worth a mark. */
export function markLabel(e: TraceEntry): string | null {
  if (e.kind === 'consumerCrashed') return `${e.clientId} crashed`;
  if (e.kind === 'consumerClosed') return `${e.clientId} closed`;
  if (e.kind === 'processingPaused') return `${e.consumer} paused processing`;
  if (e.kind === 'memberRemoved') return `${e.consumer} left group ${e.groupId}`;
  if (e.kind === 'groupStateChanged') return e.to === 'Stable' ? `group ${e.groupId} stable, generation ${e.generation}` : null;
  if (e.kind === 'brokerCrashed') return `broker ${e.brokerId} crashed`;
  if (e.kind === 'leaderElected') return isBroker(e.leader) ? `${e.topic}-${e.partition} leader ${e.leader}` : `${e.topic}-${e.partition} has no leader`;
  if (e.kind === 'logCleaned') return `cleaner pass on ${e.topic}-${e.partition}`;
  if (e.kind === 'segmentsDeleted') return `retention on ${e.topic}-${e.partition}`;
  if (e.kind === 'transactionCommitted') return `${e.producer} committed`;
  if (e.kind === 'transactionAborted') return `${e.producer} aborted`;
  return null;
}

type BrokerEntry = TraceEntry & { kind: 'brokerCrashed' | 'brokerFenced' | 'brokerShutdown' | 'brokerRestarted' };
type ElectionEntry = TraceEntry & { kind: 'leaderElected' };

/** One broker event and the elections it caused (the controller writes them right after it). */
interface Outcome {
  broker: BrokerEntry | null;
  /** Where its mark goes among the step's marks. */
  at: number;
  elections: ElectionEntry[];
}

/** "56 partitions without a leader, new leaders for 3 partitions". */
function electionWords(elections: readonly ElectionEntry[], electedWords: (n: number) => string): string {
  const leaderless = elections.filter((e) => !isBroker(e.leader)).length;
  const elected = elections.length - leaderless;
  return [leaderless > 0 ? `${partitionCount(leaderless)} without a leader` : null, elected > 0 ? electedWords(elected) : null].filter((s) => s !== null).join(', ');
}

function outcomeLabel({ broker, elections }: Outcome): string | null {
  if (broker === null) {
    // Elections with no broker event in the step (the preferred-leader check, an admin election).
    if (elections.length === 0) return null;
    if (elections.length === 1) return markLabel(elections[0]!);
    return electionWords(elections, (n) => `leaders elected for ${partitionCount(n)}`);
  }
  const id = broker.brokerId;
  const words = electionWords(elections, (n) => (broker.kind === 'brokerRestarted' ? `leaders elected for ${partitionCount(n)}` : `new leaders for ${partitionCount(n)}`));
  switch (broker.kind) {
    case 'brokerCrashed':
      return words === '' ? `broker ${id} crashed` : `broker ${id} crashed: ${words}`;
    case 'brokerFenced':
      // A fence that moved no leadership changes nothing a learner sees on the partitions: no mark.
      return words === '' ? null : `broker ${id} down: ${words}`;
    case 'brokerShutdown':
      return words === '' ? `broker ${id} shut down` : `broker ${id} shut down: ${words}`;
    case 'brokerRestarted':
      return words === '' ? `broker ${id} back` : `broker ${id} back: ${words}`;
  }
}

/**
 * The timeline marks of one UI step's entries (or of one learner action's). A broker event and the
 * leader elections it causes (one per partition it led: 50 of them for __consumer_offsets alone) make ONE
 * mark: "broker 1 down: 56 partitions without a leader", "broker 1 back: leaders elected for 56 partitions".
 * Elections without a broker event in the step make one mark together. Other entries mark as markLabel says.
 */
/** The kinds that can make a mark (markLabel, and the broker events that gather elections). */
const MARKING_KINDS: ReadonlySet<string> = new Set([
  'consumerCrashed',
  'consumerClosed',
  'processingPaused',
  'memberRemoved',
  'groupStateChanged',
  'brokerCrashed',
  'brokerFenced',
  'brokerShutdown',
  'brokerRestarted',
  'leaderElected',
  'logCleaned',
  'segmentsDeleted',
  'transactionCommitted',
  'transactionAborted',
]);

export { MARKING_KINDS };

export function stepMarks(entries: readonly TraceEntry[], step: number): TimelineMark[] {
  // Most steps make no mark: found without building anything (every UI step of a long replay asks).
  let canMark = false;
  for (const e of entries) if (MARKING_KINDS.has(e.kind)) canMark = true;
  if (!canMark) return [];
  const labels: (string | null)[] = [];
  const outcomes: Outcome[] = [];
  let current: Outcome | null = null;
  let loose: Outcome | null = null;
  for (const e of entries) {
    if (e.kind === 'brokerCrashed' || e.kind === 'brokerFenced' || e.kind === 'brokerShutdown' || e.kind === 'brokerRestarted') {
      current = { broker: e, at: labels.length, elections: [] };
      outcomes.push(current);
      labels.push(null);
    } else if (e.kind === 'leaderElected') {
      if (current === null) {
        if (loose === null) {
          loose = { broker: null, at: labels.length, elections: [] };
          outcomes.push(loose);
          labels.push(null);
        }
        loose.elections.push(e);
      } else {
        current.elections.push(e);
      }
    } else {
      labels.push(markLabel(e));
    }
  }
  for (const o of outcomes) labels[o.at] = outcomeLabel(o);
  return labels.filter((label) => label !== null).map((label) => ({ step, label }));
}
