/**
 * Finds the `@` mention being typed at the caret. Two stages: `@fi` picks a kind (file, symbol,
 * codebase, problems, git); `@file:user` / `@symbol:User` queries the extension for matches.
 */
import type { MentionKind } from '../../src/protocol/webview';

export type MentionTrigger =
  | { readonly stage: 'kind'; readonly start: number; readonly end: number; readonly prefix: string }
  | { readonly stage: 'query'; readonly start: number; readonly end: number; readonly kind: 'file' | 'symbol'; readonly query: string };

export function findMentionTrigger(text: string, caret: number): MentionTrigger | null {
  const before = text.slice(0, caret);
  const m = /(?:^|\s)@([A-Za-z]*)(?::([^\s@]*))?$/.exec(before);
  if (!m) return null;
  const start = caret - m[0].length + (m[0].startsWith('@') ? 0 : 1);
  if (m[2] === undefined) return { stage: 'kind', start, end: caret, prefix: m[1].toLowerCase() };
  const kind = m[1].toLowerCase();
  if (kind !== 'file' && kind !== 'symbol') return null;
  return { stage: 'query', start, end: caret, kind, query: m[2] };
}

export interface MentionKindOption {
  readonly kind: MentionKind;
  readonly description: string;
}

export const MENTION_KIND_OPTIONS: readonly MentionKindOption[] = [
  { kind: 'file', description: 'A file from the workspace' },
  { kind: 'symbol', description: 'A function, class or type' },
  { kind: 'codebase', description: 'Search the whole codebase' },
  { kind: 'problems', description: 'Errors and warnings' },
  { kind: 'git', description: 'Uncommitted changes and recent commits' },
];

export function kindOptions(prefix: string): MentionKindOption[] {
  return MENTION_KIND_OPTIONS.filter((o) => o.kind.startsWith(prefix));
}
