import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, type AppHandlers } from '../index';
import { entriesOf } from '../testing/entriesOf';
import { expectCode } from '../testing/expectCode';

/** A tiny two-service app: a ticker places orders, a consumer counts them in memory and in its store. */
const handlers: AppHandlers = {
  placeOrder: (_record, ctx) => {
    const n = Number(ctx.store.placed ?? 0) + 1;
    ctx.store.placed = n;
    ctx.produce('orders', `customer-${Math.floor(ctx.random() * 3)}`, `order-${n}`, [{ key: 'source', value: 'web' }]);
  },
  countOrder: (record, ctx) => {
    ctx.memory.seen = Number(ctx.memory.seen ?? 0) + 1;
    ctx.store.total = Number(ctx.store.total ?? 0) + 1;
    ctx.log('COUNTED', `counted ${record!.value}`, { seen: ctx.memory.seen });
    if (record!.value === 'order-3') throw new Error('bad order');
  },
};

function app(seed = 5) {
  const sim = createSimulation({ seed, handlers, traceLimit: 100_000 });
  sim.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 });
  sim.createProducer({ clientId: 'order-service' });
  sim.execute({ type: 'addTicker', id: 'customers', service: 'orders', instance: 'order-service', handler: 'placeOrder', intervalMs: 1_000, producer: 'order-service' });
  sim.createConsumer({ clientId: 'counter-1', config: { 'group.id': 'counter', 'auto.offset.reset': 'earliest' } });
  sim.subscribe('counter-1', ['orders']);
  sim.execute({ type: 'startConsumerLoop', consumer: 'counter-1', processingMsPerRecord: 10, commitMode: 'after-processing', app: { service: 'counter', handler: 'countOrder' } });
  return sim;
}

describe('scenario services', () => {
  it('a ticker runs its handler every interval and produces through its producer', () => {
    const sim = app();
    sim.runUntilTime(5_500);
    expect(sim.state.tickers.customers!.tickCount).toBe(5);
    expect(sim.state.services.orders!.store.placed).toBe(5);
    const appended = entriesOf(sim, 'recordAppended');
    expect(appended.map((e) => e.value)).toEqual(['order-1', 'order-2', 'order-3', 'order-4', 'order-5']);
    expect(sim.state.topics.orders!.partitions[0]!.log.records[0]!.headers).toEqual([{ key: 'source', value: 'web' }]);
  });

  it('a loop runs its handler on each processed record; a throwing handler is traced and the loop goes on', () => {
    const sim = app();
    sim.runUntilTime(8_000);
    const logged = entriesOf(sim, 'appEvent');
    expect(logged.length).toBeGreaterThanOrEqual(5);
    expect(logged[0]).toMatchObject({ service: 'counter', instance: 'counter-1', event: 'COUNTED', source: { topic: 'orders', partition: 0, offset: 0 } });
    expect(entriesOf(sim, 'appHandlerFailed')).toEqual([expect.objectContaining({ instance: 'counter-1', handler: 'countOrder', message: 'bad order' })]);
    expect(sim.state.services.counter!.memory['counter-1']!.seen).toBe(logged.length);
  });

  it('a crash loses the instance memory but not the service store', () => {
    const sim = app();
    sim.runUntilTime(4_000);
    const total = sim.state.services.counter!.store.total;
    expect(total).toBeGreaterThan(0);
    sim.crashConsumer('counter-1');
    expect(sim.state.services.counter!.memory['counter-1']).toEqual({});
    expect(sim.state.services.counter!.store.total).toBe(total);
  });

  it("a ticker belongs to its instance's process: it stops on a crash and starts again on restart", () => {
    const sim = app();
    sim.createConsumer({ clientId: 'order-service' });
    sim.runUntilTime(2_500);
    sim.crashConsumer('order-service');
    sim.runUntilTime(6_500);
    expect(sim.state.tickers.customers!.tickCount).toBe(2);
    sim.execute({ type: 'restartConsumer', consumer: 'order-service' });
    sim.runUntilTime(8_600);
    expect(sim.state.tickers.customers!.tickCount).toBe(4);
  });

  it('replays exactly from a snapshot when given the same handlers', () => {
    const a = app(9);
    a.runUntilTime(3_000);
    const b = restoreSimulation(a.snapshot(), { handlers });
    a.runUntilTime(9_000);
    b.runUntilTime(9_000);
    expect(b.hash()).toBe(a.hash());
  });

  it('refuses an unknown handler by name', () => {
    const sim = createSimulation({ seed: 1, handlers });
    expectCode(() => sim.execute({ type: 'addTicker', id: 't', service: 's', instance: 'i', handler: 'nope', intervalMs: 10 }), 'SIM_INVALID_ARGUMENT');
  });
});
