/**
 * How much each candidate counts in the ranking (rankLocations.ts): its kind of evidence, the source's
 * own score, and where it lies from the cursor. bench/nextEdit/fitRanking.ts fits them on next-edit
 * cases of repositories in neither set of bench:next-edit (how to refit: the header of that script).
 * The values below are still the hand-set ones (kind and score only): the first fit did not carry over
 * to the held-out set (figures in the commit that reverted it), so the place terms stay neutral until
 * a fit does.
 */
import type { LocationReason } from '../types';

export interface RankingWeights {
  /** Per kind of evidence (a renamed name's leftover use is nearly always edited next). */
  readonly reason: Readonly<Record<LocationReason, number>>;
  /** The source's own score is raised to this power (below 1: the sources' scales count for less). */
  readonly scorePower: number;
  /** Log-weights added for where the candidate lies: another file than the cursor's… */
  readonly otherFile: number;
  /** …another file the history already edited (on top of otherFile)… */
  readonly editedFile: number;
  /** …in the cursor's file, per log2(1 + distance / 10 lines) from the cursor… */
  readonly distance: number;
  /** …in the cursor's file, below the cursor. */
  readonly below: number;
  /** What a weaker candidate on the same line adds to the strongest one, as a share of its weight. */
  readonly mergeShare: number;
  /** What a candidate beside an already listed place keeps of its weight. */
  readonly adjacentFactor: number;
}

export const RANKING_WEIGHTS: RankingWeights = {
  reason: {
    'renamed-identifier': 10,
    'repeated-edit': 9,
    'similar-code': 5,
    diagnostic: 8,
    'changed-signature': 3,
    'missing-import': 4,
    'missing-definition': 4,
    'new-symbol-usage': 4,
    sibling: 3,
    'test-counterpart': 4,
    'test-of-edit': 1,
    'twin-file': 3,
    'recent-edit': 2,
    nearby: 1,
  },
  scorePower: 1,
  otherFile: 0,
  editedFile: 0,
  distance: 0,
  below: 0,
  mergeShare: 0.25,
  adjacentFactor: 0.5,
};
