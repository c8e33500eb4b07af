/**
 * The waitroom services as handlers (seeds/waitroom.md). The waitroom service's state lives in Redis
 * (the service store, shared by its three instances); Kafka only tells the other services what happened.
 */
import type { AppContext, AppHandlers, HandledRecord } from '../../engine';
import { jsonValue } from '../shared/records';
import { CHECKOUT_SLOTS, EVENT_ID, REDIS, TOPICS, type QueueJoined, type Session, type SessionStatus, type WaitroomRedis } from './model';

/** The chance a queued user gives up on each join tick. */
const LEAVE_RATE = 0.08;

function redis(ctx: AppContext): WaitroomRedis {
  const s = ctx.store as unknown as Partial<WaitroomRedis>;
  s.sessions ??= {};
  s.queue ??= [];
  s.processing ??= {};
  s.nextUser ??= 1;
  s.doubleFrees ??= [];
  return s as WaitroomRedis;
}

/**
 * POST /api/v1/waitroom/join: save the session, add it to the queue (Redis), then tell Kafka. With Redis
 * down the user cannot join at all (the document: "Can't join queue (critical dependency)"); the instance
 * counts the failures in its own memory, since its store is Redis.
 */
function join(_record: HandledRecord | null, ctx: AppContext): void {
  if (!ctx.isUp(REDIS)) {
    const failed = Number(ctx.memory.joinsFailed ?? 0) + 1;
    ctx.memory.joinsFailed = failed;
    ctx.log('JOIN_FAILED', `A user could not join: ${ctx.instance} cannot reach Redis, where the queue lives (error 503). Nothing goes to Kafka either.`);
    return;
  }
  const r = redis(ctx);
  const n = r.nextUser++;
  const session: Session = { id: `s-${String(n).padStart(3, '0')}`, user_id: `user-${n}`, status: 'queued', joined_at: ctx.now, admitted_at: -1 };
  r.sessions[session.id] = session;
  r.queue.push(session.id);
  const event: QueueJoined = { session_id: session.id, user_id: session.user_id, event_id: EVENT_ID, position: r.queue.length, joined_at: ctx.now };
  // Keyed by event id, as the document's producer does: every join of this event hashes to one partition.
  ctx.produce(TOPICS.joined, EVENT_ID, JSON.stringify(event));
  ctx.log('QUEUE_JOINED', `${session.user_id} joined the queue at position ${event.position} (${ctx.instance} wrote Redis, then produced QUEUE_JOINED).`, { session: session.id });
  // Now and then someone already waiting gives up.
  if (r.queue.length > 2 && ctx.random() < LEAVE_RATE) {
    const leaving = r.queue.splice(Math.floor(ctx.random() * (r.queue.length - 1)), 1)[0]!;
    r.sessions[leaving]!.status = 'left';
    ctx.produce(TOPICS.left, leaving, JSON.stringify({ session_id: leaving, user_id: r.sessions[leaving]!.user_id, event_id: EVENT_ID, left_at: ctx.now }));
    ctx.log('QUEUE_LEFT', `${r.sessions[leaving]!.user_id} left the queue.`, { session: leaving });
  }
}

/** The queue processor: while a checkout slot is free, admit the next user (ZPOPMIN) and produce QUEUE_READY. */
function admitWhileFree(ctx: AppContext): void {
  const r = redis(ctx);
  while (Object.keys(r.processing).length < CHECKOUT_SLOTS && r.queue.length > 0) {
    const id = r.queue.shift()!;
    const session = r.sessions[id]!;
    session.status = 'ready';
    session.admitted_at = ctx.now;
    r.processing[id] = ctx.now;
    ctx.produce(TOPICS.ready, id, JSON.stringify({ session_id: id, user_id: session.user_id, event_id: EVENT_ID, admitted_at: ctx.now }));
    ctx.log('QUEUE_READY', `${session.user_id} is admitted to checkout after ${((ctx.now - session.joined_at) / 1000).toFixed(1)} s in the queue.`, { session: id });
  }
}

function queueProcessor(_record: HandledRecord | null, ctx: AppContext): void {
  // The queue is in Redis: with Redis down nobody is admitted.
  if (ctx.isUp(REDIS)) admitWhileFree(ctx);
}

const RESULT_OF_TOPIC: Record<string, SessionStatus> = { [TOPICS.completed]: 'completed', [TOPICS.failed]: 'failed', [TOPICS.expired]: 'expired' };

/** CheckoutEventHandler: update the session, remove it from the processing set (the slot frees), admit the next. */
function checkoutResult(record: HandledRecord | null, ctx: AppContext): void {
  const r = redis(ctx);
  const id = record!.key!;
  const session = r.sessions[id];
  const status = RESULT_OF_TOPIC[record!.topic]!;
  if (session === undefined) return;
  if (r.processing[id] === undefined) {
    r.doubleFrees.push(id);
    ctx.log('SLOT_FREED_TWICE', `${record!.topic} for ${session.user_id} arrived again: its slot was already freed (a redelivery after a rebalance).`, { session: id });
    return;
  }
  Reflect.deleteProperty(r.processing, id);
  session.status = status;
  ctx.log('SLOT_FREED', `${session.user_id}'s checkout ${status}: its slot frees.`, { session: id });
  admitWhileFree(ctx);
}

/** The checkout service: the user pays (or fails, or times out) and it publishes the result, keyed by session. */
function checkout(record: HandledRecord | null, ctx: AppContext): void {
  const ready = jsonValue<{ session_id: string; user_id: string }>(record!.value);
  if (ready === null) return;
  const roll = ctx.random();
  const topic = roll < 0.7 ? TOPICS.completed : roll < 0.9 ? TOPICS.failed : TOPICS.expired;
  ctx.produce(topic, ready.session_id, JSON.stringify({ session_id: ready.session_id, user_id: ready.user_id, event_id: EVENT_ID, at: ctx.now }));
  ctx.log(topic, `${ready.user_id}'s checkout: ${topic}.`, { session: ready.session_id });
}

/** Consumers of QUEUE_JOINED (analytics, notification, dashboard): each keeps its own count and last user. */
function countJoin(record: HandledRecord | null, ctx: AppContext): void {
  const joined = jsonValue<QueueJoined>(record!.value);
  if (joined === null) return;
  ctx.store.count = Number(ctx.store.count ?? 0) + 1;
  ctx.store.last = joined.user_id;
  ctx.store.lastAt = ctx.now;
}

export const WAITROOM_HANDLERS: AppHandlers = {
  join,
  queueProcessor,
  checkoutResult,
  checkout,
  countJoin,
};
