/**
 * The shape of a scenario: what to build in the engine, where things sit on the canvas, and what to
 * tell the learner. Issue 8 grows this into the full format (services, handlers, chapters, checks).
 */
import type { AppHandlers, Simulation, SimulationOptions } from '../engine';

/** Where one actor sits on the canvas, in React Flow coordinates. */
export interface NodePlacement {
  x: number;
  y: number;
}

export interface ScenarioLayout {
  /** Keys are actor ids: 'producer:<clientId>', 'topic:<name>', 'consumer:<clientId>'. Records flow left to right. */
  positions: Record<string, NodePlacement>;
  /** For narrow screens (phones): the same actors arranged top to bottom. */
  narrowPositions?: Record<string, NodePlacement>;
}

export interface Scenario {
  id: string;
  /** Bumped when the scenario changes in a way that changes its runs (share links record it). */
  version: number;
  title: string;
  /** One or two sentences shown before the first step. */
  introduction: string;
  seed: number;
  /** Cluster options besides the seed (brokers, broker configs such as log.retention.check.interval.ms). */
  options?: Omit<SimulationOptions, 'seed' | 'handlers'>;
  /** The services' handlers, by the names the setup's commands use. */
  handlers?: AppHandlers;
  /** Builds the starting state with engine commands; the run begins at step 0 after this. */
  setup(sim: Simulation): void;
  layout: ScenarioLayout;
}
