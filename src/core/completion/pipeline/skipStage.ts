import { shouldSkip, type SkipReason } from '../shouldSkip';
import { lineSuffixOf } from '../text/splitCursorLine';
import type { PipelineSettings } from './pipelineSettings';
import type { CompletionInput } from './types';

/** Stage 1: whether this cursor gets no suggestion at all (cheap; runs on every keystroke). */
export function skipStage(input: CompletionInput, settings: PipelineSettings, snoozedUntil: number | undefined, now: number): SkipReason | undefined {
  const lineEnd = input.text.indexOf('\n', input.offset);
  const lineSuffix = lineSuffixOf(input.text.slice(input.offset, lineEnd < 0 ? input.text.length : lineEnd));
  return shouldSkip(
    {
      languageId: input.languageId,
      documentLength: input.text.length,
      lineSuffix,
      explicit: input.explicit,
      ...(snoozedUntil !== undefined ? { snoozedUntil } : {}),
      now,
    },
    settings.skip,
  );
}
