/**
 * Which generation an owned partition's claim comes from: the sticky assignors trust a claim from a newer
 * generation over an older one, and a member that sent none counts as the default generation.
 */
import type { AssignorMember } from './types';

export const DEFAULT_GENERATION = -1;

export function generationOf(m: AssignorMember): number {
  return m.generation ?? DEFAULT_GENERATION;
}
