/**
 * The vocabulary of one chat turn: what goes in, what streams out. The streamed shapes are also the
 * wire shapes: src/protocol/lsp.ts re-exports them (as ChatTurn*), so what the engine yields is
 * exactly what the server forwards and the extension receives.
 */
import type { ModelRole } from '../llm';

export type ChatMentionKind = 'file' | 'symbol' | 'codebase' | 'problems' | 'git';
export interface ChatMention {
  readonly kind: ChatMentionKind;
  /** Workspace path (file) or symbol name. */
  readonly value?: string;
}

/** Context the editor attaches: the active file, a selection, diagnostics (@problems). */
export interface ChatAttachment {
  readonly kind: 'file' | 'selection' | 'problems' | 'text';
  readonly label: string;
  /** Absolute or workspace-relative path (file, selection). */
  readonly path?: string;
  /** 0-based inclusive lines of a selection. */
  readonly startLine?: number;
  readonly endLine?: number;
  readonly text?: string;
}

/** A message of the conversation, with the code blocks of it that were applied, and where. */
export interface HistoryTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  /** Code blocks of this answer the user applied, and where (compaction replaces them by a reference). */
  readonly applied?: readonly { readonly path: string; readonly code: string }[];
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
  /** The model's reasoning as it streams: shown folded above the answer, never part of it. */
  | { readonly type: 'thinking'; readonly text: string }
  /** The reasoning so far ended (the answer started); its total duration in this turn. */
  | { readonly type: 'thought'; readonly durationMs: number }
  | { readonly type: 'step'; readonly step: ChatStep }
  | { readonly type: 'usage'; readonly usage: ChatUsage }
  | { readonly type: 'references'; readonly references: readonly ChatReference[] };

export interface ChatTurnInput {
  readonly history: readonly HistoryTurn[];
  readonly question: string;
  readonly mentions: readonly ChatMention[];
  readonly attachments: readonly ChatAttachment[];
  /** Which model role answers (the model picker). Default chat. */
  readonly role?: ModelRole;
}

export interface ChatTurnOutcome {
  readonly text: string;
  readonly usage: ChatUsage;
  readonly references: readonly ChatReference[];
  readonly model: string;
  /** Tool rounds the model used before answering. */
  readonly toolRounds: number;
  /** What the model reasoned before answering (all rounds), kept apart from `text`. */
  readonly thinking?: { readonly text: string; readonly durationMs: number };
}
