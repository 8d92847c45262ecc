/**
 * How much each candidate counts in the ranking (rankLocations.ts): its kind of evidence, the source's
 * own score, and where it lies from the cursor. Fitted, not hand-set: bench/nextEdit/fitRanking.ts
 * re-ranks the candidates of next-edit cases built from repositories in neither the dev nor the
 * held-out set of bench:next-edit, and keeps the weights with the best mean reciprocal rank there
 * (how to refit: the header of that script). Fitted on 422 cases of 12 repositories (class-validator,
 * zod, got, hapi, koa, mocha, click, httpx, LocalAI, urfave/cli, spring-boot, gson; 40 per repository,
 * seed 7); `diagnostic` and `sibling` had no case and keep their hand-set weights.
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
    'renamed-identifier': 3.411,
    'repeated-edit': 12.037,
    'similar-code': 4.734,
    diagnostic: 8,
    'changed-signature': 2.468,
    'missing-import': 3.172,
    'new-symbol-usage': 1.635,
    sibling: 3,
    'test-counterpart': 3.899,
    'recent-edit': 4.268,
    nearby: 4.173,
  },
  scorePower: 0.799,
  otherFile: 1.028,
  editedFile: 1.195,
  distance: 0.273,
  below: 0.505,
  mergeShare: 0.25,
  adjacentFactor: 0.5,
};
