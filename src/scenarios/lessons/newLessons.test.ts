/** Issue 19: the lessons for use cases 4/5/9 (one topic, many sinks) and 8 (windowed metrics) pay off. */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../engine';
import type { Scenario } from '../types';
import { lagOf, manySinks } from './manySinks';
import { summariesIn, windowedMetrics } from './windowedMetrics';

function start(scenario: Scenario): Simulation {
  const sim = createSimulation({ ...scenario.options, seed: scenario.seed, handlers: scenario.handlers!, traceLimit: 0 });
  scenario.setup(sim);
  return sim;
}

function click(sim: Simulation, scenario: Scenario, label: string): void {
  const commands = scenario.experiments!.find((x) => x.label === label)!.commands(sim.state);
  expect(commands.length, label).toBeGreaterThan(0);
  for (const c of commands) sim.execute(c);
}

describe('lesson: windowed order metrics', () => {
  it('publishes one summary per closed minute, counting every event once, and a backfill clicked at any moment publishes the same counts', () => {
    for (const at of [45_000, 130_000, 250_000]) {
      const sim = start(windowedMetrics);
      sim.runUntilTime(at);
      click(sim, windowedMetrics, 'Backfill the metrics from the log');
      sim.runUntilTime(at + 60_000);
      const live = summariesIn(sim.state, 'order-metrics');
      const backfill = summariesIn(sim.state, 'order-metrics-backfill');
      expect(live.size, `backfill at ${at}`).toBeGreaterThanOrEqual(Math.floor(at / 60_000));
      expect(backfill.size).toBeGreaterThanOrEqual(live.size - 1);
      for (const [start, b] of backfill) if (live.has(start)) expect(b, `window ${start} (backfill at ${at})`).toEqual(live.get(start));
      expect(windowedMetrics.checks![0]!.findings(sim.state)).toEqual([]);
      // Every event of a closed window is counted in it.
      const events = sim.state.topics.orders!.partitions.flatMap((p) => p.log.records);
      for (const [start, w] of live) {
        const inWindow = events.filter((r) => r.timestamp >= start && r.timestamp < start + 60_000).length;
        expect(w.placed + w.shipped).toBe(inWindow);
      }
      expect(sim.state.services['order-metrics']!.memory['order-metrics']!.late ?? 0).toBe(0);
    }
  });
});

describe('lesson: one topic, many sinks', () => {
  it('with Elasticsearch down only the indexer falls behind, and it catches up once it is back', () => {
    for (const at of [10_000, 60_000]) {
      const sim = start(manySinks);
      sim.runUntilTime(at);
      click(sim, manySinks, 'Take Elasticsearch down');
      sim.runUntilTime(at + 30_000);
      expect(lagOf(sim.state, 'indexer')).toBeGreaterThan(40);
      for (const other of ['alerts', 'dashboard', 'lake-writer']) expect(lagOf(sim.state, other), other).toBeLessThanOrEqual(3);
      expect(manySinks.checks![0]!.findings(sim.state)).toHaveLength(1);
      click(sim, manySinks, 'Take Elasticsearch down');
      for (const ticker of ['api-gateway', 'checkout', 'search']) sim.execute({ type: 'setTickerRunning', ticker: `logs-${ticker}`, isRunning: false });
      sim.runUntilTime(at + 90_000);
      expect(lagOf(sim.state, 'indexer')).toBe(0);
      const lines = sim.state.topics['service-logs']!.partitions.reduce((n, p) => n + p.log.records.length, 0);
      expect(sim.state.services.indexer!.store.indexed).toBe(lines);
    }
  });

  it('a new group reads the whole history while the others run on', () => {
    const sim = start(manySinks);
    sim.runUntilTime(60_000);
    const alertsBefore = Number(sim.state.services.alerts!.store.posted);
    click(sim, manySinks, 'Add an anomaly detector');
    for (const ticker of ['api-gateway', 'checkout', 'search']) sim.execute({ type: 'setTickerRunning', ticker: `logs-${ticker}`, isRunning: false });
    sim.runUntilTime(90_000);
    const lines = sim.state.topics['service-logs']!.partitions.reduce((n, p) => n + p.log.records.length, 0);
    expect(sim.state.services['anomaly-detector']!.store.read).toBe(lines);
    // Alerts did not see the history again: a new group has its own offsets.
    expect(Number(sim.state.services.alerts!.store.posted)).toBeGreaterThanOrEqual(alertsBefore);
    expect(Number(sim.state.services.alerts!.store.posted)).toBeLessThan(alertsBefore + 15);
    expect((sim.state.services['lake-writer']!.store.files as unknown[]).length).toBeGreaterThanOrEqual(1);
  });
});
