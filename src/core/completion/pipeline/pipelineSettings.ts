import type { BanyanSettings } from '../../config/settings';
import type { MultilineRule } from '../multiline/decideMultiline';
import type { SkipSettings } from '../shouldSkip';

/** What the pipeline reads from the settings, resolved once per request. */
export interface PipelineSettings {
  readonly skip: SkipSettings;
  /** Token budget for repository context snippets. */
  readonly contextTokens: number;
  readonly prefixTokens: number;
  readonly suffixTokens: number;
  readonly debounceMaxMs: number;
  /** Context assembly gets at most this long; the prompt goes out without it after that. */
  readonly contextTimeBoxMs: number;
  /** Where a multi-line answer may be asked for. */
  readonly multiline?: MultilineRule;
}

export function pipelineSettings(s: BanyanSettings): PipelineSettings {
  return {
    skip: {
      enabled: s['completion.enabled'],
      disabledLanguages: s['completion.disabledLanguages'],
      maxDocumentChars: s['completion.maxDocumentKB'] * 1024,
      maxTextAfterCursor: 1,
    },
    contextTokens: s['completion.contextTokens'],
    prefixTokens: s['completion.prefixTokens'],
    suffixTokens: s['completion.suffixTokens'],
    debounceMaxMs: s['completion.debounceMaxMs'],
    contextTimeBoxMs: s['completion.contextTimeBoxMs'],
    multiline: s['completion.multiline'],
  };
}
