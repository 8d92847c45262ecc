/**
 * Builds a chat request's messages with the static parts first — system rules, then stable context
 * (repository overview, pinned files) — and marks them cacheable, then the conversation, then the new
 * turn. Providers with prompt caches (Anthropic via cache_control; OpenAI and DeepSeek by prefix)
 * then hit on every turn of a conversation.
 */
import type { ChatMessage } from '../types';

export interface ChatParts {
  readonly system: string;
  /** Context that stays the same across turns (most stable first). */
  readonly stableContext?: readonly string[];
  readonly history?: readonly ChatMessage[];
  /** Context for this turn only (search results, selection). */
  readonly turnContext?: string;
  readonly user: string;
}

export function assembleChat(p: ChatParts): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'system', content: p.system, cache: true }];
  const stable = (p.stableContext ?? []).filter(Boolean);
  if (stable.length) out.push({ role: 'user', content: stable.join('\n\n'), cache: true }, { role: 'assistant', content: 'Understood.' });
  out.push(...(p.history ?? []));
  out.push({ role: 'user', content: p.turnContext ? `${p.turnContext}\n\n${p.user}` : p.user });
  return out;
}
