/**
 * The food-ordering services as handlers (seeds/food-ordering.md "Event Flow"). Each runs inside a
 * simulated client process: its store is the service's database, its memory dies with the process.
 */
import type { AppContext, AppData, AppHandlers, HandledRecord } from '../../engine';
import { noteEventTime, watermark } from '../shared/eventTime';
import { headerValue, jsonValue } from '../shared/records';
import {
  AMOUNT_LIMIT,
  BOUNCING_CUSTOMER,
  BOUNCING_ORDER_AT_MS,
  BURST_LIMIT,
  CUSTOMERS,
  FRAUD_WINDOW_MS,
  MAX_RETRIES,
  MENU,
  money,
  orderTotal,
  RETRY_HEADER,
  FRAUD_REPLAY_SERVICE,
  TOPICS,
  VELOCITY_LIMIT,
  type AuditEvent,
  type FraudAlert,
  type Order,
  type OrderEvent,
} from './model';

/** The share of sends the notification provider turns down (besides every send to a bouncing address). */
export const NOTIFICATION_FAILURE_RATE = 0.3;

/**
 * Whether the provider turns this send down. Decided by the message (order, event, attempt), not by the
 * instance's random numbers: a record processed again after a crash meets the same answer as the first
 * time, so a notification that went out before the crash goes out again (at-least-once, seen whole).
 */
export function providerRejects(order: Pick<Order, 'id' | 'customerName'>, about: string, retryCount: number): boolean {
  if (order.customerName === BOUNCING_CUSTOMER) return true;
  // FNV-1a over the attempt's identity, then murmur3's finalizer (attempts differing in one character must
  // not share an answer), as a fraction of 2^32.
  let h = 0x811c9dc5;
  for (const c of `${order.id}/${about}/${retryCount}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32 < NOTIFICATION_FAILURE_RATE;
}
/** Alice's burst: six orders five seconds apart from this time, enough for a VELOCITY alert. */
export const ALICE_BURST_FROM_MS = 40_000;

function pick<T>(ctx: AppContext, list: readonly T[]): T {
  return list[Math.floor(ctx.random() * list.length)]!;
}

function audit(ctx: AppContext, event: Omit<AuditEvent, 'timestamp'>): void {
  ctx.produce(TOPICS.audit, event.orderId, JSON.stringify({ ...event, timestamp: ctx.now }));
}

/**
 * The order service writes its own state, then publishes: orders, audit and the compacted order-status,
 * and broadcasts an SSE `order` event to the browsers on its live feed.
 */
function publish(ctx: AppContext, action: OrderEvent['action'], order: Order): void {
  const event: OrderEvent = { action, order, timestamp: ctx.now };
  // Keyed by order id: every event of one order lands on one partition, in order.
  ctx.produce(TOPICS.orders, order.id, JSON.stringify(event));
  audit(ctx, { source: 'order-service', action, orderId: order.id, order });
  pushToFeed(ctx, { type: 'order', offset: '', data: JSON.stringify(event), timestamp: ctx.now });
  // A tombstone (null value) on delete: compaction removes the order from order-status altogether.
  ctx.produce(TOPICS.status, order.id, action === 'deleted' ? null : JSON.stringify({ id: order.id, customerName: order.customerName, item: order.item, status: order.status, updatedAt: ctx.now }));
}

function createOrder(ctx: AppContext, customerName: string): void {
  const n = Number(ctx.store.nextOrder ?? 1);
  ctx.store.nextOrder = n + 1;
  const dish = pick(ctx, MENU);
  // Now and then a party order: a dozen of one dish, over the fraud service's amount threshold.
  const quantity = ctx.random() < 0.1 ? 12 : 1 + Math.floor(ctx.random() * 3);
  const order: Order = { id: orderId(n), customerName, item: dish.item, quantity, price: dish.price, status: 'created', createdAt: ctx.now };
  const orders = (ctx.store.orders ??= {}) as AppData;
  orders[order.id] = order as unknown as AppData;
  publish(ctx, 'created', order);
  ctx.log('ORDER_CREATED', `${customerName} ordered ${quantity} × ${dish.item} (${money(orderTotal(order))}): order ${order.id} goes to orders, audit and order-status.`, { orderId: order.id });
}

/** Customers placing orders through the REST API, taking turns; Grace, new, orders once (her address bounces). */
function placeOrder(_record: HandledRecord | null, ctx: AppContext): void {
  if (ctx.now >= BOUNCING_ORDER_AT_MS && ctx.store.graceOrdered !== true) {
    ctx.store.graceOrdered = true;
    createOrder(ctx, BOUNCING_CUSTOMER);
    return;
  }
  const turn = Number(ctx.store.customerTurn ?? 0);
  ctx.store.customerTurn = turn + 1;
  createOrder(ctx, CUSTOMERS[turn % CUSTOMERS.length]!);
}

/** Alice places six orders in half a minute: the fraud service's VELOCITY rule should fire. */
function aliceBurst(_record: HandledRecord | null, ctx: AppContext): void {
  const done = Number(ctx.store.aliceBurst ?? 0);
  if (ctx.now < ALICE_BURST_FROM_MS || done >= VELOCITY_LIMIT) return;
  ctx.store.aliceBurst = done + 1;
  createOrder(ctx, 'Alice');
}

const orderId = (n: number) => `o-${String(n).padStart(3, '0')}`;

/**
 * Per orders object, a number below which no order is open any more. Orders are numbered in the order
 * they are placed (createOrder), and one delivered or cancelled never opens again, so the kitchen's next
 * order is found from there instead of from the first order of the run (a scan of every order, each
 * kitchen tick, was a sixth of replaying a link 100,000 steps in). A copy of the state (a checkpoint
 * restored) is another object and starts from 1 again, so the answer never depends on this cache.
 */
const noneOpenBelow = new WeakMap<object, number>();

/** The oldest order not yet delivered (the first in the order they were placed), if any. */
function oldestOpenOrder(orders: Record<string, Order>, nextOrder: number): Order | undefined {
  let n = noneOpenBelow.get(orders) ?? 1;
  let found: Order | undefined;
  for (; n < nextOrder && found === undefined; n++) {
    const order = Object.hasOwn(orders, orderId(n)) ? orders[orderId(n)] : undefined;
    if (order !== undefined && order.status !== 'delivered') found = order;
  }
  noneOpenBelow.set(orders, found === undefined ? n : n - 1);
  return found;
}

/** The kitchen moves orders along (created → preparing → delivered); now and then a customer cancels (deleted). */
function kitchen(_record: HandledRecord | null, ctx: AppContext): void {
  const orders = (ctx.store.orders ?? {}) as unknown as Record<string, Order>;
  const order = oldestOpenOrder(orders, Number(ctx.store.nextOrder ?? 1));
  if (order === undefined) return;
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
  if (!providerRejects(event.order, about, retryCount)) {
    audit(ctx, { source: 'notification-service', action: 'NOTIFIED', orderId, instanceId: ctx.instance, retryCount, about });
    ctx.log('NOTIFIED', `notified ${event.order.customerName} about ${orderId} (${event.action})${retryCount > 0 ? ` on retry ${retryCount}` : ''}.`, { orderId });
    return;
  }
  if (retryCount >= MAX_RETRIES) {
    ctx.produce(TOPICS.dlq, orderId, JSON.stringify({ action: event.action, order: event.order, reason: 'Max retries exceeded', instanceId: ctx.instance, timestamp: ctx.now }), [
      { key: RETRY_HEADER, value: String(retryCount) },
    ]);
    audit(ctx, { source: 'notification-service', action: 'DLQ', orderId, instanceId: ctx.instance, retryCount, about });
    ctx.log('DLQ', `could not notify about ${orderId} with retryCount ${retryCount}: sent to orders-dlq.`, { orderId });
    return;
  }
  ctx.produce(TOPICS.orders, record!.key, record!.value, [{ key: RETRY_HEADER, value: String(retryCount + 1) }]);
  audit(ctx, { source: 'notification-service', action: 'RETRY', orderId, instanceId: ctx.instance, retryCount: retryCount + 1, about });
  ctx.log('RETRY', `failed to notify about ${orderId}: re-produced it to orders with retryCount ${retryCount + 1}.`, { orderId });
}

/**
 * Analytics: counts each original order once (a record with retryCount is a copy) and revenue per dish,
 * in memory as the document has it. The stats die with the instance; it commits no offsets, so when it
 * starts again it reads orders from the beginning (auto.offset.reset=earliest) and rebuilds them.
 */
function analytics(record: HandledRecord | null, ctx: AppContext): void {
  if (retryCountOf(record!) !== null) return;
  const event = jsonValue<OrderEvent>(record!.value);
  if (event === null || event.action !== 'created') return;
  ctx.memory.ordersCounted = Number(ctx.memory.ordersCounted ?? 0) + 1;
  const revenue = (ctx.memory.revenueByItem ??= {}) as Record<string, number>;
  revenue[event.order.item] = Math.round(((revenue[event.order.item] ?? 0) + orderTotal(event.order)) * 100) / 100;
  audit(ctx, { source: 'analytics-service', action: 'STATS_UPDATED', orderId: event.order.id });
}

interface WindowEntry {
  time: number;
  customer: string;
}

/** An order waiting to be judged in event-time order. */
interface Buffered {
  partition: number;
  offset: number;
  time: number;
  order: Order;
}

/**
 * How long a buffered order may wait for a quiet partition before it is judged anyway (Kafka Streams'
 * max.task.idle.ms). Records are stamped when produced and appended within milliseconds, so nothing
 * older can arrive after this long.
 */
export const FRAUD_MAX_IDLE_MS = 30_000;
/** The partitions of orders the service merges (the topic's count at setup). */
export const ORDERS_PARTITIONS = 3;

const byEventTime = (a: Buffered, b: Buffered) => a.time - b.time || a.partition - b.partition || a.offset - b.offset;

/**
 * Fraud detection: a one-minute sliding window over event time, kept in memory and fed by the stream
 * (no database polling). The three partitions are merged in timestamp order, as Kafka Streams merges a
 * task's partitions: an order is judged once every partition has shown a later order (or after
 * FRAUD_MAX_IDLE_MS), so every order before it is in the window. The live service and a replay that
 * reads one partition after another from the beginning therefore build the same window and reach the
 * same verdicts. A replay writes its verdicts to audit marked `replay`.
 */
function fraud(record: HandledRecord | null, ctx: AppContext): void {
  // Retry copies come from the notification service: not new orders, and stamped at their re-send.
  if (retryCountOf(record!) !== null) return;
  const event = jsonValue<OrderEvent>(record!.value);
  if (event === null) return;
  noteEventTime(ctx.memory, record!.partition, record!.timestamp);
  const buffered = (ctx.memory.buffered ??= []) as unknown as (Buffered & { arrivedAt: number })[];
  if (event.action === 'created') buffered.push({ partition: record!.partition, offset: record!.offset, time: record!.timestamp, order: event.order, arrivedAt: ctx.now });
  // Every order stamped before the slowest partition's newest one has arrived.
  judgeReady(ctx, watermark(ctx.memory, ORDERS_PARTITIONS));
}

/**
 * The service's punctuator (a ticker in the same process): orders that have waited FRAUD_MAX_IDLE_MS for
 * a quiet partition are judged even when no record comes to move things on.
 */
function fraudPunctuate(_record: HandledRecord | null, ctx: AppContext): void {
  judgeReady(ctx, Number.NEGATIVE_INFINITY);
}

/** Judges, oldest event first, the buffered orders before `watermark` or that waited long enough. */
function judgeReady(ctx: AppContext, watermark: number): void {
  const buffered = (ctx.memory.buffered ??= []) as unknown as (Buffered & { arrivedAt: number })[];
  buffered.sort(byEventTime);
  while (buffered.length > 0 && (buffered[0]!.time < watermark || buffered[0]!.arrivedAt <= ctx.now - FRAUD_MAX_IDLE_MS)) judge(buffered.shift()!, ctx);
}

function judge({ time, order }: Buffered, ctx: AppContext): void {
  // Judged in event-time order, so the newest event time seen is this order's: evict what is a minute older.
  const window = ((ctx.memory.window as unknown as WindowEntry[] | undefined) ?? []).filter((e) => e.time > time - FRAUD_WINDOW_MS);
  window.push({ time, customer: order.customerName });
  ctx.memory.window = window as unknown as AppData[];
  const customerOrdersInWindow = window.filter((e) => e.customer === order.customerName).length;
  const globalOrdersInWindow = window.length;
  const alerts: FraudAlert[] = [];
  if (customerOrdersInWindow >= VELOCITY_LIMIT) alerts.push({ type: 'VELOCITY', reason: `${order.customerName} placed ${customerOrdersInWindow} orders in 1 minute`, severity: 'HIGH' });
  if (globalOrdersInWindow >= BURST_LIMIT) alerts.push({ type: 'BURST', reason: `${globalOrdersInWindow} orders in 1 minute globally`, severity: 'MEDIUM' });
  const total = orderTotal(order);
  if (total > AMOUNT_LIMIT) alerts.push({ type: 'AMOUNT', reason: `Order total ${money(total)} exceeds threshold`, severity: 'LOW' });
  const isReplay = ctx.service === FRAUD_REPLAY_SERVICE;
  audit(ctx, {
    source: 'fraud-service',
    action: alerts.length > 0 ? 'FRAUD_ALERT' : 'FRAUD_CHECK_PASSED',
    orderId: order.id,
    customerName: order.customerName,
    alerts,
    windowStats: { customerOrdersInWindow, globalOrdersInWindow },
    ...(isReplay ? { replay: true, instanceId: ctx.instance } : {}),
  });
  if (alerts.length > 0) ctx.log('FRAUD_ALERT', `${isReplay ? 'replayed ' : ''}FRAUD_ALERT on ${order.id}: ${alerts.map((a) => `${a.type} (${a.reason})`).join('; ')}.`, { orderId: order.id });
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
  pushToFeed(ctx, { type: isDlq ? 'dlq' : 'audit', offset: `${record!.topic}-${record!.partition}@${record!.offset}`, data: record!.value, timestamp: ctx.now });
}

/** The SSE stream's recent messages ({ type: order | audit | dlq, data, timestamp }), kept in the order service's store. */
function pushToFeed(ctx: AppContext, message: AppData): void {
  const feed = (ctx.store.feed ??= []) as AppData[];
  feed.push(message);
  if (feed.length > 40) feed.splice(0, feed.length - 40);
}

export const FOOD_ORDERING_HANDLERS: AppHandlers = { placeOrder, fraudPunctuate, aliceBurst, kitchen, notify, analytics, fraud, auditLog, relay };
