import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../engine';
import { headerValue, jsonValue, topicRecords } from '../shared/records';
import { deadLettered, fraudAlerts, notifiedTwice } from './checks';
import { foodOrdering } from './foodOrdering';
import { TOPICS, type AuditEvent, type Order } from './model';

function start(): Simulation {
  const sim = createSimulation({ ...foodOrdering.options, seed: foodOrdering.seed, handlers: foodOrdering.handlers!, traceLimit: 0 });
  foodOrdering.setup(sim);
  return sim;
}

function stopCustomers(sim: Simulation): void {
  for (const ticker of ['customers', 'alice', 'kitchen']) sim.execute({ type: 'setTickerRunning', ticker, isRunning: false });
}

function audits(sim: Simulation): AuditEvent[] {
  return topicRecords(sim.state, TOPICS.audit).map(({ record }) => jsonValue<AuditEvent>(record.value)!);
}

describe('food ordering (seeds/food-ordering.md)', () => {
  // One run shared by the stories: three simulated minutes of orders, then everyone catches up.
  const sim = start();
  sim.runUntilTime(180_000);
  stopCustomers(sim);
  sim.runUntilTime(240_000);
  const created = Number(sim.state.services['order-service']!.store.nextOrder) - 1;

  it('a notification failing on its second retry lands in orders-dlq with retryCount 2, after RETRY 1 and RETRY 2 in audit', () => {
    const dlq = topicRecords(sim.state, TOPICS.dlq);
    expect(dlq.length).toBeGreaterThan(0);
    for (const { record } of dlq) {
      expect(headerValue(record.headers, 'retryCount')).toBe('2');
      const forOrder = audits(sim).filter((e) => e.orderId === record.key && e.source === 'notification-service');
      const trail = forOrder.map((e) => `${e.action}:${e.retryCount}`);
      expect(trail).toContain('RETRY:1');
      expect(trail).toContain('RETRY:2');
      expect(trail).toContain('DLQ:2');
      expect(jsonValue<{ reason: string }>(record.value)!.reason).toBe('Max retries exceeded');
    }
    expect(deadLettered(sim.state)).toHaveLength(dlq.length);
  });

  it('retried copies carry retryCount; analytics counts each original order once', () => {
    const copies = topicRecords(sim.state, TOPICS.orders).filter(({ record }) => headerValue(record.headers, 'retryCount') !== null);
    expect(copies.length).toBeGreaterThan(0);
    expect(sim.state.services['analytics-service']!.memory['analytics-service']!.ordersCounted).toBe(created);
  });

  it('fraud detection alerts on six orders in a minute from Alice and on a large amount', () => {
    const alerts = audits(sim).filter((e) => e.action === 'FRAUD_ALERT');
    const velocity = alerts.filter((e) => e.alerts!.some((a) => a.type === 'VELOCITY'));
    expect(velocity.length).toBeGreaterThan(0);
    expect(velocity[0]!.customerName).toBe('Alice');
    expect(velocity[0]!.windowStats!.customerOrdersInWindow).toBeGreaterThanOrEqual(6);
    expect(alerts.some((e) => e.alerts!.some((a) => a.type === 'AMOUNT' && /exceeds threshold/.test(a.reason)))).toBe(true);
    const passed = audits(sim).filter((e) => e.action === 'FRAUD_CHECK_PASSED');
    expect(passed.length + alerts.length).toBe(created);
    expect(fraudAlerts(sim.state).length).toBe(alerts.length);
  });

  it('every order is notified (or dead-lettered) and nobody twice while nothing crashes', () => {
    const notified = new Set(
      audits(sim)
        .filter((e) => e.action === 'NOTIFIED' || e.action === 'DLQ')
        .map((e) => e.orderId),
    );
    expect(notified.size).toBeGreaterThan(created * 0.9);
    expect(notifiedTwice(sim.state)).toEqual([]);
  });

  it('order-status compacts to the latest record per order below the cleaner checkpoint, and deleted orders leave no trace there', () => {
    const log = sim.state.topics[TOPICS.status]!.partitions[0]!.log;
    expect(log.firstDirtyOffset).toBeGreaterThan(0);
    const cleaned = log.records.filter((r) => r.offset < log.firstDirtyOffset);
    const keys = cleaned.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    // Latest value per key across the whole log = the order service's live orders.
    const latest = new Map<string, string | null>();
    for (const r of log.records) latest.set(r.key!, r.value);
    const live = sim.state.services['order-service']!.store.orders as unknown as Record<string, Order>;
    const liveKeys = [...latest.entries()]
      .filter(([, v]) => v !== null)
      .map(([k]) => k)
      .sort();
    expect(liveKeys).toEqual(
      Object.keys(live)
        .filter((id) => latest.has(id))
        .sort(),
    );
    // A deleted order whose tombstone was cleaned long enough ago is gone altogether.
    const deleted = audits(sim)
      .filter((e) => e.source === 'order-service' && e.action === 'deleted')
      .map((e) => e.orderId);
    expect(deleted.length).toBeGreaterThan(0);
    const vanished = deleted.filter((id) => !latest.has(id));
    expect(vanished.length).toBeGreaterThan(0);
  });

  it('crashing notification-2 sends its partitions to notification-1 after session.timeout.ms; uncommitted work is notified twice', () => {
    const run = start();
    // Crash it in the middle of a poll's records: it notified someone but has not committed yet.
    run.runUntil((e) => e.kind === 'appEvent' && e.instance === 'notification-2' && e.event === 'NOTIFIED' && e.time > 20_000 && run.state.consumers['notification-2']!.pending.length > 0);
    const crashedAt = run.time;
    run.crashConsumer('notification-2');
    run.runUntilTime(crashedAt + 9_000);
    // Still waiting for the dead member's session to run out: notification-1 keeps only its own.
    expect(run.state.consumers['notification-1']!.assignment.length).toBeLessThan(3);
    run.runUntilTime(crashedAt + 20_000);
    expect(run.state.consumers['notification-1']!.assignment.map((tp) => tp.partition)).toEqual([0, 1, 2]);
    // The story the check tells is read from the audit log, not scripted.
    const twice = notifiedTwice(run.state);
    expect(twice.length).toBeGreaterThan(0);
    expect(twice[0]!.text).toMatch(/notified 2 times \(by notification-2, notification-1\)/);
  });
});

describe('food ordering: where the state lives (seeds/food-ordering.md)', () => {
  it('analytics keeps its stats in memory: a crash loses them, and the restarted instance rebuilds them from the beginning of orders', () => {
    const sim = start();
    sim.runUntilTime(90_000);
    const memory = () => sim.state.services['analytics-service']!.memory['analytics-service'];
    const counted = Number(memory()!.ordersCounted);
    expect(counted).toBeGreaterThan(10);
    sim.crashConsumer('analytics-service');
    expect(memory()?.ordersCounted ?? 0).toBe(0);
    sim.execute({ type: 'restartConsumer', consumer: 'analytics-service' });
    stopCustomers(sim);
    sim.runUntilTime(150_000);
    expect(memory()!.ordersCounted).toBe(Number(sim.state.services['order-service']!.store.nextOrder) - 1);
  });

  it('the order service broadcasts an SSE order event for each order, and its audit records carry the order', () => {
    const sim = start();
    sim.runUntilTime(30_000);
    const feed = sim.state.services['order-service']!.store.feed as unknown as { type: string }[];
    expect(feed.some((m) => m.type === 'order')).toBe(true);
    const created = audits(sim).filter((e) => e.source === 'order-service' && e.action === 'created');
    expect(created.length).toBeGreaterThan(0);
    for (const e of created) expect(e.order?.id).toBe(e.orderId);
  });
});
