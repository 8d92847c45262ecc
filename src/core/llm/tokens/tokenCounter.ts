/** Counts tokens the way one model's tokenizer does (exactly) or estimates them (conservatively). */
export interface TokenCounter {
  readonly name: string;
  /** True when this is the model's own tokenizer. */
  readonly exact: boolean;
  count(text: string): number;
}

/**
 * `counter` with each distinct text counted once: fitting one prompt asks for the same prefix, suffix
 * and snippets several times (trimming snippets one at a time, then the prompt's size), and on the
 * completion path every count is latency. Meant for one prompt's build, not to be kept.
 */
export function countOnce(counter: TokenCounter): TokenCounter {
  const counts = new Map<string, number>();
  return {
    name: counter.name,
    exact: counter.exact,
    count(text) {
      let n = counts.get(text);
      if (n === undefined) counts.set(text, (n = counter.count(text)));
      return n;
    },
  };
}
