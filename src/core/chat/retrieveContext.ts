/**
 * Codebase retrieval for a chat question: BM25 over chunks, symbol-name matches (definitions of the
 * identifiers the question names) and, when an embedding model is configured, cosine similarity of
 * the candidates to the question; fused by reciprocal rank, de-duplicated (overlapping ranges of a
 * file), reranked (definitions of named identifiers first) and cut to a token budget.
 */
import type { CodeIndex } from '../index/codeIndex';
import { tokenize } from '../index/search/tokenizer';
import type { TokenCounter } from '../llm';
import { definitionSnippet } from './chatTools';
import { cosine, type EmbeddingCache } from './embeddingCache';
import { fuseRankings, type Ranked } from './fuseRankings';
import type { QueryTerms } from './queryTerms';
import type { Snippet, SnippetSource } from './snippet';

export type RetrievalIndex = Pick<CodeIndex, 'searchTerms' | 'symbols' | 'findSymbols' | 'linesOf'>;

export interface RetrievalOptions {
  readonly budgetTokens: number;
  readonly counter: TokenCounter;
  /** Most snippets returned. */
  readonly limit?: number;
  /** Embeds texts (the embeddings role); absent when no embedding model is configured. */
  readonly embed?: (texts: readonly string[]) => Promise<readonly (readonly number[])[]>;
  readonly embeddingCache?: EmbeddingCache;
  /** The full question text, for embeddings. */
  readonly question?: string;
  /** Told when the embedding call fails; retrieval then goes on without embeddings. */
  readonly onEmbeddingError?: (err: unknown) => void;
}

const CANDIDATES = 30;

export async function retrieveContext(index: RetrievalIndex, terms: QueryTerms, options: RetrievalOptions): Promise<Snippet[]> {
  const searchTerms = [...new Set([...terms.identifiers.flatMap((i) => tokenize(i)), ...terms.keywords])];
  if (!searchTerms.length && !terms.identifiers.length) return [];

  const bm25: Ranked<Snippet>[] = index.searchTerms(searchTerms, 'bm25', { limit: CANDIDATES }).flatMap((h) =>
    h.text === undefined ? [] : [{ key: key(h.path, h.startLine), item: snippet(h.path, h.rel, h.startLine, h.endLine, h.text, h.symbol, 'bm25') }],
  );

  const symbolHits: Ranked<Snippet>[] = [];
  // Identifiers by name (fuzzy when nothing is exact); plain words only when a symbol has exactly that
  // name (a lower-case function name typed as a word: "how does pluralize work").
  const lookups = [...terms.identifiers.slice(0, 8).map((name) => ({ name, fuzzy: true })), ...terms.keywords.filter((k) => k.length >= 4).slice(0, 8).map((name) => ({ name, fuzzy: false }))];
  for (const { name: ident, fuzzy } of lookups) {
    let hits = index.symbols(ident, { ignoreCase: true, limit: 5 });
    if (!hits.length && fuzzy && ident.length >= 4) hits = index.findSymbols(ident, 3);
    for (const s of hits) {
      const k = key(s.path, s.startLine);
      if (symbolHits.some((h) => h.key === k)) continue;
      const item = definitionSnippet(index, s, 'symbol');
      if (item) symbolHits.push({ key: k, item });
    }
  }

  const lists: Ranked<Snippet>[][] = [bm25, symbolHits];
  const weights = [1, 2];
  if (options.embed && options.question) {
    const ranked = await rankByEmbedding([...symbolHits, ...bm25], options.question, options.embed, options.embeddingCache).catch((err: unknown) => {
      options.onEmbeddingError?.(err);
      return undefined;
    });
    if (ranked) {
      lists.push(ranked);
      weights.push(1);
    }
  }

  const fused = fuseRankings(lists, weights);
  // Every list that found a snippet is one of its sources.
  const sources = new Map<string, Set<SnippetSource>>();
  for (const list of lists) for (const r of list) for (const src of r.item.sources) (sources.get(r.key) ?? sources.set(r.key, new Set()).get(r.key)!).add(src);
  for (const f of fused) f.item = { ...f.item, sources: [...(sources.get(f.key) ?? f.item.sources)] };
  const named = new Set(terms.identifiers.map((i) => i.toLowerCase()));
  const reranked = fused
    .map((f) => ({ ...f, score: f.score + rerankBonus(f.item, named) }))
    .sort((a, b) => b.score - a.score);

  const out: Snippet[] = [];
  let used = 0;
  for (const { item } of reranked) {
    if (out.length >= (options.limit ?? 8)) break;
    if (out.some((o) => overlaps(o, item))) continue;
    const cost = options.counter.count(item.text) + 20;
    if (used + cost > options.budgetTokens) continue; // a smaller later snippet may still fit
    used += cost;
    out.push(item);
  }
  return out;
}

/** Definitions of a name the question used go first; a chunk that mentions many named identifiers next. */
function rerankBonus(s: Snippet, named: ReadonlySet<string>): number {
  let bonus = 0;
  const sym = s.symbol?.split('.').pop()?.toLowerCase();
  if (sym && named.has(sym)) bonus += 0.05;
  const lower = s.text.toLowerCase();
  for (const n of named) if (lower.includes(n)) bonus += 0.002;
  return bonus;
}

async function rankByEmbedding(
  candidates: readonly Ranked<Snippet>[],
  question: string,
  embed: NonNullable<RetrievalOptions['embed']>,
  cache: EmbeddingCache | undefined,
): Promise<Ranked<Snippet>[]> {
  const unique = [...new Map(candidates.map((c) => [c.key, c])).values()];
  const known = new Map<string, ArrayLike<number> | undefined>(unique.map((c) => [c.key, cache?.get(c.item.text)]));
  const missing = unique.filter((c) => !known.get(c.key));
  const vectors = await embed([question, ...missing.map((c) => c.item.text)]);
  const q = vectors[0];
  if (!q) return [];
  missing.forEach((c, i) => {
    const v = vectors[i + 1];
    if (v) cache?.set(c.item.text, v);
    known.set(c.key, v);
  });
  cache?.saveSoon(); // in the background, not on the turn's path
  return unique
    .map((c) => ({ c, sim: cosine(q, known.get(c.key) ?? []) }))
    .sort((a, b) => b.sim - a.sim)
    .map(({ c }) => ({ key: c.key, item: { ...c.item, sources: [...c.item.sources, 'embedding' as const] } }));
}

function snippet(path: string, rel: string, startLine: number, endLine: number, text: string, symbol: string | undefined, source: SnippetSource): Snippet {
  return { path, rel, startLine, endLine, text, ...(symbol ? { symbol } : {}), sources: [source] };
}

function key(path: string, startLine: number): string {
  return `${path}#${startLine}`;
}

/** Two snippets of one file that share more than half of the smaller one. */
export function overlaps(a: Pick<Snippet, 'path' | 'startLine' | 'endLine'>, b: Pick<Snippet, 'path' | 'startLine' | 'endLine'>): boolean {
  if (a.path !== b.path) return false;
  const shared = Math.min(a.endLine, b.endLine) - Math.max(a.startLine, b.startLine) + 1;
  return shared > 0 && shared * 2 > Math.min(a.endLine - a.startLine + 1, b.endLine - b.startLine + 1);
}
