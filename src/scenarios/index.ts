/** The scenario catalog, in the order the picker lists them. */
import { consumerGroup } from './consumerGroup/consumerGroup';
import { firstSteps } from './firstSteps/firstSteps';
import { logStorage } from './logStorage/logStorage';
import { replication } from './replication/replication';
import type { Scenario } from './types';

export const SCENARIOS: readonly Scenario[] = [firstSteps, consumerGroup, logStorage, replication];

export const DEFAULT_SCENARIO_ID = firstSteps.id;

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type { Scenario, ScenarioLayout, NodePlacement } from './types';
