/** The scenario catalog, in the order the picker lists them. */
import { consumerGroup } from './consumerGroup/consumerGroup';
import { firstSteps } from './firstSteps/firstSteps';
import { foodOrdering } from './foodOrdering/foodOrdering';
import { logStorage } from './logStorage/logStorage';
import { replication } from './replication/replication';
import type { Scenario } from './types';
import { waitroom } from './waitroom/waitroom';

export const SCENARIOS: readonly Scenario[] = [foodOrdering, waitroom, firstSteps, consumerGroup, logStorage, replication];

/** The site opens on the flagship scenario. */
export const DEFAULT_SCENARIO_ID = foodOrdering.id;

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type { Scenario, ScenarioLayout, NodePlacement, Chapter, SuggestedExperiment, DomainCheck, CheckFinding, ScenarioPanel } from './types';
