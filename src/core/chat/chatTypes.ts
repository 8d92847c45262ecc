/** The vocabulary of one chat turn: what goes in, what streams out. */
import type { ModelRole } from '../llm';
import type { HistoryTurn } from './compactHistory';
import type { ChatMention } from './mentions';

/** Context the editor attaches: the active file, a selection, diagnostics (@problems). */
export interface ChatAttachment {
  readonly kind: 'file' | 'selection' | 'problems' | 'text';
  readonly label: string;
  /** Absolute or workspace-relative path, for file and selection. */
  readonly path?: string;
  /** 0-based inclusive lines of a selection. */
  readonly startLine?: number;
  readonly endLine?: number;
  /** The text itself (selection, diagnostics); for a file, read from the index when absent. */
  readonly text?: string;
}

export interface ChatTurnInput {
  readonly history: readonly HistoryTurn[];
  readonly question: string;
  readonly mentions: readonly ChatMention[];
  readonly attachments: readonly ChatAttachment[];
  /** Which model role answers (the model picker). Default chat. */
  readonly role?: ModelRole;
}

export interface ChatStep {
  readonly id: string;
  readonly title: string;
  readonly status: 'running' | 'done' | 'error';
  readonly resultCount?: number;
  readonly detail?: string;
}

export interface ChatReference {
  /** Workspace-relative. */
  readonly path: string;
  /** 1-based inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly symbol?: string;
}

export interface ChatUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
}

export type ChatTurnEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'step'; readonly step: ChatStep }
  | { readonly type: 'usage'; readonly usage: ChatUsage }
  | { readonly type: 'references'; readonly references: readonly ChatReference[] };

export interface ChatTurnOutcome {
  readonly text: string;
  readonly usage: ChatUsage;
  readonly references: readonly ChatReference[];
  readonly model: string;
  /** Tool rounds the model used before answering. */
  readonly toolRounds: number;
}
