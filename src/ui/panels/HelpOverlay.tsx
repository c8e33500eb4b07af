import { Icon } from '../Icon';
import { useSimulationStore } from '../store/simulationStore';
import { useModalDialog } from '../useModalDialog';

const SHORTCUTS: [string, string][] = [
  ['Space', 'play or pause'],
  ['→', 'one step forward'],
  ['←', 'one step back'],
  ['+ / −', 'faster or slower'],
  ['?', 'this help'],
  ['Esc', 'close this help or a menu'],
];

/** The help dialog: keyboard shortcuts and how to use the simulator (a native modal <dialog>: focus stays inside, Esc closes). */
export function HelpOverlay() {
  const isOpen = useSimulationStore((s) => s.isHelpOpen);
  const setHelpOpen = useSimulationStore((s) => s.setHelpOpen);
  const dialog = useModalDialog(isOpen);
  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={() => setHelpOpen(false)}>
      <h2 id="help-title" className="help__title">
        Keyboard shortcuts
      </h2>
      <dl className="help__keys">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key} className="help__row">
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <h3 className="help__subtitle">How to use it</h3>
      <ul className="help__tips">
        <li>Step moves to the next thing worth seeing; the narration says what happened and why, with the Kafka config in force.</li>
        <li>Every node has a ⋯ menu of experiments: crash or close a consumer, stall its processing, stop a broker, add a partition.</li>
        <li>Click a record to see it as kcat prints it and everything that happened to it; click P0, P1… for a partition's log.</li>
        <li>Step back, or jump along the timeline: the run replays exactly. Acting in the past starts a new future.</li>
      </ul>
      <form method="dialog">
        <button type="submit" className="button button--primary">
          Close
        </button>
      </form>
    </dialog>
  );
}

export function HelpButton() {
  const setHelpOpen = useSimulationStore((s) => s.setHelpOpen);
  return (
    <button
      type="button"
      className="button button--ghost button--icon"
      onClick={() => setHelpOpen(true)}
      aria-label="Help"
      aria-keyshortcuts="Shift+?"
      title="Help: keyboard shortcuts and how to use the simulator (?)"
    >
      <Icon name="help" />
    </button>
  );
}
