/** Partitions in a learner's words: "P0–P3" for a run of three or more, "P0, P2" otherwise (the canvas and the groups panel). */
export function partitionSpan(partitions: readonly number[]): string {
  const sorted = [...partitions].sort((a, b) => a - b);
  const isRun = sorted.every((p, i) => i === 0 || p === sorted[i - 1]! + 1);
  return isRun && sorted.length > 2 ? `P${sorted[0]!}–P${sorted.at(-1)!}` : sorted.map((p) => `P${p}`).join(', ');
}
