import type { Experiment } from '../experiments/experiments';
import { useSimulationStore } from '../store/simulationStore';

/** The same experiments as the node's menu, as buttons in the Inspector. */
export function ExperimentButtons({ experiments, actor }: { experiments: Experiment[]; actor: string }) {
  const act = useSimulationStore((s) => s.act);
  if (experiments.length === 0) return null;
  return (
    <div className="inspector__actions" role="group" aria-label={`Experiments on ${actor}`}>
      {experiments.map((x) => (
        <button key={x.label} type="button" className={x.isDangerous ? 'button button--small button--danger' : 'button button--small'} title={x.hint} onClick={() => act(x.commands)}>
          {x.label}
        </button>
      ))}
    </div>
  );
}
