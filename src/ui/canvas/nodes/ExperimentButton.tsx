import { useSimulationStore } from '../../store/simulationStore';
import type { Experiment } from '../../experiments/experiments';

/** One of an actor's experiments as a button on its card ("Crash consumer notification-2"). */
export function ExperimentButton({ experiment, actorLabel, className, dangerClass }: { experiment: Experiment; actorLabel: string; className: string; dangerClass: string }) {
  const act = useSimulationStore((s) => s.act);
  return (
    <button
      type="button"
      className={`${className} nodrag${experiment.isDangerous === true ? ` ${dangerClass}` : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        act(experiment.commands);
      }}
      aria-label={`${experiment.label} ${actorLabel}`}
      title={experiment.hint}
    >
      {experiment.label}
    </button>
  );
}
