/**
 * Exact counts for OpenAI models with js-tiktoken: o200k_base for GPT-4o/4.1/5 and o-series,
 * cl100k_base for GPT-4/3.5 and text-embedding-3. Rank tables load on first use (a few MB).
 */
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import type { TokenCounter } from './tokenCounter';

type Encoding = 'o200k_base' | 'cl100k_base';
const cache = new Map<Encoding, Tiktoken>();

function encoder(name: Encoding): Tiktoken {
  let t = cache.get(name);
  if (!t) {
    // require() keeps the multi-megabyte tables out of start-up until an OpenAI model is used.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranks = name === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base');
    t = new Tiktoken(((ranks as { default?: TiktokenBPE }).default ?? ranks) as TiktokenBPE);
    cache.set(name, t);
  }
  return t;
}

/** The encoding an OpenAI model uses, or undefined for models tiktoken does not describe. */
export function openAiEncoding(model: string): Encoding | undefined {
  const m = model.toLowerCase().split('/').pop() ?? '';
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss)/.test(m)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)/.test(m)) return 'cl100k_base';
  return undefined;
}

export function tiktokenCounter(encoding: Encoding): TokenCounter {
  return {
    name: encoding,
    exact: true,
    // Special-token text in user content is counted as plain text, as the API does.
    count: (text) => encoder(encoding).encode(text, [], []).length,
  };
}
