/**
 * Zeta2-style marker spans: the region is cut into blocks (at blank lines, at most a few lines each)
 * with `<|marker_1|>` … `<|marker_N|>` between them, and the model writes only the blocks that change:
 * `<|marker_i|>` new text `<|marker_j|>` replaces everything between those two markers. No span (or
 * `NO_EDITS`) means no change. Fewer output tokens than rewriting the whole region.
 */
import { answerLines, leakedSentinel, normalizeEols } from './sentinels';
import type { NextEditFormat, NextEditPromptInput, ParsedAnswer } from './nextEditFormat';
import { contextAfter, contextBefore, eventsAsDiff, regionLines, regionWithCursor } from './promptParts';

const BLOCK_LINES = 6;
const CURSOR = '<|user_cursor_is_here|>';
const marker = (i: number) => `<|marker_${i}|>`;
const MARKER = /<\|marker_(\d+)\|>/g;

/** Block start offsets (region-relative line indexes); block i spans [starts[i], starts[i+1]). */
export function blockStarts(lines: readonly string[]): number[] {
  const starts = [0];
  let last = 0;
  for (let i = 1; i < lines.length; i++) {
    if (i - last >= BLOCK_LINES || (lines[i - 1]!.trim() === '' && i - last >= 2)) {
      starts.push(i);
      last = i;
    }
  }
  return starts;
}

function withMarkers(lines: readonly string[], starts: readonly number[]): string[] {
  const out: string[] = [];
  starts.forEach((s, b) => {
    out.push(marker(b + 1));
    out.push(...lines.slice(s, starts[b + 1] ?? lines.length));
  });
  out.push(marker(starts.length + 1));
  return out;
}

export const zeta2Format: NextEditFormat = {
  id: 'zeta2',
  description: 'Zeta2-style: the region cut into marked blocks, the model writes only changed spans between two markers',
  render(input) {
    const starts = blockStarts(regionLines(input));
    const prompt = [
      '<|edit_history|>',
      eventsAsDiff(input.events),
      `<|current_file|>${input.path}`,
      ...contextBefore(input),
      ...withMarkers(regionWithCursor(input, CURSOR), starts),
      ...contextAfter(input),
      '<|predicted_edits|>',
      '',
    ].join('\n');
    return { kind: 'raw', prompt, stop: ['<|endoftext|>', '<|edit_history|>', '<|current_file|>'] };
  },
  parse(answer, input: NextEditPromptInput, truncated): ParsedAnswer {
    answer = normalizeEols(answer);
    if (truncated) return { kind: 'invalid', reason: 'the answer was cut off at the token limit' };
    const text = answer.trim();
    if (text === '' || text === 'NO_EDITS') return { kind: 'none' };
    const region = regionLines(input);
    const starts = blockStarts(region);
    const count = starts.length + 1;
    const lineOf = (m: number) => (m <= starts.length ? starts[m - 1]! : region.length);
    const spans: { from: number; to: number; lines: string[] }[] = [];
    const found = [...answer.matchAll(MARKER)];
    if (found.length < 2 || found.length % 2 !== 0) return { kind: 'invalid', reason: 'the answer has no complete marker span' };
    if (answer.slice(0, found[0]!.index).trim()) return { kind: 'invalid', reason: 'text before the first marker' };
    for (let k = 0; k < found.length; k += 2) {
      const open = found[k]!;
      const close = found[k + 1]!;
      const from = Number(open[1]);
      const to = Number(close[1]);
      if (!(from >= 1 && to > from && to <= count)) return { kind: 'invalid', reason: `marker span ${from}..${to} is not within 1..${count}` };
      if (spans.length && from < spans[spans.length - 1]!.to) return { kind: 'invalid', reason: 'marker spans overlap or go backwards' };
      let body = answer.slice(open.index! + open[0].length, close.index);
      if (body.startsWith('\n')) body = body.slice(1);
      body = body.split(CURSOR).join('');
      const leak = leakedSentinel(body);
      if (leak) return { kind: 'invalid', reason: `a span holds ${leak}` };
      const between = k + 2 < found.length ? answer.slice(close.index! + close[0].length, found[k + 2]!.index) : answer.slice(close.index! + close[0].length);
      if (between.trim()) return { kind: 'invalid', reason: 'text outside the marker spans' };
      spans.push({ from, to, lines: body === '' ? [] : answerLines(body) });
    }
    const out: string[] = [];
    let at = 0;
    for (const s of spans) {
      out.push(...region.slice(at, lineOf(s.from)), ...s.lines);
      at = lineOf(s.to);
    }
    out.push(...region.slice(at));
    return { kind: 'rewrite', lines: out };
  },
};
