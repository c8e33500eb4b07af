/**
 * The application layer's side of the clients' notices (clients/clientNotices.ts): records reach the poll
 * loop, a forwarding transaction's end or failure reaches the loop waiting on it, and a process stopping
 * or starting stops or starts the instance's timers and memory.
 */
import { onShareRecordsPolled } from './shareLoop';
import type { ClientNotice } from '../clients/clientNotices';
import { requireConsumer } from '../clientLookup';
import type { SimContext } from '../kernel/context';
import { onForwardTransactionEnded, onForwardTransactionFailed, onRecordsPolled } from './pollLoop';
import { onInstanceRestarted, onInstanceStopped } from './services';

export function onClientNotice(ctx: SimContext, notice: ClientNotice): void {
  switch (notice.type) {
    case 'recordsPolled':
      onRecordsPolled(ctx, requireConsumer(ctx.state, notice.consumer), notice.batches);
      return;
    case 'shareRecordsPolled':
      onShareRecordsPolled(ctx, notice.consumer, notice.records);
      return;
    case 'transactionFailed':
      onForwardTransactionFailed(ctx, notice.producer);
      return;
    case 'transactionEnded':
      onForwardTransactionEnded(ctx, notice.producer, notice.isCommitted);
      return;
    case 'processStopped':
      onInstanceStopped(ctx, notice.service, notice.consumer);
      return;
    case 'processRestarted':
      onInstanceRestarted(ctx, notice.consumer);
      return;
  }
}
