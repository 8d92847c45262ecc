import type { ShownSuggestion } from '../core/completion/economy/typedAheadReuse';

/**
 * Tells a word or line accept of the suggestion on screen from typing, by the document change it
 * causes: the editor inserts several characters at once, and they are the suggestion's next ones.
 * (VS Code 1.100's stable API has no partial-accept callback.) `grown` is how many characters the
 * change added; typing adds one at a time.
 */
export function detectPartialAccept(shown: ShownSuggestion, text: string, grown: number): 'partial' | 'full' | undefined {
  if (grown < 2) return undefined;
  const inserted = text.length - shown.prefix.length - shown.suffix.length;
  if (inserted <= 0 || inserted > shown.text.length) return undefined;
  if (!text.startsWith(shown.prefix) || !text.endsWith(shown.suffix)) return undefined;
  if (text.slice(shown.prefix.length, shown.prefix.length + inserted) !== shown.text.slice(0, inserted)) return undefined;
  return inserted === shown.text.length ? 'full' : 'partial';
}
