import { followsTheRun } from '../panels/followsTheRun';
import { useSimulationStore, type Frame } from '../store/simulationStore';
import { useFocusStore } from './focusStore';
import { openedChapters } from './latestChapter';
import './story.css';

/** The scenario's story: its introduction, the chapters the run has reached, and experiments to try. */
export const StoryPanel = followsTheRun(function StoryPanel({ frame }: { frame: Frame }) {
  const { scenario, state } = frame;
  const act = useSimulationStore((s) => s.act);
  const opened = openedChapters(frame);
  const latest = opened.at(-1);
  const showEverything = useFocusStore((s) => s.showEverything);
  const setShowEverything = useFocusStore((s) => s.setShowEverything);
  return (
    <section className="story" aria-labelledby="story-title">
      <h2 id="story-title" className="panel__title">
        Story
      </h2>
      {latest === undefined ? (
        <p className="story__text">{scenario.introduction}</p>
      ) : (
        <article className="story__chapter" aria-live="polite">
          <h3 className="story__chapter-title">
            <span className="story__count">
              {opened.length}/{scenario.chapters!.length}
            </span>{' '}
            {latest.title}
          </h3>
          <p className="story__text">{latest.text}</p>
          {latest.actors !== undefined && (
            <label className="story__focus">
              <input type="checkbox" checked={showEverything} onChange={(e) => setShowEverything(e.target.checked)} /> Show everything on the canvas
              <span className="story__focus-hint"> (unticked, what this chapter is not about is dimmed)</span>
            </label>
          )}
        </article>
      )}
      {opened.length > 1 && (
        <details className="story__earlier">
          <summary>Earlier chapters</summary>
          <ol>
            {opened.slice(0, -1).map((c) => (
              <li key={c.title}>
                <strong>{c.title}.</strong> {c.text}
              </li>
            ))}
          </ol>
        </details>
      )}
      {(scenario.experiments ?? []).length > 0 && (
        <div className="story__experiments" role="group" aria-label="Suggested experiments">
          {scenario.experiments!.map((x) => {
            const commands = x.commands(state);
            return (
              <button key={x.label} type="button" className="button button--small" title={x.description} disabled={commands.length === 0} onClick={() => act(commands)}>
                {x.label}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
});
