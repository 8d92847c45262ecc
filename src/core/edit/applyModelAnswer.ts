/**
 * The single entry point: a model answer and the document it is for in, either the exact edits or
 * a refusal with its reason out. Every caller (rewrite, chat Apply, the agent's edit tool, the CLI)
 * goes through here, so the guarantees in `index.ts` hold for all of them.
 */
import { normalizeAnswer } from './answerText';
import { computeTextEdits } from './computeTextEdits';
import { detectStrategy } from './detectStrategy';
import { locateRegion } from './editRegion';
import type { EditStrategy } from './strategies/editStrategy';
import { searchReplace } from './strategies/searchReplace';
import { unifiedDiff } from './strategies/unifiedDiff';
import { wholeReplacement } from './strategies/wholeReplacement';
import type { ApplyOptions, EditFailure, EditResult, EditStrategyName, EditTarget } from './types';

export const EDIT_STRATEGIES: Readonly<Record<EditStrategyName, EditStrategy>> = {
  'whole-replacement': wholeReplacement,
  'unified-diff': unifiedDiff,
  'search-replace': searchReplace,
};

export function applyModelAnswer(original: string, answer: string, target: EditTarget, options: ApplyOptions = {}): EditResult {
  if (options.truncated) {
    return refuse('truncated-answer', 'The model stopped at its output token limit, so the answer is incomplete and is not applied. Raise the limit or ask for a smaller change.', options.strategy);
  }
  const located = locateRegion(original, target, options.languageId);
  if ('error' in located) return refuse('invalid-range', located.error, options.strategy);
  const clean = normalizeAnswer(answer);
  const strategy = EDIT_STRATEGIES[options.strategy ?? detectStrategy(clean)];
  if (clean.trim() === '') {
    return refuse('empty-answer', 'The model\'s answer is empty, so nothing was changed. Ask again, or rephrase the instruction.', strategy.name);
  }

  const outcome = strategy.apply({ answer: clean, region: located.region, options });
  const splice = (regionText: string) => original.slice(0, located.start) + regionText + original.slice(located.end);
  if (!outcome.ok) {
    const candidate = outcome.candidate === undefined ? undefined
      : outcome.candidate.kind === 'region'
        ? { kind: 'document' as const, text: splice(asRegionText(outcome.candidate.text, located.region.eol, located.region.endsWithBreak)) }
        : { kind: 'answer' as const, text: outcome.candidate.text };
    return { ok: false, strategy: strategy.name, code: outcome.code, message: outcome.message, ...(candidate ? { candidate } : {}) };
  }
  const newText = splice(outcome.text);
  const { edits, hunks } = computeTextEdits(original, newText);
  return { ok: true, strategy: strategy.name, edits, newText, hunks, notes: outcome.notes };
}

/** The model's code (LF) as text for the region: the file's line ending, and a final break where the region had one. */
function asRegionText(code: string, eol: string, endsWithBreak: boolean): string {
  const text = endsWithBreak && !code.endsWith('\n') ? `${code}\n` : code;
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function refuse(code: EditFailure['code'], message: string, strategy?: EditStrategyName): EditFailure {
  return strategy ? { ok: false, strategy, code, message } : { ok: false, code, message };
}
