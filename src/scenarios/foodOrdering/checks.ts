/** What the business would notice, read from the simulated logs (never scripted). */
import { tpKey, type ReadState } from '../../engine';
import { headerValue, jsonValue, topicRecords, type ReadRecord } from '../shared/records';
import { mapTopicRecords, memoOnArray } from '../shared/topicMemo';
import type { CheckFinding, DomainCheck } from '../types';
import { RETRY_HEADER, TOPICS, type AuditEvent } from './model';

function auditEventOf(record: ReadRecord): AuditEvent | null {
  return jsonValue<AuditEvent>(record.value);
}

/** Every audit event still in the log, in partition order (mapped once per record, see topicMemo.ts). */
export function auditEvents(state: ReadState): readonly AuditEvent[] {
  return mapTopicRecords(state, TOPICS.audit, auditEventOf);
}

/** Order events the customer was notified about more than once (a record processed again after a rebalance). */
export function notifiedTwice(state: ReadState): CheckFinding[] {
  return notifiedTwiceIn(auditEvents(state));
}

const notifiedTwiceIn = memoOnArray((events: readonly AuditEvent[]): CheckFinding[] => {
  const byEvent = new Map<string, { orderId: string; about: string; by: string[] }>();
  for (const e of events) {
    if (e.action !== 'NOTIFIED') continue;
    const id = `${e.orderId}/${e.about ?? '?'}`;
    const seen = byEvent.get(id) ?? { orderId: e.orderId, about: e.about ?? '?', by: [] };
    seen.by.push(e.instanceId ?? '?');
    byEvent.set(id, seen);
  }
  return [...byEvent.entries()]
    .filter(([, v]) => v.by.length > 1)
    .map(([id, v]) => ({ id: `notified-twice:${id}`, text: `Order ${v.orderId} (${v.about}): the customer was notified ${v.by.length} times (by ${v.by.join(', ')}).` }));
});

/**
 * Whether `instance` has notified a customer since its group last committed its partitions' offsets: work
 * a crash now would make the next owner do again (auto-commit runs inside poll() every 30 s).
 */
export function hasUncommittedNotifications(state: ReadState, instance: string): boolean {
  const consumer = state.consumers[instance];
  const groupId = consumer?.config['group.id'];
  if (consumer === undefined || consumer.memberState === 'CRASHED' || consumer.memberState === 'CLOSED' || groupId === null || groupId === undefined || consumer.assignment.length === 0) return false;
  const offsets = state.groups[groupId]?.offsets ?? {};
  const lastCommit = Math.max(...consumer.assignment.map((tp) => offsets[tpKey(tp.topic, tp.partition)]?.commitTimestamp ?? Number.NEGATIVE_INFINITY));
  return auditEvents(state).some((e) => e.action === 'NOTIFIED' && e.instanceId === instance && e.timestamp > lastCommit);
}

export function deadLettered(state: ReadState): CheckFinding[] {
  return topicRecords(state, TOPICS.dlq).map(({ record }) => ({
    id: `dlq:${record.offset}`,
    text: `Order ${record.key ?? '?'} went to orders-dlq after ${headerValue(record.headers, RETRY_HEADER) ?? '?'} failed retries: nobody was notified.`,
  }));
}

export function fraudAlerts(state: ReadState): CheckFinding[] {
  return fraudAlertsIn(auditEvents(state));
}

const fraudAlertsIn = memoOnArray((events: readonly AuditEvent[]): CheckFinding[] =>
  events
    // A replay's verdicts re-judge old orders: not new alerts.
    .filter((e) => e.action === 'FRAUD_ALERT' && e.replay !== true)
    .map((e) => ({ id: `fraud:${e.orderId}:${e.timestamp}`, text: `Fraud alert on ${e.orderId} (${e.customerName ?? '?'}): ${(e.alerts ?? []).map((a) => `${a.type}: ${a.reason}`).join('; ')}.` })),
);

/** The audit actions seen so far (the story opens chapters on them). */
export const auditActionsIn = memoOnArray((events: readonly AuditEvent[]): ReadonlySet<string> => new Set(events.map((e) => e.action)));

export const FOOD_ORDERING_CHECKS: DomainCheck[] = [
  { id: 'notified-twice', title: 'A customer notified twice', findings: notifiedTwice },
  { id: 'dead-letter', title: 'An order in the dead letter queue', findings: deadLettered },
  { id: 'fraud-alert', title: 'A fraud alert', findings: fraudAlerts },
];
