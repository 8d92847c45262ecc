/**
 * Keeps a long conversation inside the context window, in three steps taken only while still needed:
 * 1. code the assistant wrote in older turns that has since been applied to a file (so the index has
 *    it again) is replaced by a reference to that file;
 * 2. older turns are summarised into one message (the recent turns stay verbatim);
 * 3. the oldest remaining turns are dropped, never the newest exchange.
 * A conversation that fits is returned unchanged, so the prompt prefix stays byte-identical across
 * turns and provider prompt caches hit.
 */
import type { ChatMessage, TokenCounter } from '../llm';
import type { HistoryTurn } from './chatTypes';

export type { HistoryTurn } from './chatTypes';

export type CompactionStep = 'none' | 'appliedCode' | 'summarised' | 'dropped';

export interface CompactedHistory {
  readonly messages: ChatMessage[];
  readonly step: CompactionStep;
}

/** Turns kept verbatim at the end (two exchanges). */
export const KEEP_RECENT = 4;

export function compactHistory(turns: readonly HistoryTurn[], budgetTokens: number, counter: TokenCounter, keepRecent = KEEP_RECENT): CompactedHistory {
  const cost = (ms: readonly ChatMessage[]) => ms.reduce((n, m) => n + counter.count(m.content) + 4, 0);
  let messages: ChatMessage[] = turns.map((t) => ({ role: t.role, content: t.content }));
  if (cost(messages) <= budgetTokens) return { messages, step: 'none' };

  const split = Math.max(0, turns.length - keepRecent);
  const older = turns.slice(0, split).map((t) => ({ role: t.role, content: replaceAppliedCode(t) }));
  const recent: ChatMessage[] = turns.slice(split).map((t) => ({ role: t.role, content: t.content }));
  messages = [...older, ...recent];
  if (cost(messages) <= budgetTokens) return { messages, step: 'appliedCode' };

  if (older.length) {
    messages = [{ role: 'user', content: summariseTurns(older) }, { role: 'assistant', content: 'Noted.' }, ...recent];
    if (cost(messages) <= budgetTokens) return { messages, step: 'summarised' };
  }

  // Still too long: drop the oldest recent turns, in whole exchanges, keeping the last one.
  let kept = recent;
  while (kept.length > 1 && cost(kept) > budgetTokens) kept = kept.slice(kept[0]!.role === 'user' && kept[1]?.role === 'assistant' ? 2 : 1);
  return { messages: kept, step: 'dropped' };
}

const FENCE = /(^|\n)(```|~~~)[^\n]*\n([\s\S]*?)\n\2[ \t]*(?=\n|$)/g;

/** The message with each applied code block replaced by a pointer to the file it went into. */
export function replaceAppliedCode(turn: HistoryTurn): string {
  if (turn.role !== 'assistant' || !turn.applied?.length) return turn.content;
  return turn.content.replace(FENCE, (whole, lead: string, _fence: string, code: string) => {
    const hit = turn.applied!.find((a) => a.code.trim() === code.trim());
    return hit ? `${lead}[code applied to ${hit.path}; its current version is in the workspace]` : whole;
  });
}

const SUMMARY_CHARS_PER_TURN = 240;

/** An extractive summary: what each older turn asked or answered, without its code. */
export function summariseTurns(turns: readonly ChatMessage[]): string {
  const lines = turns.map((t) => {
    const prose = t.content.replace(FENCE, '$1[code]').replace(/\s+/g, ' ').trim();
    const cut = prose.length > SUMMARY_CHARS_PER_TURN ? `${prose.slice(0, SUMMARY_CHARS_PER_TURN)}…` : prose;
    return `- ${t.role === 'user' ? 'User asked' : 'Assistant answered'}: ${cut}`;
  });
  return `Summary of the earlier conversation (older turns shortened to fit the context window):\n${lines.join('\n')}`;
}
