import { useState } from 'react';
import type { Command, DeepReadonly, RecordHeader, SimState } from '../../engine';
import { useSimulationStore } from '../store/simulationStore';

/** The producer a learner's hand-made records go through when the scenario has none. */
export const LEARNER_PRODUCER = 'learner';

/** "retryCount=1, source=web" → headers; a bare name is a header with a null value. */
export function parseHeaders(text: string): RecordHeader[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? { key: part, value: null } : { key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
    });
}

/** Produce one record with a chosen key, value and headers, through an existing producer (or a new "learner" one). */
export function ProduceForm({ state, topic }: { state: DeepReadonly<SimState>; topic: string }) {
  const act = useSimulationStore((s) => s.act);
  const producers = Object.keys(state.producers);
  const [producer, setProducer] = useState(producers[0] ?? LEARNER_PRODUCER);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [headers, setHeaders] = useState('');
  const submit = (e: React.SyntheticEvent) => {
    e.preventDefault();
    const commands: Command[] = [];
    if (state.producers[producer] === undefined) commands.push({ type: 'createProducer', clientId: producer });
    const parsed = parseHeaders(headers);
    commands.push({ type: 'send', producer, topic, key: key === '' ? null : key, value: value === '' ? null : value, ...(parsed.length === 0 ? {} : { headers: parsed }) });
    act(commands);
  };
  return (
    <form className="inspector__form" onSubmit={submit} aria-label={`Produce a record to ${topic}`}>
      <h4>Produce a record</h4>
      <label>
        producer
        <select value={producer} onChange={(e) => setProducer(e.target.value)}>
          {[...producers, ...(producers.includes(LEARNER_PRODUCER) ? [] : [LEARNER_PRODUCER])].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        key <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="empty = no key" maxLength={1000} />
      </label>
      <label>
        value <input value={value} onChange={(e) => setValue(e.target.value)} placeholder="empty = null (a tombstone with a key)" maxLength={10_000} />
      </label>
      <label>
        headers <input value={headers} onChange={(e) => setHeaders(e.target.value)} placeholder="name=value, name2=value2" maxLength={2000} />
      </label>
      <button type="submit" className="button button--small">
        Produce
      </button>
    </form>
  );
}
