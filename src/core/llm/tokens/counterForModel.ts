import { estimateCounter } from './estimateTokens';
import { openAiEncoding, tiktokenCounter } from './tiktokenCounter';
import type { TokenCounter } from './tokenCounter';

/** The best counter for a model: its real tokenizer when Banyan has it, else the calibrated estimate. */
export function counterForModel(model: string): TokenCounter {
  const enc = openAiEncoding(model);
  return enc ? tiktokenCounter(enc) : estimateCounter;
}
