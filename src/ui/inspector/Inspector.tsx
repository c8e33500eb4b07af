import { useSimulationStore } from '../store/simulationStore';
import type { Selection } from '../store/selection';
import { BrokerInspector } from './BrokerInspector';
import { ConsumerInspector } from './ConsumerInspector';
import { GroupInspector } from './GroupInspector';
import { PartitionInspector } from './PartitionInspector';
import { ProducerInspector, TransactionInspector } from './ProducerInspector';
import { RecordInspector } from './RecordInspector';
import { TopicInspector } from './TopicInspector';
import './inspector.css';

function Content({ selection }: { selection: Selection }) {
  useSimulationStore((s) => s.revision);
  const state = useSimulationStore((s) => s.sim).state;
  switch (selection.kind) {
    case 'record':
      return <RecordInspector state={state} {...selection} />;
    case 'partition':
      return <PartitionInspector state={state} {...selection} />;
    case 'topic':
      return <TopicInspector state={state} topic={selection.topic} />;
    case 'group':
      return <GroupInspector state={state} groupId={selection.groupId} />;
    case 'consumer':
      return <ConsumerInspector state={state} clientId={selection.clientId} />;
    case 'producer':
      return <ProducerInspector state={state} clientId={selection.clientId} />;
    case 'broker':
      return <BrokerInspector state={state} brokerId={selection.brokerId} />;
    case 'transaction':
      return <TransactionInspector state={state} transactionalId={selection.transactionalId} />;
  }
}

/** Details of whatever the learner selected on the canvas, with the experiments on it. */
export function Inspector() {
  const selection = useSimulationStore((s) => s.selection);
  const select = useSimulationStore((s) => s.select);
  return (
    <section className="inspector" aria-label="Inspector">
      <header className="inspector__header">
        <h2 className="panel__title">Inspector</h2>
        {selection !== null && (
          <button type="button" className="button button--small" onClick={() => select(null)} aria-label="Close the inspector">Close</button>
        )}
      </header>
      {selection === null ? <p className="inspector__empty">Click a record, a partition (P0, P1…), a consumer, a producer or a broker to see its details, its history and what you can do to it.</p> : <Content selection={selection} />}
    </section>
  );
}
