/**
 * Issue 18: whatever a learner does (steps, step back, seek, the internal-steps toggle, the speed, experiments from
 * the card menus and from the story, acting in the past, switching scenario), the link copied at the
 * end, opened again or restored on reload (the saved run is the same encoding), lands on the same engine
 * step, simulated time, state, selection and speed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateHash, type Command } from '../../engine';
import { findScenario } from '../../scenarios';
import { brokerExperiments, consumerExperiments, producerExperiments, topicExperiments } from '../experiments/experiments';
import type { Selection } from '../store/selection';
import { SPEEDS } from '../machines/playbackMachine';
import { useSimulationStore } from '../store/simulationStore';
import { currentRun } from './currentRun';
import { decodeRun, encodeRun } from './runLink';

const SCENARIOS = ['first-steps', 'consumer-group', 'food-ordering', 'waitroom'] as const;
/** 1,000 in `npm test` (about 30 s); `npm run test:deep` runs 10,000. */
const SESSIONS = Number(process.env['LINK_SESSIONS'] ?? 1_000);

type Op =
  | { kind: 'step'; count: number }
  | { kind: 'back' }
  | { kind: 'seek'; fraction: number }
  | { kind: 'toggle' }
  | { kind: 'experiment'; pick: number }
  | { kind: 'story'; pick: number }
  | { kind: 'select'; pick: number }
  | { kind: 'switch'; scenario: (typeof SCENARIOS)[number] }
  | { kind: 'speed'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }).map((count): Op => ({ kind: 'step', count })) },
  { weight: 2, arbitrary: fc.constant<Op>({ kind: 'back' }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((fraction): Op => ({ kind: 'seek', fraction })) },
  { weight: 2, arbitrary: fc.constant<Op>({ kind: 'toggle' }) },
  { weight: 3, arbitrary: fc.nat(1_000).map((pick): Op => ({ kind: 'experiment', pick })) },
  { weight: 1, arbitrary: fc.nat(1_000).map((pick): Op => ({ kind: 'story', pick })) },
  { weight: 1, arbitrary: fc.nat(1_000).map((pick): Op => ({ kind: 'select', pick })) },
  { weight: 1, arbitrary: fc.constantFrom(...SCENARIOS).map((scenario): Op => ({ kind: 'switch', scenario })) },
  { weight: 1, arbitrary: fc.nat(SPEEDS.length - 1).map((pick): Op => ({ kind: 'speed', pick })) },
);

const store = () => useSimulationStore.getState();

/** Every experiment a card menu offers now, as the commands its button runs. */
function menuExperiments(): Command[][] {
  const state = store().frame.state;
  return [
    ...Object.keys(state.consumers).flatMap((id) => consumerExperiments(state, id)),
    ...Object.keys(state.producers).flatMap((id) => producerExperiments(state, id)),
    ...Object.keys(state.topics)
      .filter((t) => !state.topics[t]!.isInternal)
      .flatMap((t) => topicExperiments(state, t)),
    ...state.brokers.flatMap((b) => brokerExperiments(state, b.id)),
  ]
    .map((x) => x.commands)
    .filter((c) => c.length > 0);
}

function selections(): Selection[] {
  const state = store().frame.state;
  return [
    ...Object.keys(state.consumers).map((clientId): Selection => ({ kind: 'consumer', clientId })),
    ...Object.keys(state.topics).map((topic): Selection => ({ kind: 'topic', topic })),
    ...state.brokers.map((b): Selection => ({ kind: 'broker', brokerId: b.id })),
  ];
}

function play(o: Op): void {
  switch (o.kind) {
    case 'step':
      store().stepForward(o.count);
      return;
    case 'back':
      store().stepBack();
      return;
    case 'seek':
      store().seek(Math.round(o.fraction * store().frame.knownSteps));
      return;
    case 'toggle':
      store().setShowInternal(!store().showInternal);
      return;
    case 'experiment': {
      const all = menuExperiments();
      if (all.length > 0) store().act(all[o.pick % all.length]!);
      return;
    }
    case 'story': {
      const suggested = (store().frame.scenario.experiments ?? []).map((x) => x.commands(store().frame.state)).filter((c) => c.length > 0);
      if (suggested.length > 0) store().act(suggested[o.pick % suggested.length]!);
      return;
    }
    case 'select': {
      const all = selections();
      store().select(all[o.pick % all.length] ?? null);
      return;
    }
    case 'switch':
      store().loadScenario(o.scenario);
      return;
    case 'speed':
      store().setSpeed(SPEEDS[o.pick]!);
      return;
  }
}

describe('links and reloads reopen the run the learner saw', () => {
  it('the issue-18 session: 30 steps, internal steps on for 10, off for 5, then the link', () => {
    store().loadScenario('food-ordering');
    store().stepForward(30);
    store().setShowInternal(true);
    store().stepForward(10);
    store().setShowInternal(false);
    store().stepForward(5);
    const seen = { step: store().frame.stepNumber, time: store().frame.time, hash: stateHash(store().frame.state) };
    const decoded = decodeRun(encodeRun(currentRun(store())));
    if (!decoded.ok) throw new Error(decoded.message);
    expect(store().openRun(decoded.run)).toBeNull();
    // The same moment of the same run. (The step counter counts UI steps under the toggle the link
    // carries, so it may say fewer steps than the learner took; the time and state are what they saw.)
    expect({ time: store().frame.time, hash: stateHash(store().frame.state) }).toEqual({ time: seen.time, hash: seen.hash });
    expect(store().frame.stepNumber).toBeLessThanOrEqual(seen.step);
  });

  it(`${SESSIONS.toLocaleString('en')} random sessions: same engine step, time, state, selection and speed`, { timeout: Math.max(600_000, SESSIONS * 200) }, () => {
    let sessions = 0;
    let withToggle = 0;
    let withActions = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), fc.array(op, { minLength: 1, maxLength: 12 }), (scenario, ops) => {
        store().loadScenario(scenario);
        for (const o of ops) play(o);
        const run = currentRun(store());
        const seen = { engineStep: store().frame.engineStep, time: store().frame.time, hash: stateHash(store().frame.state), selection: store().selection, speed: store().speed };
        sessions++;
        if (ops.some((o) => o.kind === 'toggle')) withToggle++;
        if (run.actions.length > 0) withActions++;

        const decoded = decodeRun(encodeRun(run));
        if (!decoded.ok) throw new Error(decoded.message);
        store().loadScenario(scenario === 'first-steps' ? 'waitroom' : 'first-steps'); // somewhere else first
        store().setSpeed(1);
        expect(store().openRun(decoded.run)).toBeNull();
        expect(store().frame.scenario).toBe(findScenario(run.scenarioId));
        expect({ engineStep: store().frame.engineStep, time: store().frame.time, hash: stateHash(store().frame.state), selection: store().selection, speed: store().speed }).toEqual(seen);
      }),
      { numRuns: SESSIONS, seed: 0x18a },
    );
    expect(sessions).toBe(SESSIONS);
    // The sessions that matter for issue 18 are there in numbers.
    expect(withToggle).toBeGreaterThan(SESSIONS / 5);
    expect(withActions).toBeGreaterThan(SESSIONS / 5);
  });
});
