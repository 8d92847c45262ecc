/**
 * Zeta (Zed's first open edit-prediction model; Continue's Instinct uses the same markers): an
 * instruction, the user's edits as diffs under `### User Edits:`, the excerpt under `### User Excerpt:`
 * with `<|editable_region_start|>` … `<|user_cursor_is_here|>` … `<|editable_region_end|>`, then
 * `### Response:`. The model writes the excerpt again with the region rewritten; generation stops at
 * the end marker, and the text after the start marker is the region's new text.
 */
import { answerLines, leakedSentinel, normalizeEols } from './sentinels';
import type { NextEditFormat, NextEditPromptInput, ParsedAnswer } from './nextEditFormat';
import { contextAfter, contextBefore, eventHunk, regionWithCursor } from './promptParts';

export const ZETA_START = '<|editable_region_start|>';
export const ZETA_END = '<|editable_region_end|>';
export const ZETA_CURSOR = '<|user_cursor_is_here|>';
const START_OF_FILE = '<|start_of_file|>';

const INSTRUCTION = 'You are a code completion assistant and your task is to analyze user edits and then rewrite an excerpt that the user provides, suggesting the appropriate edits within the excerpt, taking into account the cursor location.';

export const zetaFormat: NextEditFormat = {
  id: 'zeta',
  description: 'Zeta / Instinct: ### User Edits diffs, excerpt with editable-region and cursor markers, rewritten region back',
  render(input) {
    const edits = input.events.map((e) => `User edited "${e.path}":\n\`\`\`diff\n${eventHunk(e)}\n\`\`\``).join('\n\n');
    const before = contextBefore(input);
    const excerpt = [
      `\`\`\`${input.path}`,
      ...(input.context.startLine === 0 ? [START_OF_FILE] : []),
      ...before,
      ZETA_START,
      ...regionWithCursor(input, ZETA_CURSOR),
      ZETA_END,
      ...contextAfter(input),
      '```',
    ].join('\n');
    const prompt = `### Instruction:\n${INSTRUCTION}\n\n### User Edits:\n\n${edits}\n\n### User Excerpt:\n\n${excerpt}\n\n### Response:\n`;
    return { kind: 'raw', prompt, stop: [ZETA_END] };
  },
  parse(answer, _input: NextEditPromptInput, truncated): ParsedAnswer {
    answer = normalizeEols(answer);
    if (truncated) return { kind: 'invalid', reason: 'the answer was cut off at the token limit' };
    const start = answer.indexOf(ZETA_START);
    if (start < 0) return { kind: 'invalid', reason: `no ${ZETA_START} in the answer` };
    let body = answer.slice(start + ZETA_START.length);
    if (body.startsWith('\r\n')) body = body.slice(2);
    else if (body.startsWith('\n')) body = body.slice(1);
    const end = body.indexOf(ZETA_END);
    if (end >= 0) body = body.slice(0, end);
    body = body.split(ZETA_CURSOR).join('');
    const leak = leakedSentinel(body);
    if (leak) return { kind: 'invalid', reason: `the region holds ${leak}` };
    return { kind: 'rewrite', lines: answerLines(body) };
  },
};
