import { CompletionCache, type CompletionCacheOptions } from './completionCache';

/**
 * The following lines of a multi-line answer, ready before they are asked for. When the user accepts
 * the first line of a suggestion and presses Enter, the next line is already known: it is served
 * from here without a request (Cody calls this a "hot streak"). Entries are keyed by the document
 * before the new line (up to and including its newline) and the suffix, so the editor's
 * auto-indentation of the new line, whatever it is, can be matched against the cached line's own.
 */
export class NextLinesCache {
  private readonly cache: CompletionCache<string>;

  constructor(options: Partial<CompletionCacheOptions> = {}) {
    this.cache = new CompletionCache<string>({ capacity: 100, ...options });
  }

  /** Stores, for each line of `text` after the first, the rest of the answer from that line on. */
  store(prefix: string, suffix: string, text: string, now: number): void {
    const lines = text.split('\n');
    let before = prefix;
    for (let i = 0; i < lines.length - 1; i++) {
      before += lines[i] + '\n';
      const rest = lines.slice(i + 1).join('\n');
      if (rest.trim().length > 0) this.cache.set(before, suffix, rest, now);
    }
  }

  /**
   * The cached continuation for a cursor at the end of an indentation-only line, with the part of the
   * line's indentation the editor already typed removed. Undefined when none fits (including when the
   * editor indented deeper than the cached line).
   */
  lookup(prefix: string, suffix: string, now: number): string | undefined {
    const lineStart = prefix.lastIndexOf('\n') + 1;
    const typedIndent = prefix.slice(lineStart);
    if (typedIndent.trim().length > 0) return undefined;
    const rest = this.cache.get(prefix.slice(0, lineStart), suffix, now);
    if (rest === undefined || !rest.startsWith(typedIndent)) return undefined;
    return rest.slice(typedIndent.length);
  }
}
