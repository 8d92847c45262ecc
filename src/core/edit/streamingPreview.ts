/**
 * What to show while a rewrite streams: the code the model has written so far, before the answer
 * is complete enough to apply. Display only — the final answer always goes through
 * `applyModelAnswer`, which refuses what this function happily shows (an unclosed fence).
 */
import { normalizeAnswer, stripPreamble } from './answerText';
import { parseFences } from './codeFences';

export interface StreamingPreview {
  /** The code so far (LF line endings); '' while the model is still in prose or reasoning. */
  readonly code: string;
  /** True once the code block has closed: later text is prose and will not change the code. */
  readonly complete: boolean;
}

export function streamingPreview(partialAnswer: string): StreamingPreview {
  const answer = normalizeAnswer(partialAnswer);
  const { blocks, prose } = parseFences(answer);
  const first = blocks[0];
  if (first) {
    // A trailing partial fence line ("``") of a block about to close is not code.
    const code = first.closed ? first.content : first.content.replace(/\n?[ \t]*`{1,2}$/, '');
    return { code, complete: first.closed };
  }
  // No fence yet: an answer that opens with a fence character may still become one.
  if (/^\s*`{1,2}$/.test(answer) || answer.trim() === '') return { code: '', complete: false };
  return { code: stripPreamble(prose).lines.join('\n'), complete: false };
}
