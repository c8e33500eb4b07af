import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from '../../engine';
import { topicRecords } from '../shared/records';
import type { Scenario } from '../types';
import { compactedProfiles } from './compactedProfiles';
import { exactlyOnce } from './exactlyOnce';
import { IDLE_MEMBERS, idleMembers } from './idleMembers';
import { keysAndOrder } from './keysAndOrder';
import { replay } from './replay';
import { whyKafka } from './whyKafka';

function start(scenario: Scenario): Simulation {
  const sim = createSimulation({ ...scenario.options, seed: scenario.seed, ...(scenario.handlers === undefined ? {} : { handlers: scenario.handlers }), traceLimit: 0 });
  scenario.setup(sim);
  return sim;
}

function runExperiment(sim: Simulation, scenario: Scenario, index = 0): void {
  const commands: Command[] = scenario.experiments![index]!.commands(sim.state);
  expect(commands.length).toBeGreaterThan(0);
  for (const c of commands) sim.execute(c);
}

function ridersByPartition(sim: Simulation): Map<string, Set<number>> {
  const map = new Map<string, Set<number>>();
  for (const { partition, record } of topicRecords(sim.state, 'rider-location')) {
    const rider = (JSON.parse(record.value!) as { riderId: string }).riderId;
    map.set(rider, (map.get(rider) ?? new Set()).add(partition));
  }
  return map;
}

describe('lessons (seeds/use-cases.md)', () => {
  it('keys: every rider stays on one partition and the map never goes back; without keys riders spread and arrive out of order', () => {
    const sim = start(keysAndOrder);
    sim.runUntilTime(30_000);
    for (const partitions of ridersByPartition(sim).values()) expect(partitions.size).toBe(1);
    expect(keysAndOrder.checks![0]!.findings(sim.state)).toEqual([]);
    runExperiment(sim, keysAndOrder);
    sim.runUntilTime(120_000);
    const keyless = topicRecords(sim.state, 'rider-location').filter(({ record }) => record.key === null);
    expect(keyless.length).toBeGreaterThan(100);
    expect([...ridersByPartition(sim).values()].some((p) => p.size > 1)).toBe(true);
    expect(keysAndOrder.checks![0]!.findings(sim.state).length).toBeGreaterThan(0);
  });

  it('more consumers than partitions: two of five members own nothing; a crash hands a partition to a standby', () => {
    const sim = start(idleMembers);
    sim.runUntilTime(10_000);
    const owned = () => IDLE_MEMBERS.map((id) => sim.state.consumers[id]!.assignment.length);
    expect(owned().sort()).toEqual([0, 0, 1, 1, 1]);
    runExperiment(sim, idleMembers);
    sim.runUntilTime(30_000);
    const after = IDLE_MEMBERS.filter((id) => id !== 'aggregator-1').map((id) => sim.state.consumers[id]!.assignment.length);
    expect(after.sort()).toEqual([0, 1, 1, 1]);
  });

  it('exactly once: wherever the crash is offered, the transaction keeps the Kafka side exactly-once, and only the idempotency key saves the card', () => {
    let offered = 0;
    for (let at = 1_000; at < 60_000; at += 2_730) {
      const sim = start(exactlyOnce);
      sim.runUntilTime(at);
      const commands = exactlyOnce.experiments![0]!.commands(sim.state);
      if (commands.length === 0) continue;
      offered += 1;
      for (const c of commands) sim.execute(c);
      sim.runUntilTime(at + 30_000);
      const findings = (id: string) =>
        exactlyOnce
          .checks!.find((c) => c.id === id)!
          .findings(sim.state)
          .map((f) => f.text);
      const when = `crashed at ${at} ms`;
      // Kafka side: ledger-eos reads each status once, ledger-alo some twice.
      expect(findings('eos-status'), when).toEqual([]);
      expect(findings('alo-status').length, when).toBeGreaterThan(0);
      // The card API: both chargers called it again for redone payments; only charger-alo's calls charged twice.
      expect(
        findings('called-twice').some((t) => t.startsWith('charger-eos')),
        when,
      ).toBe(true);
      expect(
        findings('called-twice').some((t) => t.startsWith('charger-alo')),
        when,
      ).toBe(true);
      expect(findings('charged-twice').length, when).toBeGreaterThan(0);
      expect(
        findings('charged-twice').every((t) => t.startsWith('charger-alo')),
        when,
      ).toBe(true);
      // Every payment of the run reached both ledgers.
      expect(Object.keys(sim.state.services['ledger-eos']!.store.paid as object).length, when).toBeGreaterThan(100);
    }
    expect(offered).toBeGreaterThan(8);
  });

  it('compaction: a new cache read from offset 0 reaches the same profiles as the old one, reading fewer records than were written', () => {
    const sim = start(compactedProfiles);
    sim.runUntilTime(90_000);
    runExperiment(sim, compactedProfiles);
    sim.execute({ type: 'setTickerRunning', ticker: 'edits', isRunning: false });
    sim.runUntilTime(100_000);
    const old = sim.state.services['profile-cache']!.store;
    const fresh = sim.state.services['new-cache']!.store;
    expect(fresh.profiles).toEqual(old.profiles);
    expect(Number(fresh.read)).toBeLessThan(Number(old.read));
  });

  it('replay: a recommendation engine started later rebuilds the totals analytics has', () => {
    const sim = start(replay);
    sim.runUntilTime(60_000);
    runExperiment(sim, replay);
    sim.execute({ type: 'setTickerRunning', ticker: 'orders', isRunning: false });
    sim.runUntilTime(70_000);
    expect(sim.state.services.recommender!.store.totals).toEqual(sim.state.services.analytics!.store.totals);
  });

  it('why Kafka: with notification down the call chain fails orders; the job queue and Kafka keep them and catch up; only Kafka lets a stolen card through', () => {
    const sim = start(whyKafka);
    sim.runUntilTime(10_000);
    runExperiment(sim, whyKafka, 0);
    sim.runUntilTime(30_000);
    const store = (service: string) => sim.state.services[service]!.store;
    // The call chain failed the orders of the outage (those with a stolen card were refused first).
    expect(Number(store('order-service-rest').rejected)).toBeGreaterThanOrEqual(15);
    // The monolith took every good order; their notification jobs wait in its queue.
    expect(Number(store('order-monolith').completed) + Number(store('order-monolith').blocked)).toBe(Number(store('order-monolith').placed));
    expect((store('order-monolith').jobs as unknown[]).length).toBeGreaterThanOrEqual(15);
    runExperiment(sim, whyKafka, 1);
    for (const ticker of ['orders-rest', 'orders-queue', 'orders-kafka']) sim.execute({ type: 'setTickerRunning', ticker, isRunning: false });
    sim.runUntilTime(60_000);
    // Both asynchronous ways caught up: every accepted order notified, nothing waiting.
    expect(store('order-monolith').notified).toBe(store('order-monolith').completed);
    expect((store('order-monolith').jobs as unknown[]).length).toBe(0);
    expect(sim.state.services.notification!.store.notified).toBe(store('order-service').placed);
    // Blocking versus alerting: the synchronous checks refused the stolen cards; Kafka accepted them and alerted.
    const stolen = Math.floor(Number(store('order-service').placed) / 6);
    expect(Number(store('order-monolith').blocked)).toBe(stolen);
    expect(Number(sim.state.services['fraud-detection']!.store.alerts)).toBe(stolen);
    expect(whyKafka.checks!.find((c) => c.id === 'accepted-stolen')!.findings(sim.state)[0]!.text).toMatch(/accepted and only flagged afterwards/);
  });
});
