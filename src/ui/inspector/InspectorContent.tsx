/**
 * The Inspector's views, one per kind of selection. Loaded on demand (Inspector.tsx): with its record
 * history (virtualised) and produce form it is a tenth of the page's script, and nothing shows it until
 * the learner selects something.
 */
import type { Selection } from '../store/selection';
import { useSimulationStore } from '../store/simulationStore';
import { BrokerInspector } from './BrokerInspector';
import { ConsumerInspector } from './ConsumerInspector';
import { ShareConsumerInspector } from './ShareConsumerInspector';
import { ShareGroupInspector } from './ShareGroupInspector';
import { GroupInspector } from './GroupInspector';
import { PartitionInspector } from './PartitionInspector';
import { ProducerInspector, TransactionInspector } from './ProducerInspector';
import { RecordInspector } from './RecordInspector';
import { TopicInspector } from './TopicInspector';

export default function InspectorContent({ selection }: { selection: Selection }) {
  const { state } = useSimulationStore((s) => s.frame);
  switch (selection.kind) {
    case 'record':
      return <RecordInspector state={state} {...selection} />;
    case 'partition':
      return <PartitionInspector state={state} {...selection} />;
    case 'topic':
      return <TopicInspector state={state} topic={selection.topic} />;
    case 'group':
      return state.shareGroups[selection.groupId] === undefined ? <GroupInspector state={state} groupId={selection.groupId} /> : <ShareGroupInspector state={state} groupId={selection.groupId} />;
    case 'consumer':
      return state.shareConsumers[selection.clientId] === undefined ? (
        <ConsumerInspector state={state} clientId={selection.clientId} />
      ) : (
        <ShareConsumerInspector state={state} clientId={selection.clientId} />
      );
    case 'producer':
      return <ProducerInspector state={state} clientId={selection.clientId} />;
    case 'broker':
      return <BrokerInspector state={state} brokerId={selection.brokerId} />;
    case 'transaction':
      return <TransactionInspector state={state} transactionalId={selection.transactionalId} />;
  }
}
