import { describe, expect, it } from 'vitest';
import { nextGroupState } from './groupMachine';
import { nextMemberState } from '../../clients/group/memberMachine';

describe('lifecycle machines', () => {
  it('walks a group through a rebalance as ClassicGroupState allows', () => {
    let s = nextGroupState('Empty', { type: 'REBALANCE' });
    expect(s).toBe('PreparingRebalance');
    s = nextGroupState(s, { type: 'JOIN_COMPLETED' });
    expect(s).toBe('CompletingRebalance');
    s = nextGroupState(s, { type: 'SYNC_COMPLETED' });
    expect(s).toBe('Stable');
    expect(nextGroupState(s, { type: 'REBALANCE' })).toBe('PreparingRebalance');
  });

  it('rejects transitions Kafka never makes', () => {
    expect(() => nextGroupState('Stable', { type: 'SYNC_COMPLETED' })).toThrow(/no transition from Stable/);
    expect(() => nextGroupState('Empty', { type: 'JOIN_COMPLETED' })).toThrow();
    expect(() => nextGroupState('Dead', { type: 'REBALANCE' })).toThrow();
    expect(() => nextMemberState('CRASHED', { type: 'JOIN_SENT' })).toThrow();
    expect(() => nextMemberState('UNJOINED', { type: 'SYNC_SUCCEEDED' })).toThrow();
  });

  it('lets a member crash from any live state and only restart from there', () => {
    for (const live of ['UNJOINED', 'PREPARING_REBALANCE', 'COMPLETING_REBALANCE', 'STABLE'] as const) {
      expect(nextMemberState(live, { type: 'CRASH' })).toBe('CRASHED');
    }
    expect(nextMemberState('CRASHED', { type: 'RESTART' })).toBe('UNJOINED');
  });
});

describe('transaction machine', () => {
  it("follows TransactionMetadata's transitions and refuses the rest", async () => {
    const { nextTxnState } = await import('../txn/txnMachine');
    expect(nextTxnState('Empty', { type: 'ADD' })).toBe('Ongoing');
    expect(nextTxnState('Ongoing', { type: 'FENCE' })).toBe('PrepareEpochFence');
    expect(nextTxnState('PrepareEpochFence', { type: 'ABORT' })).toBe('PrepareAbort');
    expect(nextTxnState('PrepareCommit', { type: 'COMPLETE' })).toBe('CompleteCommit');
    expect(() => nextTxnState('Empty', { type: 'COMMIT' })).toThrow();
    expect(() => nextTxnState('PrepareCommit', { type: 'ABORT' })).toThrow();
  });
});
