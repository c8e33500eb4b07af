import { followsTheRun } from '../panels/followsTheRun';
import type { Frame } from '../store/simulationStore';

/** The scenario's application state as tables (the order service's live feed, the waitroom's Redis). */
export const ScenarioTables = followsTheRun(function ScenarioTables({ frame }: { frame: Frame }) {
  const panels = frame.scenario.panels ?? [];
  const { state } = frame;
  if (panels.length === 0) return null;
  return (
    <>
      {panels.map((panel) => {
        const { columns, rows } = panel.table(state);
        return (
          <section key={panel.title} className="app-table" aria-label={panel.title}>
            <h2 className="panel__title">{panel.title}</h2>
            {rows.length === 0 ? (
              <p className="story__text">Nothing yet.</p>
            ) : (
              <table className="app-table__table">
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, i) => (
                    <tr key={i}>
                      {row.map((cell, j) => (
                        <td key={j}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
});
