/** What the learner has selected on the canvas; the Inspector shows it (issue 9 puts it in the link). */
export type Selection =
  | { kind: 'record'; topic: string; partition: number; offset: number }
  | { kind: 'partition'; topic: string; partition: number }
  | { kind: 'topic'; topic: string }
  | { kind: 'group'; groupId: string }
  | { kind: 'consumer'; clientId: string }
  | { kind: 'producer'; clientId: string }
  | { kind: 'broker'; brokerId: number }
  | { kind: 'transaction'; transactionalId: string };

export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
