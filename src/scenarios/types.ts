/**
 * The shape of a scenario: what to build in the engine, where things sit on the canvas, and what to
 * tell the learner: services and their handlers, chapters, experiments and checks.
 */
import type { AppHandlers, Command, Simulation, SimulationOptions, ReadState } from '../engine';

/**
 * Where actors sit, as structure rather than pixels: the canvas measures each card and computes
 * positions from these columns (src/ui/canvas/layout), so cards never overlap however they grow.
 */
export interface ScenarioLayout {
  /**
   * Columns left to right (on a phone, one stack top to bottom in the same order). Entries are actor
   * ids, 'producer:<clientId>', 'topic:<name>', 'consumer:<clientId>', 'broker:<id>', in order top to
   * bottom; 'consumer:*' (or producer, topic, broker) places every actor of that kind not named
   * elsewhere. Actors matching nothing join the first column holding their kind.
   */
  columns: string[][];
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
  /** The story, told in chapters that open as the run reaches them. */
  chapters?: Chapter[];
  /** Things to try, offered as buttons ("Crash notification-2 now"). */
  experiments?: SuggestedExperiment[];
  /** Business consequences read from the simulated state and logs, shown when they fire. */
  checks?: DomainCheck[];
  /** Tables of application state (the order service's live feed, the waitroom's Redis). */
  panels?: ScenarioPanel[];
  /** Services that talk HTTP rather than Kafka, and the synchronous calls between them. */
  http?: ScenarioHttp;
}

/**
 * Services that are not Kafka clients: processes that answer synchronous HTTP calls (the call chain
 * in "Why Kafka"). The engine has no HTTP. Each service is a consumer created without a group and
 * never subscribed, used only as a process that is up or down (AppContext.isUp), so Crash and Start
 * again work on it as on any instance. The canvas draws each as a service card (no lag, no group) and
 * each call as a call edge showing the outcome a call gets now.
 */
export interface ScenarioHttp {
  services: HttpService[];
  /**
   * The calls, in the order a caller makes them for one request. A call to a service that is down
   * times out and fails the request, so the caller's later calls for it are not made. The scenario's
   * handler must behave the same way (whyKafka's syncOrder walks this list), since the canvas derives
   * each call's outcome from this list and the state alone.
   */
  calls: HttpCall[];
}

export interface HttpService {
  /** The client id of the consumer that stands for the service (its card keeps the id 'consumer:<id>'). */
  id: string;
  /**
   * Keys in the store of the scenario service of the same name (ServiceState.store) that count the
   * requests it answered and failed, when it keeps such counts.
   */
  counts?: { answered: string; failed: string };
}

export interface HttpCall {
  /** The caller and the callee: ids listed in `services`. */
  from: string;
  to: string;
  /** What the caller sends, shown on the edge: 'POST /check'. */
  request: string;
}

/** A part of the story; it opens once `opensWhen` holds (it stays open after). */
export interface Chapter {
  title: string;
  text: string;
  opensWhen: (state: ReadState) => boolean;
  /**
   * The actors this chapter is about (ids as in ScenarioLayout, wildcards allowed): the canvas
   * highlights them and dims the rest while the chapter is the newest. None: nothing is dimmed.
   */
  actors?: string[];
}

export interface SuggestedExperiment {
  /** The button text, e.g. "Crash notification-2". */
  label: string;
  /** What to watch for afterwards. */
  description: string;
  /** The commands it runs, given the state now (they are recorded like any learner action). */
  commands: (state: ReadState) => Command[];
}

/** A business-level fact found in the run ("order o-7 notified twice"), with when and why. */
export interface CheckFinding {
  /** Stable id so the UI can list each finding once (e.g. 'notified-twice:o-7'). */
  id: string;
  text: string;
}

export interface DomainCheck {
  id: string;
  /** What it watches for, e.g. "A customer notified twice". */
  title: string;
  /** Every finding so far; must be cheap enough to run after each step. */
  findings: (state: ReadState) => CheckFinding[];
}

export interface ScenarioPanel {
  title: string;
  /** Header cells, then rows; plain text only (rendered as text, never HTML). */
  table: (state: ReadState) => { columns: string[]; rows: string[][] };
}
