/**
 * Any instruction model: the recent edits as a diff, the file excerpt in a fenced block with the region
 * between `<|editable_region_start|>` and `<|editable_region_end|>` and the cursor marked, and the rule
 * for the answer: the rewritten region in one fenced block, or exactly `NO_CHANGE`.
 */
import { parseFences } from '../../edit/codeFences';
import { answerLines, leakedSentinel, normalizeEols } from './sentinels';
import type { NextEditFormat, NextEditPromptInput, ParsedAnswer } from './nextEditFormat';
import { contextAfter, contextBefore, eventsAsDiff, regionWithCursor } from './promptParts';
import { ZETA_CURSOR, ZETA_END, ZETA_START } from './zetaFormat';

const NO_CHANGE = 'NO_CHANGE';

const SYSTEM = [
  'You predict the next edit a programmer makes, from the edits they just made and where their cursor is.',
  `Rewrite only the code between ${ZETA_START} and ${ZETA_END}: continue the change the edits started (update the remaining uses of a renamed name, the call sites of a changed signature, the matching line of a repeated change), or finish what the cursor is in the middle of.`,
  'Keep every other line exactly as it is. Do not undo or repeat the edits already made.',
  `Answer with the rewritten region in one fenced code block, without the markers. If nothing should change, answer exactly ${NO_CHANGE}.`,
].join('\n');

export const chatFormat: NextEditFormat = {
  id: 'chat',
  description: 'Any chat model: edits as a diff, the excerpt with region and cursor markers, answer = the rewritten region or NO_CHANGE',
  render(input) {
    const lang = input.languageId ?? '';
    const excerpt = [...contextBefore(input), ZETA_START, ...regionWithCursor(input, ZETA_CURSOR), ZETA_END, ...contextAfter(input)].join('\n');
    const edits = input.events.length ? `Recent edits, oldest first:\n\`\`\`diff\n${eventsAsDiff(input.events)}\n\`\`\`\n\n` : 'No recent edits.\n\n';
    const user = `${edits}File \`${input.path}\`:\n\`\`\`${lang}\n${excerpt}\n\`\`\`\n\nThe rewritten region, or ${NO_CHANGE}:`;
    return { kind: 'chat', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }], stop: [] };
  },
  parse(answer, _input: NextEditPromptInput, truncated): ParsedAnswer {
    answer = normalizeEols(answer);
    const text = answer.trim();
    if (text === NO_CHANGE || text === `\`${NO_CHANGE}\``) return { kind: 'none' };
    if (truncated) return { kind: 'invalid', reason: 'the answer was cut off at the token limit' };
    const { blocks } = parseFences(answer);
    if (blocks.length !== 1) return { kind: 'invalid', reason: blocks.length ? `${blocks.length} code blocks where one was asked for` : 'no code block in the answer' };
    const block = blocks[0]!;
    if (!block.closed) return { kind: 'invalid', reason: 'the code block is not closed' };
    let lines = answerLines(block.content).map((l) => l.split(ZETA_CURSOR).join(''));
    // A model that copied the markers around the region: take what is between them.
    const s = lines.findIndex((l) => l.trim() === ZETA_START);
    const e = lines.findIndex((l) => l.trim() === ZETA_END);
    if (s >= 0 && e > s) lines = lines.slice(s + 1, e);
    const leak = leakedSentinel(lines.join('\n'));
    if (leak) return { kind: 'invalid', reason: `the code holds ${leak}` };
    return { kind: 'rewrite', lines };
  },
};
