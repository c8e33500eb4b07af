import { partitionView, type DeepReadonly, type SimState } from '../../engine';
import { HISTORY_STEPS, useSimulationStore } from '../store/simulationStore';
import { seriesItems } from '../recorder/series';
import { kcatLine } from './kcat';
import { recordProvenance } from './provenance';

/** A record as kcat prints it, and its life so far: every trace entry that touched it. */
export function RecordInspector({ state, topic, partition, offset }: { state: DeepReadonly<SimState>; topic: string; partition: number; offset: number }) {
  const { history, historyFrom } = useSimulationStore((s) => s.frame);
  const select = useSimulationStore((s) => s.select);
  const record = partitionView(state, topic, partition)?.log.records.find((r) => r.offset === offset);
  const events = recordProvenance(seriesItems(history), { topic, partition, offset }, (producer) => {
    const config = state.producers[producer]?.config;
    return config === undefined ? null : { acks: config.acks, transactionalId: config['transactional.id'] };
  });
  return (
    <>
      <h3 className="inspector__title">
        record {topic}-{partition} @{offset}
      </h3>
      {record === undefined ? (
        <p className="inspector__note">This offset is no longer in the log (deleted by retention, compacted away or truncated); its history is below.</p>
      ) : (
        <pre className="inspector__code" aria-label="kcat">
          {kcatLine({ topic, partition, offset, key: record.key, value: record.value, headers: record.headers })}
        </pre>
      )}
      <button type="button" className="button button--small" onClick={() => select({ kind: 'partition', topic, partition })}>
        Inspect partition {topic}-{partition}
      </button>
      <h4>Provenance</h4>
      <ol className="provenance" aria-label="Provenance">
        {events.map((e, i) => (
          <li key={i} className={`provenance__event provenance__event--${e.kind}`}>
            <span className="provenance__when">
              step {e.step} · {(e.time / 1000).toFixed(3)} s
            </span>
            <span>{e.text}</span>
          </li>
        ))}
        {events.length === 0 && <li>Nothing in this run's history touched it yet.</li>}
      </ol>
      {historyFrom > 1 && (
        <p className="inspector__note">
          History is kept for the newest {HISTORY_STEPS.toLocaleString('en')} steps: what happened before step {historyFrom} is not listed.
        </p>
      )}
    </>
  );
}
