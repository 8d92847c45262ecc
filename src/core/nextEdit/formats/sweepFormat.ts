/**
 * Sweep next-edit (open 0.5B/1.5B/7B models served by llama-server): `<|file_sep|>` sections — related
 * files, each recent edit as `path.diff` with `original:` and `updated:`, then `original/path` (the
 * region before the recent edits), `current/path` (the region now) and an open `updated/path` the model
 * completes with the region's new text, ending at the next `<|file_sep|>`.
 */
import { answerLines, leakedSentinel, normalizeEols } from './sentinels';
import type { NextEditFormat, ParsedAnswer } from './nextEditFormat';
import { regionBeforeEvents, regionLines } from './promptParts';

const SEP = '<|file_sep|>';

export const sweepFormat: NextEditFormat = {
  id: 'sweep',
  description: 'Sweep next-edit: <|file_sep|> sections for related files, diffs, original/current region, the model completes updated/',
  render(input) {
    const strip = (l: string) => l.replace(/\r$/, '');
    const parts: string[] = [];
    for (const r of input.related ?? []) parts.push(`${SEP}${r.path}\n${r.text}`);
    for (const e of input.events) parts.push(`${SEP}${e.path}.diff\noriginal:\n${e.oldLines.map(strip).join('\n')}\nupdated:\n${e.newLines.map(strip).join('\n')}`);
    parts.push(`${SEP}original/${input.path}\n${regionBeforeEvents(input).join('\n')}`);
    parts.push(`${SEP}current/${input.path}\n${regionLines(input).join('\n')}`);
    parts.push(`${SEP}updated/${input.path}\n`);
    return { kind: 'raw', prompt: parts.join('\n'), stop: [SEP, '<|endoftext|>'] };
  },
  parse(answer, _input, truncated): ParsedAnswer {
    answer = normalizeEols(answer);
    if (truncated) return { kind: 'invalid', reason: 'the answer was cut off at the token limit' };
    const leak = leakedSentinel(answer);
    if (leak) return { kind: 'invalid', reason: `the answer holds ${leak}` };
    return { kind: 'rewrite', lines: answerLines(answer) };
  },
};
