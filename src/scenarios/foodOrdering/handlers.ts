/**
 * The food-ordering services as handlers (seeds/food-ordering.md "Event Flow"). Each runs inside a
 * simulated client process: its store is the service's database, its memory dies with the process.
 */
import type { AppContext, AppData, AppHandlers, HandledRecord } from '../../engine';
import { headerValue, jsonValue } from '../shared/records';
import {
  AMOUNT_LIMIT,
  BURST_LIMIT,
  CUSTOMERS,
  FRAUD_WINDOW_MS,
  MAX_RETRIES,
  MENU,
  money,
  orderTotal,
  RETRY_HEADER,
  TOPICS,
  VELOCITY_LIMIT,
  type AuditEvent,
  type FraudAlert,
  type Order,
  type OrderEvent,
} from './model';

/** The chance that sending a notification fails (seeded, so every run fails the same ones). */
export const NOTIFICATION_FAILURE_RATE = 0.3;
/** Alice's burst: six orders five seconds apart from this time, enough for a VELOCITY alert. */
export const ALICE_BURST_FROM_MS = 40_000;

function pick<T>(ctx: AppContext, list: readonly T[]): T {
  return list[Math.floor(ctx.random() * list.length)]!;
}

function audit(ctx: AppContext, event: Omit<AuditEvent, 'timestamp'>): void {
  ctx.produce(TOPICS.audit, event.orderId, JSON.stringify({ ...event, timestamp: ctx.now }));
}

/** The order service writes its own state, then publishes: orders, audit and the compacted order-status. */
function publish(ctx: AppContext, action: OrderEvent['action'], order: Order): void {
  const event: OrderEvent = { action, order, timestamp: ctx.now };
  // Keyed by order id: every event of one order lands on one partition, in order.
  ctx.produce(TOPICS.orders, order.id, JSON.stringify(event));
  audit(ctx, { source: 'order-service', action, orderId: order.id });
  // A tombstone (null value) on delete: compaction removes the order from order-status altogether.
  ctx.produce(TOPICS.status, order.id, action === 'deleted' ? null : JSON.stringify({ id: order.id, customerName: order.customerName, item: order.item, status: order.status, updatedAt: ctx.now }));
}

function createOrder(ctx: AppContext, customerName: string): void {
  const n = Number(ctx.store.nextOrder ?? 1);
  ctx.store.nextOrder = n + 1;
  const dish = pick(ctx, MENU);
  // Now and then a party order: a dozen of one dish, over the fraud service's amount threshold.
  const quantity = ctx.random() < 0.1 ? 12 : 1 + Math.floor(ctx.random() * 3);
  const order: Order = { id: `o-${String(n).padStart(3, '0')}`, customerName, item: dish.item, quantity, price: dish.price, status: 'created', createdAt: ctx.now };
  const orders = (ctx.store.orders ??= {}) as AppData;
  orders[order.id] = order as unknown as AppData;
  publish(ctx, 'created', order);
  ctx.log('ORDER_CREATED', `${customerName} ordered ${quantity} × ${dish.item} (${money(orderTotal(order))}): order ${order.id} goes to orders, audit and order-status.`, { orderId: order.id });
}

/** Customers placing orders through the REST API. */
function placeOrder(_record: HandledRecord | null, ctx: AppContext): void {
  createOrder(ctx, pick(ctx, CUSTOMERS));
}

/** Alice places six orders in half a minute: the fraud service's VELOCITY rule should fire. */
function aliceBurst(_record: HandledRecord | null, ctx: AppContext): void {
  const done = Number(ctx.store.aliceBurst ?? 0);
  if (ctx.now < ALICE_BURST_FROM_MS || done >= VELOCITY_LIMIT) return;
  ctx.store.aliceBurst = done + 1;
  createOrder(ctx, 'Alice');
}

/** The kitchen moves orders along (created → preparing → delivered); now and then a customer cancels (deleted). */
function kitchen(_record: HandledRecord | null, ctx: AppContext): void {
  const orders = (ctx.store.orders ?? {}) as unknown as Record<string, Order>;
  const open = Object.values(orders).filter((o) => o.status !== 'delivered');
  if (open.length === 0) return;
  const order = open[0]!;
  if (order.status === 'created' && ctx.random() < 0.2) {
    Reflect.deleteProperty(ctx.store.orders as AppData, order.id);
    publish(ctx, 'deleted', order);
    ctx.log('ORDER_DELETED', `${order.customerName} cancelled ${order.id}: a deleted event, and a tombstone (null value) on order-status.`, { orderId: order.id });
    return;
  }
  order.status = order.status === 'created' ? 'preparing' : 'delivered';
  publish(ctx, 'updated', order);
  ctx.log('ORDER_UPDATED', `Order ${order.id} is now ${order.status}: order-status gets a newer record for the same key.`, { orderId: order.id });
}

function retryCountOf(record: HandledRecord): number | null {
  const value = headerValue(record.headers, RETRY_HEADER);
  return value === null ? null : Number(value);
}

/** Notification: notify, or re-produce with retryCount + 1, or (at retryCount 2) dead-letter it. */
function notify(record: HandledRecord | null, ctx: AppContext): void {
  const event = jsonValue<OrderEvent>(record!.value);
  if (event === null) return;
  const retryCount = retryCountOf(record!) ?? 0;
  const orderId = event.order.id;
  const about = event.action === 'updated' ? `updated:${event.order.status}` : event.action;
  if (ctx.random() >= NOTIFICATION_FAILURE_RATE) {
    audit(ctx, { source: 'notification-service', action: 'NOTIFIED', orderId, instanceId: ctx.instance, retryCount, about });
    ctx.log('NOTIFIED', `notified ${event.order.customerName} about ${orderId} (${event.action})${retryCount > 0 ? ` on retry ${retryCount}` : ''}.`, { orderId });
    return;
  }
  if (retryCount >= MAX_RETRIES) {
    ctx.produce(TOPICS.dlq, orderId, JSON.stringify({ action: event.action, order: event.order, reason: 'Max retries exceeded', instanceId: ctx.instance, timestamp: ctx.now }), [{ key: RETRY_HEADER, value: String(retryCount) }]);
    audit(ctx, { source: 'notification-service', action: 'DLQ', orderId, instanceId: ctx.instance, retryCount, about });
    ctx.log('DLQ', `could not notify about ${orderId} with retryCount ${retryCount}: sent to orders-dlq.`, { orderId });
    return;
  }
  ctx.produce(TOPICS.orders, record!.key, record!.value, [{ key: RETRY_HEADER, value: String(retryCount + 1) }]);
  audit(ctx, { source: 'notification-service', action: 'RETRY', orderId, instanceId: ctx.instance, retryCount: retryCount + 1, about });
  ctx.log('RETRY', `failed to notify about ${orderId}: re-produced it to orders with retryCount ${retryCount + 1}.`, { orderId });
}

/** Analytics: counts each original order once (a record with retryCount is a copy) and revenue per dish. */
function analytics(record: HandledRecord | null, ctx: AppContext): void {
  if (retryCountOf(record!) !== null) return;
  const event = jsonValue<OrderEvent>(record!.value);
  if (event === null || event.action !== 'created') return;
  ctx.store.ordersCounted = Number(ctx.store.ordersCounted ?? 0) + 1;
  const revenue = (ctx.store.revenueByItem ??= {}) as Record<string, number>;
  revenue[event.order.item] = Math.round(((revenue[event.order.item] ?? 0) + orderTotal(event.order)) * 100) / 100;
  audit(ctx, { source: 'analytics-service', action: 'STATS_UPDATED', orderId: event.order.id });
}

interface WindowEntry {
  time: number;
  customer: string;
}

/** Fraud detection: a one-minute sliding window in memory, fed by the stream (no database polling). */
function fraud(record: HandledRecord | null, ctx: AppContext): void {
  if (retryCountOf(record!) !== null) return;
  const event = jsonValue<OrderEvent>(record!.value);
  if (event === null || event.action !== 'created') return;
  const order = event.order;
  // Event time (the record's timestamp), so a replay rebuilds the same window.
  const now = record!.timestamp;
  const window = ((ctx.memory.window as unknown as WindowEntry[] | undefined) ?? []).filter((e) => e.time > now - FRAUD_WINDOW_MS);
  window.push({ time: now, customer: order.customerName });
  ctx.memory.window = window as unknown as AppData[];
  const customerOrdersInWindow = window.filter((e) => e.customer === order.customerName).length;
  const globalOrdersInWindow = window.length;
  const alerts: FraudAlert[] = [];
  if (customerOrdersInWindow >= VELOCITY_LIMIT) alerts.push({ type: 'VELOCITY', reason: `${order.customerName} placed ${customerOrdersInWindow} orders in 1 minute`, severity: 'HIGH' });
  if (globalOrdersInWindow >= BURST_LIMIT) alerts.push({ type: 'BURST', reason: `${globalOrdersInWindow} orders in 1 minute globally`, severity: 'MEDIUM' });
  const total = orderTotal(order);
  if (total > AMOUNT_LIMIT) alerts.push({ type: 'AMOUNT', reason: `Order total ${money(total)} exceeds threshold`, severity: 'LOW' });
  audit(ctx, {
    source: 'fraud-service',
    action: alerts.length > 0 ? 'FRAUD_ALERT' : 'FRAUD_CHECK_PASSED',
    orderId: order.id,
    customerName: order.customerName,
    alerts,
    windowStats: { customerOrdersInWindow, globalOrdersInWindow },
  });
  if (alerts.length > 0) ctx.log('FRAUD_ALERT', `FRAUD_ALERT on ${order.id}: ${alerts.map((a) => `${a.type} (${a.reason})`).join('; ')}.`, { orderId: order.id });
}

/** Audit service: consumes the unified audit stream and logs it (here: counts it per action). */
function auditLog(record: HandledRecord | null, ctx: AppContext): void {
  const event = jsonValue<AuditEvent>(record!.value);
  if (event === null) return;
  const counts = (ctx.store.byAction ??= {}) as Record<string, number>;
  counts[event.action] = (counts[event.action] ?? 0) + 1;
}

/** The order service relays audit and orders-dlq to its SSE stream: the live feed panel. */
function relay(record: HandledRecord | null, ctx: AppContext): void {
  const isDlq = record!.topic === TOPICS.dlq;
  const feed = ((ctx.store.feed ??= []) as AppData[]);
  feed.push({ type: isDlq ? 'dlq' : 'audit', offset: `${record!.topic}-${record!.partition}@${record!.offset}`, data: record!.value, timestamp: ctx.now });
  if (feed.length > 40) feed.splice(0, feed.length - 40);
}

export const FOOD_ORDERING_HANDLERS: AppHandlers = { placeOrder, aliceBurst, kitchen, notify, analytics, fraud, auditLog, relay };
