import { useSimulationStore } from '../store/simulationStore';
import { keyByStep } from './keyByStep';

/** The run so far as a scrubber, with the control events marked; jump to any of them. */
export function Timeline() {
  const stepNumber = useSimulationStore((s) => s.stepNumber);
  const known = useSimulationStore((s) => s.stepEnds.length - 1);
  const marks = useSimulationStore((s) => s.marks);
  const seek = useSimulationStore((s) => s.seek);
  const max = Math.max(known, stepNumber, 1);
  const shown = marks.slice(-40);
  return (
    <section className="timeline" aria-label="Timeline">
      <input
        type="range"
        className="timeline__range"
        min={0}
        max={max}
        step={1}
        value={stepNumber}
        aria-label="Seek"
        aria-valuetext={`Step ${stepNumber} of ${max}`}
        onChange={(e) => seek(Number(e.target.value))}
      />
      <ol className="timeline__marks" aria-label="Marked events">
        {keyByStep(shown).map(({ key, item: m }) => (
          <li key={key}>
            <button type="button" className={m.step === stepNumber ? 'timeline__mark timeline__mark--current' : 'timeline__mark'} onClick={() => seek(m.step)} title={`Go to step ${m.step}`}>
              {m.step}: {m.label}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
