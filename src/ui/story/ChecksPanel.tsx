import { followsTheRun } from '../panels/followsTheRun';
import type { Frame } from '../store/simulationStore';

/** What the business would notice, found in the simulated logs as the run goes (not scripted). */
export const ChecksPanel = followsTheRun(function ChecksPanel({ frame }: { frame: Frame }) {
  const checks = frame.scenario.checks ?? [];
  const { state } = frame;
  if (checks.length === 0) return null;
  const results = checks.map((c) => ({ check: c, findings: c.findings(state) }));
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  return (
    <section className="checks" aria-labelledby="checks-title">
      <h2 id="checks-title" className="panel__title">
        Consequences {total > 0 && <span className="badge badge--danger">{total}</span>}
      </h2>
      <ul className="checks__list" aria-label="Consequences">
        {results.map(({ check, findings }) => (
          <li key={check.id} className={findings.length > 0 ? 'checks__check checks__check--fired' : 'checks__check'}>
            <span className="checks__title">{check.title}</span>
            <span className="checks__count">{findings.length === 0 ? 'not yet' : `${findings.length}×`}</span>
            {findings.length > 0 && (
              <ul className="checks__findings">
                {findings.slice(-3).map((f) => (
                  <li key={f.id}>{f.text}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});
