/**
 * PartitionMovements (AbstractStickyAssignor): remembers which partitions moved between which members
 * during the general sticky assignment, so that when a partition of a topic must move from A to B and
 * another partition of that topic already moved from B to A, the earlier move is undone instead
 * (stickiness). The sets of moved partitions iterate as Java's HashSet would.
 */
import { tpKey } from '../../../shared/topicPartition';
import { javaHashOrder, topicPartitionHash } from '../../../shared/javaOrder';
import { sameTp } from './tp';
import type { TopicPartitionRef } from './types';

interface Pair {
  src: string;
  dst: string;
}

/** A HashSet<TopicPartition> that iterates in Java's order (bucket at its grown capacity, then insertion). */
class JavaTpSet {
  readonly items: TopicPartitionRef[] = [];
  private maxSize = 0;

  add(tp: TopicPartitionRef): void {
    if (this.items.some((x) => sameTp(x, tp))) return;
    this.items.push(tp);
    this.maxSize = Math.max(this.maxSize, this.items.length);
  }

  remove(tp: TopicPartitionRef): void {
    const i = this.items.findIndex((x) => sameTp(x, tp));
    if (i >= 0) this.items.splice(i, 1);
  }

  first(): TopicPartitionRef {
    return javaHashOrder(this.items, (tp) => topicPartitionHash(tp.topic, tp.partition), this.maxSize)[0]!;
  }
}

const pairKey = (src: string, dst: string) => `${src}\u0000${dst}`;

export class PartitionMovements {
  private readonly byTopic = new Map<string, Map<string, JavaTpSet>>();
  private readonly movements = new Map<string, Pair>();

  private removeRecord(tp: TopicPartitionRef): Pair {
    const key = tpKey(tp.topic, tp.partition);
    const pair = this.movements.get(key)!;
    this.movements.delete(key);
    const forTopic = this.byTopic.get(tp.topic)!;
    const set = forTopic.get(pairKey(pair.src, pair.dst))!;
    set.remove(tp);
    if (set.items.length === 0) forTopic.delete(pairKey(pair.src, pair.dst));
    if (forTopic.size === 0) this.byTopic.delete(tp.topic);
    return pair;
  }

  private addRecord(tp: TopicPartitionRef, pair: Pair): void {
    this.movements.set(tpKey(tp.topic, tp.partition), pair);
    let forTopic = this.byTopic.get(tp.topic);
    if (forTopic === undefined) {
      forTopic = new Map();
      this.byTopic.set(tp.topic, forTopic);
    }
    const key = pairKey(pair.src, pair.dst);
    let set = forTopic.get(key);
    if (set === undefined) {
      set = new JavaTpSet();
      forTopic.set(key, set);
    }
    set.add(tp);
  }

  movePartition(tp: TopicPartitionRef, oldConsumer: string, newConsumer: string): void {
    if (this.movements.has(tpKey(tp.topic, tp.partition))) {
      const existing = this.removeRecord(tp);
      if (existing.src !== newConsumer) this.addRecord(tp, { src: existing.src, dst: newConsumer });
    } else {
      this.addRecord(tp, { src: oldConsumer, dst: newConsumer });
    }
  }

  getTheActualPartitionToBeMoved(tp: TopicPartitionRef, oldConsumer: string, newConsumer: string): TopicPartitionRef {
    const forTopic = this.byTopic.get(tp.topic);
    if (forTopic === undefined) return tp;
    let from = oldConsumer;
    const moved = this.movements.get(tpKey(tp.topic, tp.partition));
    if (moved !== undefined) from = moved.src;
    const reverse = forTopic.get(pairKey(newConsumer, from));
    return reverse === undefined ? tp : reverse.first();
  }
}
