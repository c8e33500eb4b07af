import { useMachine } from '@xstate/react';
import { useEffect, useMemo } from 'react';
import { Icon } from '../Icon';
import { playbackMachine, SPEEDS } from '../machines/playbackMachine';
import { useSimulationStore } from '../store/simulationStore';

/** Play / Pause, Step, Restart and speed, driving the playback machine. */
export function PlaybackControls() {
  const restart = useSimulationStore((s) => s.restart);
  const stepBack = useSimulationStore((s) => s.stepBack);
  const time = useSimulationStore((s) => s.frame.time);
  const stepNumber = useSimulationStore((s) => s.frame.stepNumber);
  const showInternal = useSimulationStore((s) => s.showInternal);
  const setShowInternal = useSimulationStore((s) => s.setShowInternal);
  const machine = useMemo(
    () =>
      playbackMachine.provide({
        actions: {
          takeStep: ({ self }, { count }) => {
            if (useSimulationStore.getState().stepForward(count) < count) self.send({ type: 'FINISHED' });
          },
        },
      }),
    [],
  );
  const [snapshot, send] = useMachine(machine);
  const isPlaying = snapshot.matches('playing');
  // The store holds the speed (links and saved runs keep it); the machine follows it.
  const speed = useSimulationStore((s) => s.speed);
  const setSpeed = useSimulationStore((s) => s.setSpeed);
  useEffect(() => send({ type: 'SET_SPEED', speed }), [send, speed]);
  const speedIndex = Math.max(0, SPEEDS.indexOf(speed as (typeof SPEEDS)[number]));
  const setPlaying = useSimulationStore((s) => s.setPlaying);
  useEffect(() => setPlaying(isPlaying), [setPlaying, isPlaying]);

  // Keyboard: Space play/pause, → step, ← step back, + / − speed, ? help (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (useSimulationStore.getState().isHelpOpen) return; // the dialog has the keyboard
      const tag = (e.target as HTMLElement | null)?.tagName ?? '';
      if (tag === 'INPUT' || tag === 'TEXTAREA') return; // typing, or the speed slider's own arrows
      // On the scenario picker ← and → step (the picker ignores them); its other keys are its own.
      if (tag === 'SELECT' && e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      if (tag === 'BUTTON' && e.key === ' ') return; // Space already clicks a focused button
      if (e.key === '?') useSimulationStore.getState().setHelpOpen(true);
      else if (e.key === ' ') send({ type: 'TOGGLE' });
      else if (e.key === 'ArrowRight' && !isPlaying) send({ type: 'STEP' });
      else if (e.key === 'ArrowLeft' && !isPlaying) stepBack();
      else if (e.key === '+' || e.key === '=') setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, speedIndex + 1)] ?? 1);
      else if (e.key === '-') setSpeed(SPEEDS[Math.max(0, speedIndex - 1)] ?? 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send, stepBack, isPlaying, speedIndex, setSpeed]);

  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <div className="controls__buttons">
        <button type="button" className="button button--primary" onClick={() => send({ type: 'TOGGLE' })} aria-pressed={isPlaying} title="Play or pause (Space)">
          <Icon name={isPlaying ? 'pause' : 'play'} />
          {isPlaying ? 'Pause' : 'Play'}
        </button>
        {/* "Back" is all the header has room for; the name keeps the whole "Step back". */}
        <button
          type="button"
          className="button"
          onClick={stepBack}
          disabled={isPlaying || stepNumber === 0}
          aria-label="Step back"
          title="Step back (←): the run is replayed from a checkpoint, exactly"
        >
          <Icon name="stepBack" />
          Back
        </button>
        <button type="button" className="button" onClick={() => send({ type: 'STEP' })} disabled={isPlaying} title="One step forward (→)">
          Step
          <Icon name="step" />
        </button>
        <button
          type="button"
          className="button button--icon"
          aria-label="Restart"
          title="Restart the scenario from its first step"
          onClick={() => {
            send({ type: 'PAUSE' });
            restart();
          }}
        >
          <Icon name="restart" />
        </button>
      </div>
      <label className="controls__speed" title="Playback speed (+ / −)">
        <span>Speed</span>
        <input type="range" min={0} max={SPEEDS.length - 1} step={1} value={speedIndex} aria-valuetext={`${speed}x`} onChange={(e) => setSpeed(SPEEDS[Number(e.target.value)] ?? 1)} />
        <output>{speed}x</output>
      </label>
      <label className="controls__toggle" title="Show internal steps: also stop at plumbing steps (records joining a batch, batches sent, acknowledgements, empty fetches)">
        <input type="checkbox" aria-label="Show internal steps" checked={showInternal} onChange={(e) => setShowInternal(e.target.checked)} />
        <span>Internal steps</span>
      </label>
      <span className="controls__clock" aria-label="Simulated time">
        Step {stepNumber} · t = {(time / 1000).toFixed(3)} s
      </span>
    </div>
  );
}
