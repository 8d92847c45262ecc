/**
 * The token sequence of a fill-in-the-middle prompt built from the model's own FIM tokens
 * (prefix-suffix-middle order, as llama.cpp's /infill does), cut to fit the context: the prefix keeps
 * its end and the suffix its start, the code nearest the cursor.
 */
export interface FimVocabulary {
  readonly prefix: number | null;
  readonly suffix: number | null;
  readonly middle: number | null;
  /** Plain text → tokens, special-token text not parsed (user code is never a control token). */
  tokenize(text: string): number[];
}

/** Share of the input budget the suffix may take when the prefix needs the rest. */
const SUFFIX_SHARE = 0.25;

export function hasFimTokens(v: Pick<FimVocabulary, 'prefix' | 'suffix' | 'middle'>): boolean {
  return v.prefix !== null && v.suffix !== null && v.middle !== null;
}

export function fimTokens(v: FimVocabulary, prefix: string, suffix: string, inputBudget: number): number[] {
  if (!hasFimTokens(v)) throw new Error('the model has no FIM tokens');
  const pre = v.tokenize(prefix);
  const suf = v.tokenize(suffix);
  const room = Math.max(0, inputBudget - 3);
  let sufKeep = Math.min(suf.length, Math.floor(room * SUFFIX_SHARE));
  const preKeep = Math.min(pre.length, room - sufKeep);
  sufKeep = Math.min(suf.length, room - preKeep);
  return [v.prefix!, ...pre.slice(pre.length - preKeep), v.suffix!, ...suf.slice(0, sufKeep), v.middle!];
}

/** How many leading tokens two sequences share (what the KV cache of the last request still holds). */
export function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
