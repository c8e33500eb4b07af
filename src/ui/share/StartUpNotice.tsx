import { findScenario } from '../../scenarios';
import { useSimulationStore } from '../store/simulationStore';
import { forgetSavedRun, type StartUp } from './useRunPersistence';

/** What happened at start-up: a link that could not be opened (and why), or a restored run. */
export function StartUpNotice({ startUp }: { startUp: StartUp }) {
  const loadScenario = useSimulationStore((s) => s.loadScenario);
  const restart = useSimulationStore((s) => s.restart);
  const current = useSimulationStore((s) => s.frame.scenario);
  const { problem, restored, dismiss } = startUp;
  if (problem !== null) {
    // The link's scenario when it names one this site has, else the one on screen: always a way to start.
    const scenario = (problem.scenarioId === null ? undefined : findScenario(problem.scenarioId)) ?? current;
    return (
      <div className="banner banner--link" role="alertdialog" aria-label="This link cannot be opened" aria-describedby="link-problem">
        <span id="link-problem">
          <strong>This link cannot be opened.</strong> {problem.message}
        </span>
        <span className="banner__actions">
          {problem.anyway !== undefined && (
            <button
              type="button"
              className="button"
              onClick={() => {
                useSimulationStore.getState().openRunGradually(problem.anyway!, (outcome) => {
                  if (outcome.kind === 'failed') useSimulationStore.setState({ error: `The link's run could not be replayed on this version: ${outcome.problem}` });
                });
                dismiss();
              }}
            >
              Open it anyway
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => {
              loadScenario(scenario.id);
              dismiss();
            }}
          >
            Open {scenario.title} at its start
          </button>
          <button type="button" className="button" onClick={dismiss}>
            Dismiss
          </button>
        </span>
      </div>
    );
  }
  if (restored) {
    return (
      <div className="banner banner--info" role="status">
        <span>Your last run was restored where you left it.</span>
        <button
          type="button"
          className="button"
          onClick={() => {
            forgetSavedRun();
            restart();
            dismiss();
          }}
        >
          Start fresh
        </button>
      </div>
    );
  }
  return null;
}
