import { memo, useEffect, useRef, useState } from 'react';
import { useSimulationStore, type NarrationLine } from '../store/simulationStore';
import { keyByStep } from './keyByStep';

function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/**
 * Lines drawn until the learner asks for the earlier ones: a dozen are in view, and drawing all 500 the
 * store keeps cost a third of a step's time late in a long run.
 */
const SHOWN_LINES = 100;

/** Lines never change once written, so each is drawn once (memo on the line object). */
const NarrationItem = memo(function NarrationItem({ line }: { line: NarrationLine }) {
  return (
    <li className="narration__line">
      <span className="narration__meta">
        #{line.step} · {formatTime(line.time)}
      </span>
      <span>{line.text}</span>
    </li>
  );
});

/** One plain-language line per step, newest at the bottom, kept in view as the run goes. */
export function NarrationPanel() {
  const narration = useSimulationStore((s) => s.frame.narration);
  const [isShowingAll, setShowingAll] = useState(false);
  const hidden = isShowingAll ? 0 : Math.max(0, narration.length - SHOWN_LINES);
  const shown = hidden === 0 ? narration : narration.slice(hidden);
  const introduction = useSimulationStore((s) => s.frame.scenario.introduction);
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
      <h2 id="narration-title" className="panel__title">
        What happened
      </h2>
      {/* The introduction folds away once the run starts, so the narration keeps the room. */}
      <details className="narration__about" open={narration.length === 0}>
        <summary>About this scenario</summary>
        <p className="narration__intro">{introduction}</p>
      </details>
      {narration.length === 0 && (
        <p className="narration__empty">
          Press <strong>Step</strong> to watch the first record travel, or <strong>Play</strong> to let it run.
        </p>
      )}
      {hidden > 0 && (
        <button type="button" className="button button--small narration__earlier" onClick={() => setShowingAll(true)}>
          Show {hidden} earlier lines
        </button>
      )}
      <ol ref={listRef} className="narration__list" aria-label="Narration" aria-live="polite">
        {keyByStep(shown).map(({ key, item }) => (
          <NarrationItem key={key} line={item} />
        ))}
      </ol>
    </section>
  );
}
