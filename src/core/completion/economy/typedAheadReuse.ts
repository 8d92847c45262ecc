/**
 * Typed-ahead reuse: while the user types the first characters of the suggestion on screen, the
 * rest is still the right suggestion, so it is served again with no new request. Once a typed
 * character differs from the suggestion, it is dropped.
 */
export interface ShownSuggestion {
  /** Document text before the cursor when the suggestion was shown. */
  prefix: string;
  /** Document text after the cursor when the suggestion was shown. */
  suffix: string;
  /** The suggestion's text, inserted at the cursor. */
  text: string;
  /** Characters right of the cursor the suggestion replaces (auto-closed brackets). */
  replaceAfter: number;
}

export type TypedAheadMatch =
  /** The user typed `typed`, a start of the suggestion: show `rest` now. */
  | { kind: 'reuse'; typed: string; rest: ShownSuggestion }
  /** The user typed something else: the suggestion no longer applies. */
  | { kind: 'diverged' }
  /** The user typed the whole suggestion. */
  | { kind: 'exhausted' }
  /** The cursor moved elsewhere (or back): this suggestion says nothing about it. */
  | { kind: 'unrelated' };

export function matchTypedAhead(shown: ShownSuggestion, prefix: string, suffix: string): TypedAheadMatch {
  if (prefix.length < shown.prefix.length || !prefix.startsWith(shown.prefix)) return { kind: 'unrelated' };
  // Typing over an auto-closed `)` the suggestion replaces removes it from the suffix; otherwise the
  // suffix must be untouched.
  const overtyped = shown.suffix.length - suffix.length;
  if (overtyped < 0 || overtyped > shown.replaceAfter || !shown.suffix.endsWith(suffix)) return { kind: 'unrelated' };
  const typed = prefix.slice(shown.prefix.length);
  if (!shown.text.startsWith(typed)) return { kind: 'diverged' };
  if (typed.length === shown.text.length) return { kind: 'exhausted' };
  if (typed.length === 0 && overtyped === 0) return { kind: 'reuse', typed, rest: shown };
  return {
    kind: 'reuse',
    typed,
    rest: { prefix, suffix, text: shown.text.slice(typed.length), replaceAfter: shown.replaceAfter - overtyped },
  };
}

/** Holds the suggestion on screen and answers, per keystroke, whether it can be served again. */
export class TypedAheadTracker {
  private shown: ShownSuggestion | undefined;

  show(suggestion: ShownSuggestion): void {
    this.shown = suggestion;
  }

  clear(): void {
    this.shown = undefined;
  }

  get current(): ShownSuggestion | undefined {
    return this.shown;
  }

  /** The rest of the shown suggestion if the user has been typing it; drops it once they diverge. */
  match(prefix: string, suffix: string): ShownSuggestion | undefined {
    if (!this.shown) return undefined;
    const result = matchTypedAhead(this.shown, prefix, suffix);
    if (result.kind === 'reuse') {
      this.shown = result.rest;
      return result.rest;
    }
    if (result.kind === 'diverged' || result.kind === 'exhausted') this.shown = undefined;
    return undefined;
  }
}
