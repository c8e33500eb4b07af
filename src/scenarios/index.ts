/** The scenario catalog, in the order the picker lists them. */
import { consumerGroup } from './consumerGroup/consumerGroup';
import { firstSteps } from './firstSteps/firstSteps';
import { foodOrdering } from './foodOrdering/foodOrdering';
import { logStorage } from './logStorage/logStorage';
import { replication } from './replication/replication';
import { compactedProfiles } from './lessons/compactedProfiles';
import { exactlyOnce } from './lessons/exactlyOnce';
import { idleMembers } from './lessons/idleMembers';
import { keysAndOrder } from './lessons/keysAndOrder';
import { manySinks } from './lessons/manySinks';
import { replay } from './lessons/replay';
import { whyKafka } from './lessons/whyKafka';
import { windowedMetrics } from './lessons/windowedMetrics';
import type { Scenario } from './types';
import { waitroom } from './waitroom/waitroom';
import { waitroomShare } from './waitroom/waitroomShare';

export const SCENARIOS: readonly Scenario[] = [
  foodOrdering,
  waitroom,
  waitroomShare,
  firstSteps,
  consumerGroup,
  logStorage,
  replication,
  whyKafka,
  keysAndOrder,
  idleMembers,
  exactlyOnce,
  compactedProfiles,
  replay,
  windowedMetrics,
  manySinks,
];

/** The site opens on the flagship scenario. */
export const DEFAULT_SCENARIO_ID = foodOrdering.id;

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type { Scenario, ScenarioLayout, Chapter, SuggestedExperiment, DomainCheck, CheckFinding, ScenarioPanel, ScenarioHttp, HttpService, HttpCall } from './types';
