/**
 * A stable colour per record key, so a learner can follow one customer's records across partitions
 * and steps. Derived from Kafka's own murmur2 so the colour never depends on render order.
 */
import { murmur2, toPositive, utf8Bytes } from '../../engine';

/** Calm, distinguishable fills that keep dark text readable (WCAG AA on each). */
export const KEY_PALETTE = ['#9ad0c2', '#f4c095', '#b8c0ff', '#f7a8b8', '#c5e1a5', '#ffe08a', '#a0d2eb', '#d7b8f3', '#f2b5a0', '#b5e3d8'];
export const NO_KEY_COLOR = '#d9dde3';

export function keyColor(key: string | null): string {
  if (key === null) return NO_KEY_COLOR;
  // A second hash of the key (with a salt) so colours do not simply repeat the partition choice.
  return KEY_PALETTE[toPositive(murmur2(utf8Bytes(`colour:${key}`))) % KEY_PALETTE.length]!;
}
