/**
 * A frame: what the page shows of the run at one moment, as plain data. The run recorder makes a new
 * frame after every change and the store holds it; components select from the frame and never touch
 * the engine. A frame object is frozen and so is every list in it; its series share their full chunks
 * with older frames (series.ts).
 *
 * `state` is the one part not copied: it is the engine's state as of this frame, read-only. A copy per
 * step costs what a checkpoint costs (about 3 ms at 10,000 records, the whole of a step's budget), so the
 * frame lends the live state instead, and a frame's `state` is good for as long as the frame is the
 * store's frame: the recorder replaces the frame on every change, and only it changes the state.
 */
import type { DeepReadonly, SimState, TraceEntry } from '../../engine';
import type { Scenario } from '../../scenarios';
import type { MetricsSample } from '../metrics/sampleMetrics';
import type { TimelineMark } from '../narration/marks';
import type { LearnerAction, NarrationLine } from './advance';
import type { Series } from './series';

export interface StepView {
  readonly step: number;
  readonly entries: readonly TraceEntry[];
}

export interface Frame {
  readonly scenario: Scenario;
  /** The seed of this run (the scenario's, unless a share link chose another). */
  readonly seed: number;
  /** UI steps taken since the scenario started. */
  readonly stepNumber: number;
  /** Engine events handled since the scenario started: where links and saved runs say the run is. */
  readonly engineStep: number;
  /** Simulated time, in ms. */
  readonly time: number;
  /** The engine's state at this frame (see the header: valid while this is the store's frame). */
  readonly state: DeepReadonly<SimState>;
  /** The newest narrated lines, oldest first. */
  readonly narration: readonly NarrationLine[];
  /** What the newest step wrote (for the canvas to animate); null at a checkpoint or the start. */
  readonly lastStep: StepView | null;
  /** Control events worth jumping to (rebalances, crashes, elections...), by UI step. */
  readonly marks: readonly TimelineMark[];
  /** The furthest UI step this run has been to (stepping back keeps the steps after it known). */
  readonly knownSteps: number;
  /** Every trace entry written during each UI step (index = UI step; 0 = setup), for provenance. */
  readonly history: Series<readonly TraceEntry[]>;
  /** The first UI step whose history is kept (older steps' lists are empty; step 0's setup stays). */
  readonly historyFrom: number;
  /** Chart numbers after each UI step (null for steps a long replay went through unseen). */
  readonly samples: Series<MetricsSample | null>;
  /** The learner's actions, in order (those after `engineStep` belong to a future step back left behind). */
  readonly actions: readonly LearnerAction[];
  /** Recorded actions the engine rejected on replay (only a damaged share link can cause one). */
  readonly replayFailures: readonly string[];
}
