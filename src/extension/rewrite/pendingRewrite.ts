import type * as vscode from 'vscode';
import type { EditSuccess, Range } from '../../core/edit/types';
import type { ReviewHunk } from '../../core/rewrite/reviewHunks';

export type HunkDecision = 'pending' | 'accepted' | 'rejected';

/** How a rewrite command ended, returned by the command (tests and callers read it). */
export type RewriteOutcome =
  | { readonly state: 'review'; readonly hunks: number }
  | { readonly state: 'unchanged' }
  | { readonly state: 'refused'; readonly code: string; readonly message: string }
  | { readonly state: 'stopped'; readonly reason: string; readonly message: string }
  | { readonly state: 'cancelled' };

/** One rewrite shown in an editor: streaming, then under review. Nothing is written before Accept. */
export interface PendingRewrite {
  readonly rewriteId: number;
  readonly document: vscode.TextDocument;
  /** The document version the proposal is computed against. */
  readonly version: number;
  readonly range: Range;
  readonly instruction: string;
  /** The document text when the rewrite started. */
  readonly original: string;
  phase: 'streaming' | 'review';
  hunks: readonly ReviewHunk[];
  decisions: HunkDecision[];
  result?: EditSuccess;
  answer?: string;
  /** Resolves the command that started this rewrite. */
  readonly settle: (outcome: RewriteOutcome) => void;
}
