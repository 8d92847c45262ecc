/**
 * When a next-edit prediction may go to the model, and when it need not (the request economy:
 * ≤ 15 model requests per 100 typed characters). On top of the completion's adaptive debounce:
 * - a prediction whose model request was wasted (aborted because the user typed on, or answered for a
 *   text the user had already changed) means the debounce read the user's pause wrong: the next waits
 *   after typing grow, by half the debounce per wasted prediction in a row (at most twice), until a
 *   prediction is answered for the text it was asked about;
 * - a request for the same document version and cursor position as the last answered one, with no
 *   edit anywhere since (a cursor trigger just after the edit's own, the editor asking again), gets
 *   that answer, no new prediction.
 *
 * Pure: callers pass times from their own clock.
 */
import { AdaptiveDebounce, type AdaptiveDebounceOptions } from '../completion/economy/adaptiveDebounce';

/** Each wasted prediction in a row adds this share of the debounce to the wait after typing. */
const BACKOFF_STEP = 0.5;
/** Most wasted predictions in a row that count (the wait grows to at most 1 + 2 × 0.5 = 2 debounces). */
const MAX_BACKOFF_STEPS = 2;

/** What a prediction was asked about: the document's version, the cursor, the time of the last edit anywhere. */
export interface EconomyPosition {
  readonly version: number;
  readonly line: number;
  readonly character: number;
  readonly lastEditAt: number;
}

export class NextEditEconomy {
  private readonly debounce: AdaptiveDebounce;
  private wastedInARow = 0;
  /** Per document: the last answered request and its answer (a suggestion's id, or none). */
  private readonly answers = new Map<string, EconomyPosition & { readonly id: string | undefined }>();

  constructor(debounce: Partial<AdaptiveDebounceOptions> = {}) {
    this.debounce = new AdaptiveDebounce(debounce);
  }

  recordKeystroke(atMs: number): void {
    this.debounce.recordKeystroke(atMs);
  }

  recordModelLatency(ms: number): void {
    this.debounce.recordModelLatency(ms);
  }

  /** How long to wait before predicting after an edit (other triggers do not wait). */
  delayAfterEdit(maxMs: number): number {
    const base = this.debounce.delayFor({ maxMs });
    return Math.round(base * (1 + BACKOFF_STEP * Math.min(this.wastedInARow, MAX_BACKOFF_STEPS)));
  }

  /** A prediction asked the model and its answer was of no use: aborted by a newer request, or stale. */
  recordWasted(): void {
    this.wastedInARow++;
  }

  /** A prediction was answered for the text it was asked about (with or without a suggestion). */
  recordAnswered(uri: string, at: EconomyPosition, id: string | undefined): void {
    this.wastedInARow = 0;
    this.answers.set(uri, { ...at, id });
  }

  /** The last answer, when this request asks exactly what it asked: `{ id }` (id undefined: no suggestion). */
  repeatOf(uri: string, at: EconomyPosition): { readonly id: string | undefined } | undefined {
    const a = this.answers.get(uri);
    const same = a && a.version === at.version && a.line === at.line && a.character === at.character && a.lastEditAt === at.lastEditAt;
    return same ? { id: a.id } : undefined;
  }

  /** The document was closed, or its last answer is no longer valid (the suggestion was settled). */
  forget(uri: string): void {
    this.answers.delete(uri);
  }

  /** For logs and tests. */
  snapshot(): { readonly wastedInARow: number } {
    return { wastedInARow: this.wastedInARow };
  }
}
