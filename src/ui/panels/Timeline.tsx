import { useEffect, useRef } from 'react';
import { useSimulationStore } from '../store/simulationStore';
import { keyByStep } from './keyByStep';

const SHOWN_MARKS = 40;

/** The run so far as a scrubber, with the control events marked; jump to any of them. */
export function Timeline() {
  const stepNumber = useSimulationStore((s) => s.frame.stepNumber);
  const known = useSimulationStore((s) => s.frame.knownSteps);
  const marks = useSimulationStore((s) => s.frame.marks);
  const seek = useSimulationStore((s) => s.seek);
  const max = Math.max(known, stepNumber, 1);
  const shown = marks.slice(-SHOWN_MARKS);
  const listRef = useRef<HTMLOListElement>(null);

  // The strip follows the run: the newest mark at or before this step comes into view at the strip's
  // right end (the one the learner just passed, or the one they jumped to). Only the strip scrolls,
  // never the page, so no scrollIntoView. In the next frame, as the narration does, to skip a forced layout.
  const followed = shown.findLastIndex((m) => m.step <= stepNumber);
  const followedStep = shown[followed]?.step;
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const list = listRef.current;
      const item = list?.children[Math.max(0, followed)];
      if (!list || !(item instanceof HTMLElement)) return;
      const start = item.offsetLeft; // the list is the items' offset parent (position: relative)
      const end = start + item.offsetWidth;
      if (start < list.scrollLeft) list.scrollLeft = start;
      else if (end > list.scrollLeft + list.clientWidth) list.scrollLeft = end - list.clientWidth;
    });
    return () => cancelAnimationFrame(frame);
  }, [followed, followedStep]);

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
      <ol ref={listRef} className="timeline__marks" aria-label="Marked events">
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
