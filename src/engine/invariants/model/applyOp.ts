/**
 * Runs model ops on a simulation, one engine event at a time where the ops run the clock, so hooks
 * (the invariant checks) see the state after every event.
 */
import { createSimulation, KafkaSimError, type Command, type SendReceipt, type Simulation, type SimulationOptions } from '../../index';
import type { Op, Scenario } from './ops';
import { shareAckTarget, toCommand } from './toCommand';

/** Events one 'until' may run: a consumer loop with no latency and no wait never lets time pass. */
const MAX_STEPS_PER_OP = 300;
/** Checked steps at the start of an outage (ten simulated minutes hold thousands of background events). */
const MAX_STEPS_PER_OUTAGE = 300;
const OUTAGE_MAX_TRAFFIC = 2_000;
const MAX_EVENTS_PER_OUTAGE = 40_000;
/** Room for every trace entry of a run, so traces can be compared whole. */
export const TRACE_LIMIT = 1_000_000;

export interface Hooks {
  afterStep?: (sim: Simulation) => void;
  onSent?: (op: Extract<Op, { op: 'send' }>, value: string, receipt: SendReceipt) => void;
  /** A command the engine refused with a KafkaSimError (which the model allows: ops may be invalid). */
  onRejected?: (index: number, error: KafkaSimError) => void;
}

function stepAndCheck(sim: Simulation, hooks: Hooks): void {
  sim.step();
  hooks.afterStep?.(sim);
}

/** An outage's brokers (those alive) go down now; returns them and the time it ends. */
function startOutage(sim: Simulation, op: Extract<Op, { op: 'outage' }>): { down: number[]; target: number } {
  const down = op.brokers.filter((id) => sim.state.brokers.some((b) => b.id === id && b.isAlive));
  for (const brokerId of down) sim.execute({ type: 'crashBroker', brokerId });
  // Unlimited traffic sources (1 record per ms at most) would queue hundreds of thousands of batches in ten
  // minutes: the outage is cut so that they send at most OUTAGE_MAX_TRAFFIC records in it.
  let dtMs = op.dtMs;
  for (const source of Object.values(sim.state.trafficSources)) {
    if (source.isRunning && source.limit < 0) dtMs = Math.min(dtMs, source.intervalMs * OUTAGE_MAX_TRAFFIC);
  }
  return { down, target: sim.time + dtMs };
}

function runOutage(sim: Simulation, op: Extract<Op, { op: 'outage' }>, hooks: Hooks): void {
  const { down, target } = startOutage(sim, op);
  // Checked step by step for a while, then run on to the end of the outage and checked again after it.
  for (let steps = 0; steps < MAX_STEPS_PER_OUTAGE; steps++) {
    const next = sim.nextEventTime;
    if (next === null || next > target) break;
    stepAndCheck(sim, hooks);
  }
  // A consumer polling with fetch.max.wait.ms 0 and no latency fetches every millisecond: the event budget
  // can end such an outage early (the deep run's coverage counts the outages that lasted 150 s and more).
  sim.runUntilTime(target, MAX_EVENTS_PER_OUTAGE);
  for (const brokerId of down) sim.execute({ type: 'restartBroker', brokerId });
}

function runUntil(sim: Simulation, dtMs: number, hooks: Hooks): void {
  // Same semantics as runUntilTime(target, MAX_STEPS_PER_OP), one step at a time.
  const target = sim.time + dtMs;
  let steps = 0;
  for (;;) {
    const next = sim.nextEventTime;
    if (next === null || next > target || steps >= MAX_STEPS_PER_OP) break;
    stepAndCheck(sim, hooks);
    steps++;
  }
  if (steps < MAX_STEPS_PER_OP) sim.runUntilTime(target);
}

function scheduledCommand(op: Extract<Op, { op: 'schedule' }>, index: number): Command {
  if (op.what === 'send') return { type: 'send', producer: op.target, topic: op.name, key: 'alice', value: `d${index}` };
  if (op.what === 'createTopic') return { type: 'createTopic', name: op.name, partitions: 2 };
  return { type: 'poll', consumer: op.target };
}

/** Applies one op. Commands Kafka would reject must throw KafkaSimError; anything else is a failure. */
export function applyOp(sim: Simulation, op: Op, index: number, hooks: Hooks = {}): void {
  if (op.op === 'steps') {
    for (let i = 0; i < op.n && !sim.isIdle; i++) stepAndCheck(sim, hooks);
    return;
  }
  if (op.op === 'outage') {
    runOutage(sim, op, hooks);
    return;
  }
  if (op.op === 'until') {
    runUntil(sim, op.dtMs, hooks);
    return;
  }
  // A share acknowledgement's answer is known before it runs (shareAckTarget): the other answer is a failure.
  const expected = op.op === 'shareAck' ? shareAckTarget(sim, op).expected : null;
  try {
    if (op.op === 'schedule') {
      sim.schedule(op.delayMs, scheduledCommand(op, index));
      return;
    }
    const command = toCommand(sim, op, index);
    if (command === null) return;
    const result = sim.execute(command);
    if (op.op === 'send' && command.type === 'send' && result !== undefined) hooks.onSent?.(op, command.value ?? '', result);
    if (expected === 'refused') throw new Error(`op ${index}: the engine accepted ${JSON.stringify(command)}, an acknowledgement of a record the consumer does not hold or in implicit mode`);
  } catch (error) {
    if (!(error instanceof KafkaSimError)) throw error;
    if (expected === 'accepted') throw new Error(`op ${index}: the engine refused to acknowledge a record the consumer holds in explicit mode: ${error.message}`, { cause: error });
    hooks.onRejected?.(index, error);
  }
}

/** A simulation that keeps every trace entry of the run. */
export function newSim(options: SimulationOptions): Simulation {
  return createSimulation({ ...options, traceLimit: TRACE_LIMIT });
}

/**
 * The same run as runAll with no trace at all: traceLimit 0, and the clock run only by runSteps and
 * runUntilTime (the same event budgets), which collect no entries, so no per-record entry is ever built.
 */
export function runAllHeadless(scenario: Scenario): Simulation {
  const sim = createSimulation({ ...scenario.options, traceLimit: 0 });
  scenario.ops.forEach((op, i) => {
    if (op.op === 'steps') {
      sim.runSteps(op.n);
    } else if (op.op === 'until') {
      sim.runUntilTime(sim.time + op.dtMs, MAX_STEPS_PER_OP);
    } else if (op.op === 'outage') {
      const { down, target } = startOutage(sim, op);
      sim.runUntilTime(target, MAX_STEPS_PER_OUTAGE + MAX_EVENTS_PER_OUTAGE);
      for (const brokerId of down) sim.execute({ type: 'restartBroker', brokerId });
    } else {
      applyOp(sim, op, i);
    }
  });
  return sim;
}

export function runAll(scenario: Scenario, hooks: Hooks = {}): Simulation {
  const sim = newSim(scenario.options);
  scenario.ops.forEach((op, i) => {
    applyOp(sim, op, i, hooks);
  });
  return sim;
}
