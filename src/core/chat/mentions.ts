/**
 * `@` mentions. The panel sends them structured; the CLI and plain text use the written form
 * `@file:src/a.ts`, `@symbol:UserService`, `@codebase`, `@problems`, `@git`, parsed here.
 */
import type { ChatMention, ChatMentionKind } from './chatTypes';

export type { ChatMention, ChatMentionKind } from './chatTypes';

const MENTION = /(^|[\s(])@(file|symbol|codebase|problems|git)(?::(`[^`]+`|[^\s,;()]+))?(?=$|[\s,;.:!?)])/g;

export function parseMentions(text: string): { mentions: ChatMention[]; text: string } {
  const mentions: ChatMention[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    const kind = m[2] as ChatMentionKind;
    const value = m[3]?.replace(/^`|`$/g, '').replace(/[.:]+$/, '');
    if ((kind === 'file' || kind === 'symbol') && !value) continue; // needs a target
    const key = `${kind}:${value ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    mentions.push(value ? { kind, value } : { kind });
  }
  return { mentions, text };
}
