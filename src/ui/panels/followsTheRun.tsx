import { memo, useDeferredValue, type ComponentType } from 'react';
import { useSimulationStore, type Frame } from '../store/simulationStore';

/**
 * A side panel that follows the run, re-rendered just after each step instead of inside it. A step's
 * own render then holds only what the learner watches step by step (the canvas, the narration, the
 * clock); the consequences, tables and groups catch up a moment later, in a render React may interrupt
 * when the next step comes first (useDeferredValue). At 10,000 records this took the audit-derived checks
 * (about 2 ms whenever `audit` grows) and three panels' trees out of every step's render.
 *
 * The panel gets the frame it shows as a prop, and must not subscribe to `frame` itself.
 */
export function followsTheRun<P extends object>(Panel: ComponentType<P & { frame: Frame }>): ComponentType<P> {
  const Shown = memo(Panel) as ComponentType<P & { frame: Frame }>;
  function FollowsTheRun(props: P) {
    const frame = useDeferredValue(useSimulationStore((s) => s.frame));
    return <Shown {...props} frame={frame} />;
  }
  FollowsTheRun.displayName = `followsTheRun(${Panel.displayName ?? Panel.name})`;
  return FollowsTheRun;
}
