/**
 * Source: lines that look like the code the user just changed, and are not changed yet. Edits of one
 * change repeat a pattern (the same call updated in each test, a URL fixed in the code and in its test,
 * a comment removed in two places): each changed line's tokens are looked for — the index's BM25 finds
 * the chunks, and within them a line holding most of one changed line's (rarity-weighted) tokens is a
 * candidate. For an insertion, the line it was inserted after is looked for instead, and the candidate
 * is the line after the look-alike (`t.Parallel()` added at the top of one test → the other tests).
 * The cursor's file, the files already edited and their tests or subjects (relatedFiles) count in full.
 */
import { tokenize } from '../../index/search/tokenizer';
import type { LineFacts } from './lineFacts';
import { maySymbolize, shapeOf, symbolsOf } from './lineShape';
import type { Candidate, LocatorContext } from './locatorContext';
import { keptIn } from '../../keptIn';

/** Hunks of the history looked at, newest first. */
const MAX_HUNKS = 3;
/** Changed lines of a hunk looked for. */
const MAX_QUERY_LINES = 8;
const MAX_CHUNKS = 12;
/** Share of a query line's weight a line must hold. */
const MIN_MATCH = 0.6;
/** Lines around the cursor always read in its own file (search may rank the chunk holding the hunk first). */
const OWN_WINDOW = 80;
const OTHER_FILE_WEIGHT = 0.5;

interface Query {
  readonly weights: Map<string, number>;
  readonly total: number;
  /** Exact text of the query line (trimmed): a line equal to it counts fully. */
  readonly text: string;
  /** The line's shape (names, strings and numbers blanked) when it is distinctive enough to match on. */
  readonly shape: string | undefined;
  /** The shape's symbols (lineShape.ts symbolsOf): a line without them in order cannot have the shape. */
  readonly symbols: string | undefined;
}

/** Share a line of the same shape gets: the same structure with other names (each test's header). */
const SHAPE_MATCH = 0.6;
/** Words and symbols a shape needs to say something (`return _;` is everywhere, `def _(self):` is a test). */
const MIN_SHAPE_PARTS = 5;

export function similarLines(ctx: LocatorContext): Candidate[] {
  const index = ctx.input.index;
  const out: Candidate[] = [];
  const edited = ctx.historyFiles();
  const near = new Set([ctx.file, ...edited, ...(index ? ctx.relatedFiles([ctx.file, ...edited]) : [])]);
  const c = ctx.input.cursor.line;
  for (const s of ctx.signals().slice(0, MAX_HUNKS)) {
    const h = s.hunk;
    const insertion = !h.oldLines.some((l) => l.trim());
    const source = insertion ? contextBefore(ctx, h.file, h.newStart) : h.oldLines.filter((l) => l.trim()).slice(0, MAX_QUERY_LINES);
    const queries = source.map((l) => query(ctx, l)).filter((q): q is Query => !!q);
    if (!queries.length) continue;
    const scorer = new Scorer(queries);
    const spans: { file: string; startLine: number; endLine: number; fileWeight: number }[] = [
      { file: ctx.file, startLine: Math.max(0, c - OWN_WINDOW), endLine: c + OWN_WINDOW, fileWeight: 1 },
    ];
    if (index) {
      const terms = [...new Set(queries.flatMap((q) => [...q.weights.keys()]))];
      for (const hit of index.searchTerms(terms, 'bm25', { limit: MAX_CHUNKS, withText: false, withSymbol: false, fileWeight: (f) => (!ctx.isCodeLike(f) ? 0 : near.has(f) ? 1 : OTHER_FILE_WEIGHT) })) {
        spans.push({ file: hit.path, startLine: hit.startLine, endLine: hit.endLine, fileWeight: near.has(hit.path) ? 1 : OTHER_FILE_WEIGHT });
      }
    }
    const seen = new Map<string, Uint8Array>();
    for (const span of spans) {
      const lines = ctx.linesOf(span.file);
      if (!lines) continue;
      const facts = ctx.factsOf(lines);
      const seenHere = seen.get(span.file) ?? seen.set(span.file, new Uint8Array(lines.length)).get(span.file)!;
      for (let i = Math.max(0, span.startLine); i <= Math.min(span.endLine, lines.length - 1); i++) {
        if (seenHere[i]) continue;
        seenHere[i] = 1;
        const line = lines[i]!;
        if (line.length > 400 || isBlank(line)) continue;
        const share = scorer.bestShare(line, facts, i);
        if (share < MIN_MATCH) continue;
        // An insertion goes after the look-alike of the line it followed, unless it is there already.
        const at = insertion ? i + 1 : i;
        if (ctx.isMade(span.file, at) || (insertion && i + 1 < lines.length && lines[i + 1]!.trim() === h.newLines[0]?.trim())) continue;
        if (insertion && span.file === h.file && i === h.newStart - 1) continue;
        const distance = span.file === ctx.file ? 1 / (1 + Math.abs(at - c) / 200) : 1;
        out.push({ file: span.file, line: at, score: (share * span.fileWeight * distance) / (1 + s.age), reason: 'similar-code' });
      }
    }
  }
  return out;
}

/** The nearest non-blank line above an insertion (what it was inserted after). */
function contextBefore(ctx: LocatorContext, file: string, line: number): string[] {
  const lines = ctx.linesOf(file);
  if (!lines) return [];
  for (let i = line - 1; i >= 0 && i >= line - 3; i--) if (lines[i]!.trim()) return [lines[i]!];
  return [];
}

function query(ctx: LocatorContext, line: string): Query | undefined {
  const { tokens, text, shape, symbols } = queryText(line);
  if (!tokens.length) return undefined;
  const weights = new Map(tokens.map((t) => [t, 1 / Math.log(2 + ctx.chunkCount(t))]));
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  // One common token is no pattern: a line must carry some weight to be looked for.
  if (tokens.length < 2 && total < 0.3) return undefined;
  return { weights, total, text, shape, symbols };
}

/** What a query takes from its line's text alone (its weights follow the index: built per request). */
interface QueryText {
  readonly tokens: readonly string[];
  readonly text: string;
  readonly shape: string | undefined;
  readonly symbols: string | undefined;
}

/** Query lines whose text parts are kept: the history's lines, asked again on every keystroke until they change. */
const MAX_KEPT_QUERIES = 256;
const queryTexts = new Map<string, QueryText>();

function queryText(line: string): QueryText {
  return keptIn(queryTexts, MAX_KEPT_QUERIES, line, () => {
    const shape = shapeOf(line);
    const distinctive = (shape.match(/[\w$]+|[^\s\w$]/g)?.length ?? 0) >= MIN_SHAPE_PARTS;
    return { tokens: [...new Set(tokenize(line))], text: line.trim(), shape: distinctive ? shape : undefined, symbols: distinctive ? symbolsOf(shape) : undefined };
  });
}

/**
 * Scores lines against one hunk's queries. Each line's tokens are looked up once in a token → queries
 * map (not once per query), and a line is compared with a query's text only when their token sets are
 * equal (equal text has equal tokens): most lines share nothing with the queries and cost a few lookups.
 */
class Scorer {
  private readonly byToken = new Map<string, { readonly q: number; readonly w: number }[]>();
  private readonly matched: Float64Array;
  private readonly hits: Int32Array;

  constructor(private readonly queries: readonly Query[]) {
    queries.forEach((q, k) => {
      for (const [t, w] of q.weights) (this.byToken.get(t) ?? this.byToken.set(t, []).get(t)!).push({ q: k, w });
    });
    this.matched = new Float64Array(queries.length);
    this.hits = new Int32Array(queries.length);
  }

  /** Line `i`'s best share of a query's weight (its facts, tokens and shape, kept with the lines). */
  bestShare(line: string, facts: LineFacts, i: number): number {
    const tokens = facts.tokensAt(i);
    const { matched, hits, queries } = this;
    matched.fill(0);
    hits.fill(0);
    for (const t of tokens) {
      const found = this.byToken.get(t);
      if (!found) continue;
      for (const e of found) {
        matched[e.q]! += e.w;
        hits[e.q]!++;
      }
    }
    let best = 0;
    let shape: string | undefined;
    for (let k = 0; k < queries.length; k++) {
      const q = queries[k]!;
      const size = q.weights.size;
      if (hits[k] === size && tokens.size === size && line.trim() === q.text) return 1;
      // The line's shape is built (once per line, kept in its facts) only when its symbols allow the query's.
      if (q.shape && (shape !== undefined || maySymbolize(line, q.symbols!)) && (shape ??= facts.shapeAt(i)) === q.shape) best = Math.max(best, SHAPE_MATCH);
      // Lines much longer than the query match it by accident: count the extra tokens against them.
      const extra = Math.max(0, tokens.size - size * 2);
      best = Math.max(best, matched[k]! / q.total - extra * 0.02);
    }
    return best;
  }
}

/** `!line.trim()` without the string trim() allocates (beyond ASCII, trim() decides). */
function isBlank(line: string): boolean {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    return c < 128 ? false : !line.trim();
  }
  return true;
}
