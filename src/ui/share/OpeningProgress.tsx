import { useSimulationStore } from '../store/simulationStore';
import { useModalDialog } from '../useModalDialog';

/**
 * A long link or saved run being replayed: how far it has got, and a way out. A native modal <dialog>,
 * so the run behind it (about to be replaced) takes no clicks; Esc cancels like the button.
 */
export function OpeningProgress() {
  const opening = useSimulationStore((s) => s.opening);
  const cancel = useSimulationStore((s) => s.cancelOpening);
  const isOpen = opening !== null;
  const dialog = useModalDialog(isOpen);
  const percent = opening === null || opening.target === 0 ? 0 : Math.min(100, Math.floor((100 * opening.engineStep) / opening.target));
  return (
    <dialog
      ref={dialog}
      className="help opening"
      aria-labelledby="opening-title"
      aria-describedby="opening-detail"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <h2 id="opening-title" className="help__title">
        Opening the run
      </h2>
      {opening !== null && (
        <>
          <p id="opening-detail" className="opening__detail">
            Replaying {opening.scenarioTitle} event by event to where the link was made: event {opening.engineStep.toLocaleString('en')} of {opening.target.toLocaleString('en')}.
          </p>
          <progress className="opening__bar" max={opening.target} value={opening.engineStep} aria-label="Replaying the run" aria-valuetext={`${percent}%`} />
          <button type="button" className="button" onClick={cancel}>
            Cancel and start {opening.scenarioTitle} from the beginning
          </button>
        </>
      )}
    </dialog>
  );
}
