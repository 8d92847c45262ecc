/** The vocabulary of one chat turn: what goes in, what streams out. */
import type { ModelRole } from '../llm';
import type { HistoryTurn } from './compactHistory';
import type { ChatMention } from './mentions';
import type { ChatTurnAttachment, ChatTurnReference, ChatTurnUsage } from '../../protocol/lsp';

/**
 * The streamed shapes of a turn are the wire shapes: declared once in src/protocol/lsp.ts, so what the
 * engine yields is exactly what the server forwards and the extension receives.
 */
export type {
  ChatTurnAttachment as ChatAttachment,
  ChatTurnEvent,
  ChatTurnReference as ChatReference,
  ChatTurnStep as ChatStep,
  ChatTurnUsage as ChatUsage,
} from '../../protocol/lsp';

export interface ChatTurnInput {
  readonly history: readonly HistoryTurn[];
  readonly question: string;
  readonly mentions: readonly ChatMention[];
  readonly attachments: readonly ChatTurnAttachment[];
  /** Which model role answers (the model picker). Default chat. */
  readonly role?: ModelRole;
}

export interface ChatTurnOutcome {
  readonly text: string;
  readonly usage: ChatTurnUsage;
  readonly references: readonly ChatTurnReference[];
  readonly model: string;
  /** Tool rounds the model used before answering. */
  readonly toolRounds: number;
  /** What the model reasoned before answering (all rounds), kept apart from `text`. */
  readonly thinking?: { readonly text: string; readonly durationMs: number };
}
