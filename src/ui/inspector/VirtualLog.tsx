import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { DeepReadonly, LogRecord } from '../../engine';
import { useSimulationStore } from '../store/simulationStore';

const ROW_HEIGHT = 26;

function flags(r: DeepReadonly<LogRecord>): string {
  if (r.controlType !== null) return `${r.controlType} marker`;
  const list: string[] = [];
  if (r.value === null && r.key !== null) list.push('tombstone');
  if (r.isTransactional) list.push('txn');
  return list.join(', ');
}

/**
 * A partition's whole log as a table, rendering only the rows in view, so a million records cost
 * the same as twenty. Clicking a row inspects that record.
 */
export function VirtualLog({ topic, partition, records }: { topic: string; partition: number; records: readonly DeepReadonly<LogRecord>[] }) {
  const select = useSimulationStore((s) => s.select);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is meant to be used this way
  const virtualizer = useVirtualizer({ count: records.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  return (
    <div className="vlog" role="table" aria-label={`Log of ${topic}-${partition}`} aria-rowcount={records.length + 1}>
      <div className="vlog__row vlog__row--head" role="row" aria-rowindex={1}>
        <span role="columnheader">offset</span>
        <span role="columnheader">key</span>
        <span role="columnheader">value</span>
        <span role="columnheader">flags</span>
      </div>
      <div ref={scrollRef} className="vlog__scroll" tabIndex={0}>
        {records.length === 0 && <p className="inspector__empty">No records yet.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const r = records[item.index]!;
            return (
              <div
                key={r.offset}
                role="row"
                aria-rowindex={item.index + 2}
                className="vlog__row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => select({ kind: 'record', topic, partition, offset: r.offset })}
              >
                <span role="cell">{r.offset}</span>
                <span role="cell">{r.controlType !== null ? '' : (r.key ?? 'NULL')}</span>
                <span role="cell">{r.controlType !== null ? '' : (r.value ?? 'NULL')}</span>
                <span role="cell">{flags(r)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
