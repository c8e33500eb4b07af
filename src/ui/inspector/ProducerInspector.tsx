import { producerView, type DeepReadonly, type SimState } from '../../engine';
import { producerExperiments } from '../experiments/experiments';
import { ExperimentButtons } from './ExperimentButtons';
import { Facts } from './Facts';
import { TXN_STATES } from './machineStateNames';
import { MachineStates } from './MachineStates';

/** The coordinator's view of one transactional.id: its state machine with the live state lit. */
export function TransactionInspector({ state, transactionalId }: { state: DeepReadonly<SimState>; transactionalId: string }) {
  const txn = state.transactions[transactionalId];
  if (txn === undefined) return <p>No transaction coordinator knows "{transactionalId}" yet (initTransactions() registers it).</p>;
  return (
    <>
      <h3 className="inspector__title">transaction {transactionalId}</h3>
      <Facts
        items={[
          ['state', txn.state],
          ['producer id / epoch', `${txn.producerId} / ${txn.producerEpoch}`],
          ['partitions', txn.partitions.length === 0 ? 'none' : txn.partitions.map((p) => `${p.topic}-${p.partition}`).join(', ')],
          [
            'offsets to commit',
            txn.pendingOffsets.length === 0 ? 'none' : txn.pendingOffsets.map((g) => `${g.groupId}: ${g.offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(', ')}`).join('; '),
          ],
          ['transaction.timeout.ms', txn.timeoutMs],
        ]}
      />
      <MachineStates label="Transaction states" states={TXN_STATES} current={txn.state} />
    </>
  );
}

/** A producer: its delivery settings, counters, and its transaction when it has a transactional.id. */
export function ProducerInspector({ state, clientId }: { state: DeepReadonly<SimState>; clientId: string }) {
  const p = producerView(state, clientId);
  if (p === undefined) return <p>There is no producer {clientId}.</p>;
  const transactionalId = p.config['transactional.id'];
  return (
    <>
      <h3 className="inspector__title">producer {clientId}</h3>
      <ExperimentButtons experiments={producerExperiments(state, clientId)} actor={`producer ${clientId}`} />
      <Facts
        items={[
          ['acks', p.config.acks],
          ['linger.ms', p.config['linger.ms']],
          ['batch.size', p.config['batch.size']],
          ['enable.idempotence', String(p.config['enable.idempotence'])],
          ['producer id / epoch', p.producerId < 0 ? 'none' : `${p.producerId} / ${p.producerEpoch}`],
          ['sent / acked / failed', `${p.sentCount} / ${p.ackedCount} / ${p.failedCount}`],
          ['client transaction state', p.txn?.state ?? 'not transactional'],
        ]}
      />
      {transactionalId !== null && <TransactionInspector state={state} transactionalId={transactionalId} />}
    </>
  );
}
