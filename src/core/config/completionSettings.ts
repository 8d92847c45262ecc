import { booleanSetting, enumSetting, numberSetting, stringArraySetting } from './settingSpec';

/** Settings of inline (ghost-text) completions (src/core/completion). */
export const completionSettings = {
  'completion.enabled': booleanSetting(
    true,
    'Inline (ghost-text) suggestions as you type, and on request with `Alt+\\` (*Banyan: Trigger Inline Suggestion*). To pause them for a while, use *Banyan: Snooze Inline Suggestions* instead.',
  ),
  'completion.disabledLanguages': stringArraySetting(
    ['plaintext', 'scminput'],
    'Language ids (e.g. `markdown`, `json`) where no inline suggestion is requested.',
  ),
  'completion.contextTokens': numberSetting(
    1024,
    'Token budget for repository context in a completion prompt (definitions of the symbols near the cursor, similar snippets, recent edits). Sized for small local models; raise it for large-context models.',
    { minimum: 0, maximum: 16384, integer: true },
  ),
  'completion.prefixTokens': numberSetting(
    1024,
    'Tokens of the current file before the cursor sent with a completion request.',
    { minimum: 64, maximum: 16384, integer: true },
  ),
  'completion.suffixTokens': numberSetting(
    256,
    'Tokens of the current file after the cursor sent with a completion request.',
    { minimum: 0, maximum: 8192, integer: true },
  ),
  'completion.debounceMaxMs': numberSetting(
    350,
    'Upper bound of the adaptive wait after a keystroke before a suggestion is requested (the wait itself is learned from your typing rhythm and the model\'s latency; line starts and explicit requests do not wait).',
    { minimum: 0, maximum: 2000, integer: true },
  ),
  'completion.contextTimeBoxMs': numberSetting(
    150,
    'Milliseconds a suggestion waits for its repository context (definitions from other files, similar snippets); after that the prompt goes without it, so a slow index never holds the suggestion back. Raise it on a slow or busy machine to keep the context.',
    { minimum: 10, maximum: 10_000, integer: true },
  ),
  'completion.multiline': enumSetting(
    'emptyBlock',
    ['emptyBlock', 'endOfLine'] as const,
    'Where a suggestion may span several lines. Compare the two on your own code with `banyan eval --compare` (a settings file with this key).',
    [
      'Only in an empty block body (a function, loop or branch you just opened); elsewhere the rest of the line. Fast, and rarely wrong.',
      'Wherever nothing but closing brackets follows the cursor on its line, except in strings and comments (as Tabby does): more whole statements, longer and slower answers.',
    ],
  ),
  'completion.maxDocumentKB': numberSetting(
    1024,
    'Documents larger than this many KB get no inline suggestions.',
    { minimum: 16, maximum: 65536, integer: true },
  ),
} as const;
