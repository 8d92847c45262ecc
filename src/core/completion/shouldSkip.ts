import { CLOSERS } from './text/splitCursorLine';

/** Why no suggestion is requested at this cursor (for the trace and the status tooltip). */
export type SkipReason = 'disabled' | 'languageDisabled' | 'snoozed' | 'fileTooLarge' | 'textAfterCursor';

export interface SkipSettings {
  /** Inline completions on at all. */
  enabled: boolean;
  /** VS Code language ids with completions off. */
  disabledLanguages: readonly string[];
  /** Documents longer than this (characters) are skipped: prompts from them are slow and rarely help. */
  maxDocumentChars: number;
  /** More than this many characters right of the cursor that are not closers means the user is editing inside code. */
  maxTextAfterCursor: number;
}

export const DEFAULT_SKIP_SETTINGS: SkipSettings = {
  enabled: true,
  disabledLanguages: ['plaintext', 'scminput'],
  maxDocumentChars: 1_000_000,
  maxTextAfterCursor: 1,
};

export interface SkipInput {
  languageId: string;
  documentLength: number;
  /** The cursor line right of the cursor. */
  lineSuffix: string;
  /** The user asked for a suggestion (keybinding): snooze and text after the cursor do not stop it. */
  explicit: boolean;
  /** Snoozed until this time (same clock as `now`), if snoozed. */
  snoozedUntil?: number;
  now: number;
}

/**
 * Whether to skip asking for a suggestion, and why. Checked before any other work, on every
 * keystroke, so it is cheap and pure.
 */
export function shouldSkip(input: SkipInput, settings: SkipSettings = DEFAULT_SKIP_SETTINGS): SkipReason | undefined {
  if (!settings.enabled) return 'disabled';
  if (settings.disabledLanguages.includes(input.languageId)) return 'languageDisabled';
  if (input.documentLength > settings.maxDocumentChars) return 'fileTooLarge';
  if (input.explicit) return undefined;
  if (input.snoozedUntil !== undefined && input.now < input.snoozedUntil) return 'snoozed';
  if (foreignCharsAfterCursor(input.lineSuffix) > settings.maxTextAfterCursor) return 'textAfterCursor';
  return undefined;
}

/** Characters right of the cursor other than whitespace and closers (`)` `]` `}` quotes `;` `,`). */
function foreignCharsAfterCursor(lineSuffix: string): number {
  let count = 0;
  for (const ch of lineSuffix) if (!CLOSERS.has(ch) && ch !== ' ' && ch !== '\t' && ch !== '\r') count++;
  return count;
}
