import { followsTheRun } from '../panels/followsTheRun';
import { useSimulationStore } from '../store/simulationStore';

/** The scenario's application state as tables (the order service's live feed, the waitroom's Redis). */
export const ScenarioTables = followsTheRun(function ScenarioTables() {
  const panels = useSimulationStore((s) => s.scenario.panels) ?? [];
  const state = useSimulationStore((s) => s.sim).state;
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
                <thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
                <tbody>
                  {rows.map((row, i) => (
                    <tr key={i}>{row.map((cell, j) => <td key={j}>{cell}</td>)}</tr>
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
