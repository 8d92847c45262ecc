/** Counts tokens the way one model's tokenizer does (exactly) or estimates them (conservatively). */
export interface TokenCounter {
  readonly name: string;
  /** True when this is the model's own tokenizer. */
  readonly exact: boolean;
  count(text: string): number;
}
