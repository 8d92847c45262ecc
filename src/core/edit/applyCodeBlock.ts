/**
 * Chat "Apply to file": the webview knows which code block the user clicked, so the block's code
 * and language arrive separately, not inside an answer. A `diff` block is applied as a unified
 * diff, a block holding search/replace markers as blocks, anything else as the new code (the whole
 * file, or the one function it redefines). The block is fenced with a fence longer than any it
 * contains, so code that itself holds fences (a README) stays whole.
 */
import { applyModelAnswer } from './applyModelAnswer';
import { looksLikeSearchReplace } from './strategies/searchReplace';
import type { ApplyOptions, EditResult, EditStrategyName, EditTarget } from './types';

export interface CodeBlockToApply {
  readonly code: string;
  /** The fence's language tag, if any (`ts`, `diff`…). */
  readonly language?: string;
}

export function applyCodeBlock(original: string, block: CodeBlockToApply, target: EditTarget, options: Omit<ApplyOptions, 'strategy'> = {}): EditResult {
  const code = block.code.replace(/\r\n?/g, '\n');
  const language = block.language?.trim().toLowerCase() ?? '';
  const strategy: EditStrategyName = language === 'diff' || language === 'patch'
    ? 'unified-diff'
    : looksLikeSearchReplace(code) ? 'search-replace' : 'whole-replacement';
  const longest = Math.max(0, ...[...code.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const answer = `${fence}${language}\n${code}${code.endsWith('\n') ? '' : '\n'}${fence}\n`;
  return applyModelAnswer(original, answer, target, { ...options, strategy });
}
