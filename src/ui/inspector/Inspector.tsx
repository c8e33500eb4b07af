import { lazy, Suspense, useEffect } from 'react';
import { useSimulationStore } from '../store/simulationStore';
import { afterPaint } from '../store/afterPaint';
import './inspector.css';

/** Loaded when first needed, and fetched ahead just after the first paint so the first click does not wait. */
const loadContent = () => import('./InspectorContent');
const Content = lazy(loadContent);

/** Details of whatever the learner selected on the canvas, with the experiments on it. */
export function Inspector() {
  const selection = useSimulationStore((s) => s.selection);
  const select = useSimulationStore((s) => s.select);
  useEffect(() => afterPaint(() => void loadContent()), []);
  return (
    <section className="inspector" aria-label="Inspector">
      <header className="inspector__header">
        <h2 className="panel__title">Inspector</h2>
        {selection !== null && (
          <button type="button" className="button button--small" onClick={() => select(null)} aria-label="Close the inspector">
            Close
          </button>
        )}
      </header>
      {selection === null ? (
        <p className="inspector__empty">Click a record, a partition (P0, P1…), a consumer, a producer or a broker to see its details, its history and what you can do to it.</p>
      ) : (
        <Suspense fallback={<p className="inspector__empty">Loading the details…</p>}>
          <Content selection={selection} />
        </Suspense>
      )}
    </section>
  );
}
