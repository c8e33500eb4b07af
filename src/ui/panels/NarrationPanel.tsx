import { useEffect, useRef } from 'react';
import { useSimulationStore } from '../store/simulationStore';
import { keyByStep } from './keyByStep';

function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** One plain-language line per step, newest at the bottom, kept in view as the run goes. */
export function NarrationPanel() {
  const narration = useSimulationStore((s) => s.narration);
  const introduction = useSimulationStore((s) => s.scenario.introduction);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    // In the next frame, whose layout the browser does anyway: reading scrollHeight here, right after
    // the commit, would force an extra layout of the whole page on every step.
    const frame = requestAnimationFrame(() => {
      const list = listRef.current;
      if (list) list.scrollTop = list.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [narration]);

  return (
    <section className="narration" aria-labelledby="narration-title">
      <h2 id="narration-title" className="panel__title">What happened</h2>
      {/* The introduction folds away once the run starts, so the narration keeps the room. */}
      <details className="narration__about" open={narration.length === 0}>
        <summary>About this scenario</summary>
        <p className="narration__intro">{introduction}</p>
      </details>
      {narration.length === 0 && <p className="narration__empty">Press <strong>Step</strong> to watch the first record travel, or <strong>Play</strong> to let it run.</p>}
      <ol ref={listRef} className="narration__list" aria-label="Narration" aria-live="polite">
        {keyByStep(narration).map(({ key, item: line }) => (
          <li key={key} className="narration__line">
            <span className="narration__meta">#{line.step} · {formatTime(line.time)}</span>
            <span>{line.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
