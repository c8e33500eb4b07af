/**
 * Both flagships through a whole-cluster outage, pressed as a learner presses it: the scenario's own
 * "stop the broker" experiment, then the same button again. Whatever the outage's length, the run must
 * recover: new records in each of the two minutes after the restart, and every group caught up.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, describeGroup, type Simulation } from '../engine';
import { foodOrdering } from './foodOrdering/foodOrdering';
import type { Scenario } from './types';
import { waitroom } from './waitroom/waitroom';

function start(scenario: Scenario): Simulation {
  const sim = createSimulation({ ...scenario.options, seed: scenario.seed, handlers: scenario.handlers!, traceLimit: 0 });
  scenario.setup(sim);
  return sim;
}

/** Presses the scenario's broker experiment (stop, or start again when stopped). */
function pressBrokerButton(scenario: Scenario, sim: Simulation): void {
  const experiment = scenario.experiments!.find((e) => /broker/i.test(e.label))!;
  for (const command of experiment.commands(sim.state)) sim.execute(command);
}

function recordsIn(sim: Simulation, topic: string): number {
  return sim.state.topics[topic]!.partitions.reduce((n, p) => n + p.log.logEndOffset, 0);
}

/**
 * Records the group's members have yet to read: log end minus each member's position. (The committed lag
 * kafka-consumer-groups prints trails this by up to auto.commit.interval.ms for an auto-committing group.)
 */
function totalLag(sim: Simulation, groupId: string): number {
  return Object.values(sim.state.consumers)
    .filter((c) => c.config['group.id'] === groupId)
    .flatMap((c) => c.assignment)
    .reduce((n, tp) => n + Math.max(0, sim.state.topics[tp.topic]!.partitions[tp.partition]!.log.logEndOffset - tp.position), 0);
}

const userGroups = (sim: Simulation) => Object.keys(sim.state.groups).filter((g) => describeGroup(sim.state, g)!.members.length > 0);

const FLAGSHIPS: [string, Scenario, string][] = [
  [foodOrdering.id, foodOrdering, 'orders'],
  [waitroom.id, waitroom, 'QUEUE_JOINED'],
];

describe.each(FLAGSHIPS)('%s survives a broker outage', (_id, scenario, mainTopic) => {
  it.each([30, 150, 600])('every broker down for %i s, then restarted: records flow in each of the next two minutes and every group catches up', (seconds) => {
    const sim = start(scenario);
    sim.runUntilTime(60_000);
    pressBrokerButton(scenario, sim);
    expect(sim.state.brokers.every((b) => !b.isAlive)).toBe(true);
    sim.runUntilTime(sim.time + seconds * 1_000);
    pressBrokerButton(scenario, sim);
    expect(sim.state.brokers.every((b) => b.isAlive)).toBe(true);

    const atRestart = recordsIn(sim, mainTopic);
    sim.runUntilTime(sim.time + 60_000);
    const afterOneMinute = recordsIn(sim, mainTopic);
    sim.runUntilTime(sim.time + 60_000);
    const afterTwoMinutes = recordsIn(sim, mainTopic);
    expect(afterOneMinute - atRestart).toBeGreaterThan(10);
    expect(afterTwoMinutes - afterOneMinute).toBeGreaterThan(10);

    const groups = userGroups(sim);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(totalLag(sim, group), `lag of ${group}`).toBeLessThanOrEqual(10);
    for (const producer of Object.values(sim.state.producers)) {
      expect(producer.epochBumpReason, producer.clientId).toBeNull();
      expect(producer.unfinishedBatchCount, producer.clientId).toBeLessThanOrEqual(3);
    }
  });
});
