/**
 * The food-ordering domain (seeds/food-ordering.md): orders, the events on `orders`, `audit`,
 * `orders-dlq` and the compacted `order-status`, with the document's field names.
 */

export const TOPICS = { orders: 'orders', audit: 'audit', dlq: 'orders-dlq', status: 'order-status' } as const;

/** Notification retries: a failed message is re-produced with retryCount n+1; at retryCount 2 it goes to the DLQ. */
export const MAX_RETRIES = 2;
export const RETRY_HEADER = 'retryCount';

/** Fraud thresholds over a one-minute sliding window, as the document's alert reasons give them. */
export const FRAUD_WINDOW_MS = 60_000;
export const VELOCITY_LIMIT = 6;
export const BURST_LIMIT = 25;
/** Our number: the document names the AMOUNT alert but not its threshold. */
export const AMOUNT_LIMIT = 100;
/** The service name of the fraud replay ("REPLAY=true fraud-service"): its verdicts are marked `replay`. */
export const FRAUD_REPLAY_SERVICE = 'fraud-replay';

/** Customers take turns ordering (Alice also has a burst of her own, see handlers.ts). */
export const CUSTOMERS = ['Bob', 'Carol', 'Dan', 'Erin', 'Frank', 'Alice'];
/**
 * A new customer who orders once, early, with an e-mail address that bounces: the provider rejects every
 * notification to her, so each event of her order fails three times and lands in orders-dlq. Every run
 * has a dead letter within its first minute, whatever the seed.
 */
export const BOUNCING_CUSTOMER = 'Grace';
export const BOUNCING_ORDER_AT_MS = 10_000;
export const MENU: { item: string; price: number }[] = [
  { item: 'Pizza', price: 12.99 },
  { item: 'Sushi', price: 15.5 },
  { item: 'Burger', price: 9.75 },
  { item: 'Pad Thai', price: 11.25 },
  { item: 'Salad', price: 8.4 },
];

export type OrderStatus = 'created' | 'preparing' | 'delivered';

export interface Order {
  id: string;
  customerName: string;
  item: string;
  quantity: number;
  price: number;
  status: OrderStatus;
  createdAt: number;
}

/** The `orders` event: { action, order, timestamp }. */
export interface OrderEvent {
  action: 'created' | 'updated' | 'deleted';
  order: Order;
  timestamp: number;
}

export type AuditAction = 'created' | 'updated' | 'deleted' | 'NOTIFIED' | 'RETRY' | 'DLQ' | 'STATS_UPDATED' | 'FRAUD_ALERT' | 'FRAUD_CHECK_PASSED';

export interface FraudAlert {
  type: 'VELOCITY' | 'BURST' | 'AMOUNT';
  reason: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW';
}

/** An `audit` event; the fields present depend on the source, as in the document. */
export interface AuditEvent {
  source: 'order-service' | 'notification-service' | 'analytics-service' | 'fraud-service';
  action: AuditAction;
  orderId: string;
  instanceId?: string;
  retryCount?: number;
  /** Notification only: which order event it was about ("created", "updated:preparing", "deleted"). */
  about?: string;
  customerName?: string;
  alerts?: FraudAlert[];
  windowStats?: { customerOrdersInWindow: number; globalOrdersInWindow: number };
  /** Order service only: the order as it now stands (the document's `order` field). */
  order?: Order;
  /** Fraud only: a verdict written by a replay rebuilding its window, not a new check of a live order. */
  replay?: boolean;
  timestamp: number;
}

export function orderTotal(order: Pick<Order, 'quantity' | 'price'>): number {
  return Math.round(order.quantity * order.price * 100) / 100;
}

export function money(amount: number): string {
  return `$${amount.toFixed(2)}`;
}
