import { useState } from 'react';
import { topicView, type DeepReadonly, type SimState, type TopicConfig } from '../../engine';
import { topicExperiments } from '../experiments/experiments';
import { useSimulationStore } from '../store/simulationStore';
import { ExperimentButtons } from './ExperimentButtons';
import { ProduceForm } from './ProduceForm';

/** Turns the text a learner typed into the config's type, as kafka-configs parses it. */
function parseConfigValue(current: unknown, text: string): string | number | boolean {
  if (typeof current === 'number') return Number(text);
  if (typeof current === 'boolean') return text.trim() === 'true';
  return text.trim();
}

/** kafka-configs --alter --entity-type topics --add-config name=value */
function AlterConfigForm({ topic, configs }: { topic: string; configs: DeepReadonly<TopicConfig> }) {
  const act = useSimulationStore((s) => s.act);
  const names = Object.keys(configs) as (keyof TopicConfig)[];
  const [name, setName] = useState<keyof TopicConfig>(names[0]!);
  const [value, setValue] = useState(String(configs[names[0]!]));
  const submit = (e: React.SyntheticEvent) => {
    e.preventDefault();
    act({ type: 'alterTopicConfigs', topic, configs: { [name]: parseConfigValue(configs[name], value) } });
  };
  return (
    <form className="inspector__form" onSubmit={submit} aria-label={`Change a config of ${topic}`}>
      <h4>Change a config</h4>
      <label>
        config
        <select
          value={name}
          onChange={(e) => {
            const n = e.target.value as keyof TopicConfig;
            setName(n);
            setValue(String(configs[n]));
          }}
        >
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label>
        value <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={100} />
      </label>
      <button type="submit" className="button button--small">
        Apply
      </button>
    </form>
  );
}

/** A topic: its configs, its partitions, and the experiments on it. */
export function TopicInspector({ state, topic }: { state: DeepReadonly<SimState>; topic: string }) {
  const select = useSimulationStore((s) => s.select);
  const t = topicView(state, topic);
  if (t === undefined) return <p>Topic {topic} does not exist.</p>;
  return (
    <>
      <h3 className="inspector__title">topic {topic}</h3>
      <ExperimentButtons experiments={topicExperiments(state, topic)} actor={`topic ${topic}`} />
      <ul className="inspector__chips" aria-label="Partitions">
        {t.partitions.map((p) => (
          <li key={p.partition}>
            <button type="button" className="badge badge--button" onClick={() => select({ kind: 'partition', topic, partition: p.partition })}>
              {topic}-{p.partition}: {p.log.logStartOffset}…{p.log.logEndOffset}
            </button>
          </li>
        ))}
      </ul>
      <ProduceForm state={state} topic={topic} />
      <table className="inspector__table">
        <caption>Configs</caption>
        <tbody>
          {Object.entries(t.configs).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td>{String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AlterConfigForm topic={topic} configs={t.configs} />
    </>
  );
}
