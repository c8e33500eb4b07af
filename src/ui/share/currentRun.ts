/** The run the learner is looking at, as a share link records it. */
import type { SimulationStore } from '../store/simulationStore';
import type { SharedRun } from './runLink';

export function currentRun(s: SimulationStore): SharedRun {
  return {
    scenarioId: s.scenario.id,
    scenarioVersion: s.scenario.version,
    seed: s.seed,
    engineStep: s.sim.stepCount,
    // Actions beyond the current step belong to a future that stepping back left behind.
    actions: s.actions.filter((a) => a.atEngineStep <= s.sim.stepCount),
    selection: s.selection,
    showInternal: s.showInternal,
    speed: s.speed,
  };
}
