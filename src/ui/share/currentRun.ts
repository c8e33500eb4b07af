/** The run the learner is looking at, as a share link records it. */
import type { SimulationStore } from '../store/simulationStore';
import type { SharedRun } from './runLink';

export function currentRun(s: SimulationStore): SharedRun {
  return {
    scenarioId: s.frame.scenario.id,
    scenarioVersion: s.frame.scenario.version,
    seed: s.frame.seed,
    engineStep: s.frame.engineStep,
    // Actions beyond the current step belong to a future that stepping back left behind.
    actions: s.frame.actions.filter((a) => a.atEngineStep <= s.frame.engineStep),
    selection: s.selection,
    showInternal: s.showInternal,
    speed: s.speed,
  };
}
