import { memo, useDeferredValue, type ComponentType } from 'react';
import { useSimulationStore } from '../store/simulationStore';

/**
 * A side panel that follows the run, re-rendered just after each step instead of inside it. A step's
 * own render then holds only what the learner watches step by step (the canvas, the narration, the
 * clock); the consequences, tables and groups catch up a moment later, in a render React may interrupt
 * when the next step comes first (useDeferredValue). At 10,000 records this took the audit-derived checks
 * (about 2 ms whenever `audit` grows) and three panels' trees out of every step's render.
 *
 * The panel gets the revision it shows as a prop, and must not subscribe to `revision` itself.
 */
export function followsTheRun<P extends object>(Panel: ComponentType<P & { revision: number }>): ComponentType<P> {
  const Shown = memo(Panel) as ComponentType<P & { revision: number }>;
  function FollowsTheRun(props: P) {
    const revision = useDeferredValue(useSimulationStore((s) => s.revision));
    return <Shown {...props} revision={revision} />;
  }
  FollowsTheRun.displayName = `followsTheRun(${Panel.displayName ?? Panel.name})`;
  return FollowsTheRun;
}
