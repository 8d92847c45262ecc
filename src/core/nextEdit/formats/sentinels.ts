/**
 * Every marker and special token a next-edit format or a model family uses. None may reach the
 * document: an answer that still holds one after its format took its own markers out is refused.
 */
const SENTINELS = [
  '<|editable_region_start|>', '<|editable_region_end|>', '<|user_cursor_is_here|>', '<|start_of_file|>', '<|end_of_file|>',
  '<|file_sep|>', '<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>',
  '<|repo_name|>', '<|cursor|>', '<|code_to_edit|>', '<|current_file_content|>', '<|edit_diff_history|>', '<|area_around_code_to_edit|>',
  '<|recently_viewed_code_snippets|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>',
  '<|EOT|>', '<|eot_id|>', '</s>', '<CURSOR>', '<<<CURSOR>>>', '<|marker_', 'NO_EDITS', 'NO_CHANGE',
];

/** The first sentinel found in `text`, or undefined. */
export function leakedSentinel(text: string): string | undefined {
  return SENTINELS.find((s) => text.includes(s));
}

/** Splits an answer into lines, dropping one trailing newline (the last line's terminator). */
export function answerLines(text: string): string[] {
  const t = text.endsWith('\n') ? text.slice(0, -1) : text;
  return t.split('\n').map((l) => l.replace(/\r$/, ''));
}

/** A model's line endings say nothing: answers are read with \n only (the document's own ending is applied later). */
export function normalizeEols(answer: string): string {
  return answer.replace(/\r\n?/g, '\n');
}
