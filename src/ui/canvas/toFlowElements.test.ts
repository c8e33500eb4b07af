import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type TraceEntry } from '../../engine';
import { whyKafka } from '../../scenarios/lessons/whyKafka';
import { waitroom } from '../../scenarios/waitroom/waitroom';
import type { CallFlowEdge, RecordFlowEdge, ServiceFlowNode, SimFlowEdge, SimFlowNode } from './flowTypes';
import { toFlowElements } from './toFlowElements';

function start(): Simulation {
  const sim = createSimulation({ seed: whyKafka.seed, handlers: whyKafka.handlers!, traceLimit: 0 });
  whyKafka.setup(sim);
  return sim;
}

/** Runs to `timeMs` and returns the texts of the order service's ORDER_REJECTED events on the way. */
function runTo(sim: Simulation, timeMs: number): string[] {
  const entries: TraceEntry[] = [];
  while (sim.time < timeMs && !sim.isIdle) entries.push(...sim.step());
  return entries.flatMap((e) => (e.kind === 'appEvent' && e.event === 'ORDER_REJECTED' ? [e.text] : []));
}

function elements(sim: Simulation) {
  return toFlowElements(sim.state, null, 'horizontal', null, whyKafka.http ?? null);
}

function service(nodes: SimFlowNode[], clientId: string): ServiceFlowNode {
  const node = nodes.find((n) => n.id === `consumer:${clientId}`);
  if (node?.type !== 'service') throw new Error(`consumer:${clientId} is not a service node`);
  return node;
}

function outcomes(edges: SimFlowEdge[]): Record<string, string> {
  const calls = edges.filter((e): e is CallFlowEdge => e.type === 'call');
  return Object.fromEntries(calls.map((e) => [e.target, e.data!.outcome]));
}

describe('toFlowElements: a scenario’s HTTP services and calls (lesson "why Kafka")', () => {
  it('draws the REST services as service cards, not consumers, under their consumer ids', () => {
    const sim = start();
    runTo(sim, 5_000);
    const { nodes } = elements(sim);
    for (const id of ['order-service-rest', 'fraud-rest', 'notification-rest']) {
      const node = service(nodes, id);
      expect(node.ariaLabel).toBe(`service ${id}`);
      expect(node.data.status).toBe('up');
      expect(node.data.experiments.map((x) => x.label)).toEqual(['Crash']);
    }
    // The Kafka side stays Kafka.
    expect(nodes.find((n) => n.id === 'consumer:notification')?.type).toBe('consumer');
    expect(service(nodes, 'order-service-rest').data.counts).toEqual({ answered: 5, failed: 0 });
    expect(service(nodes, 'fraud-rest').data).toMatchObject({ counts: null, serves: ['POST /check'], calls: [] });
    expect(service(nodes, 'order-service-rest').data.calls).toEqual(['fraud-rest', 'notification-rest']);
  });

  it('draws each call as a call edge with what a call gets: nothing before the first order, then 200 OK', () => {
    const sim = start();
    const before = elements(sim).edges.filter((e) => e.type === 'call');
    expect(before.map((e) => [e.source, e.target, e.data!.label])).toEqual([
      ['consumer:order-service-rest', 'consumer:fraud-rest', 'POST /check'],
      ['consumer:order-service-rest', 'consumer:notification-rest', 'POST /notify'],
    ]);
    expect(outcomes(before)).toEqual({ 'consumer:fraud-rest': 'not-yet', 'consumer:notification-rest': 'not-yet' });
    runTo(sim, 3_000);
    expect(outcomes(elements(sim).edges)).toEqual({ 'consumer:fraud-rest': 'ok', 'consumer:notification-rest': 'ok' });
  });

  it('with notification-rest down its call times out and orders fail, as syncOrder decides; fraud-rest still answers', () => {
    const sim = start();
    runTo(sim, 5_000);
    sim.execute({ type: 'crashConsumer', consumer: 'notification-rest' });
    expect(outcomes(elements(sim).edges)).toEqual({ 'consumer:fraud-rest': 'ok', 'consumer:notification-rest': 'timeout' });
    // Orders 6, 7 and 8: 6 is paid with a stolen card and refused by fraud-rest first; 7 and 8 fail.
    const rejected = runTo(sim, 8_000);
    expect(rejected).toHaveLength(2);
    for (const text of rejected) expect(text).toContain('POST to notification-rest timed out');
    const { nodes } = elements(sim);
    expect(service(nodes, 'notification-rest').data.status).toBe('crashed');
    expect(service(nodes, 'notification-rest').data.experiments.map((x) => x.label)).toEqual(['Start again']);
    expect(service(nodes, 'order-service-rest').data).toMatchObject({ status: 'up', counts: { answered: 5, failed: 2 } });
  });

  it('with fraud-rest down the first call times out and the second is not made', () => {
    const sim = start();
    runTo(sim, 5_000);
    sim.execute({ type: 'crashConsumer', consumer: 'fraud-rest' });
    expect(outcomes(elements(sim).edges)).toEqual({ 'consumer:fraud-rest': 'timeout', 'consumer:notification-rest': 'not-called' });
    for (const text of runTo(sim, 7_000)) expect(text).toContain('POST to fraud-rest timed out');
  });

  it('with the order service down no calls are made; started again, they answer again', () => {
    const sim = start();
    runTo(sim, 5_000);
    sim.execute({ type: 'crashConsumer', consumer: 'order-service-rest' });
    expect(outcomes(elements(sim).edges)).toEqual({ 'consumer:fraud-rest': 'caller-down', 'consumer:notification-rest': 'caller-down' });
    runTo(sim, 8_000);
    expect(service(elements(sim).nodes, 'order-service-rest').data.counts).toEqual({ answered: 5, failed: 0 });
    sim.execute({ type: 'restartConsumer', consumer: 'order-service-rest' });
    runTo(sim, 10_000);
    expect(outcomes(elements(sim).edges)).toEqual({ 'consumer:fraud-rest': 'ok', 'consumer:notification-rest': 'ok' });
  });

  it('without an http declaration the same consumers are drawn as consumers, with no calls', () => {
    const sim = start();
    runTo(sim, 3_000);
    const { nodes, edges } = toFlowElements(sim.state, null, 'horizontal', null, null);
    expect(nodes.filter((n) => n.type === 'service')).toEqual([]);
    expect(edges.filter((e) => e.type === 'call')).toEqual([]);
  });
});

describe('toFlowElements: record edges (the waitroom, three instances per group)', () => {
  it('names every edge in words and writes one label per group and topic', () => {
    const sim = createSimulation({ seed: waitroom.seed, handlers: waitroom.handlers!, traceLimit: 0 });
    waitroom.setup(sim);
    while (sim.time < 20_000 && !sim.isIdle) sim.step();
    const edges = toFlowElements(sim.state, null).edges.filter((e): e is RecordFlowEdge => e.type === 'record');
    const fetches = edges.filter((e) => e.source.startsWith('topic:'));
    expect(fetches.length).toBeGreaterThan(new Set(fetches.map((e) => e.data!.bundle)).size);
    for (const e of edges) expect(e.ariaLabel).toMatch(/^\S+( \(group \S+\))? (fetches from|produces to) \S+/);
    const instance = fetches.find((e) => e.target === 'consumer:waitroom-2')!;
    expect(instance.ariaLabel).toMatch(/^waitroom-2 \(group \S+\) fetches from \S+$/);
    // Per bundle, exactly one edge carries the words.
    for (const bundle of new Set(edges.map((e) => e.data!.bundle))) {
      expect(edges.filter((e) => e.data!.bundle === bundle && e.data!.label !== '')).toHaveLength(1);
    }
  });
});
