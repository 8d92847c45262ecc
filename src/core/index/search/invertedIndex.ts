/**
 * Chunks and their identifier terms, encoded as integers, with postings for BM25 and Jaccard.
 *
 * Layout, chosen for speed and memory on 100k+ chunks: every chunk column is a flat typed array; a
 * chunk's (term id, tf) pairs live in one shared pool; postings are a "base" (each term's chunk ids
 * a range of a reusable page, see postingPages.ts, built in one pass) plus a small "delta" map for chunks added
 * since. Removing a chunk only clears its alive flag; `maintain()` folds the delta into the base and
 * drops dead chunks when either grows, renumbering chunks densely (the caller gets the remap).
 */
import { growInt32, growUint8 } from './growable';
import { IdentifierTerms } from './identifierTerms';
import { PostingPages } from './postingPages';
import { forEachTermIdInBytes, STOP } from './tokenizer';
import { Vocabulary } from './vocabulary';

export interface Postings {
  /** Chunk ids and term frequencies in the base, positions [from, to). */
  readonly ids: Int32Array;
  readonly tfs: Uint16Array;
  readonly from: number;
  readonly to: number;
  /** Delta postings: [chunk, tf, chunk, tf, …]. */
  readonly delta: readonly number[] | undefined;
}

export interface IndexState {
  readonly terms: readonly string[];
  readonly chunkFile: Int32Array;
  readonly chunkStart: Int32Array;
  readonly chunkEnd: Int32Array;
  readonly chunkLength: Int32Array;
  readonly chunkTermStart: Int32Array;
  readonly chunkTermCount: Int32Array;
  readonly termPool: Int32Array;
  readonly tfPool: Uint16Array;
  readonly chunkCount: number;
}

/** The state as exportState gives it: the term pools in pieces, to be written one after the other. */
export interface IndexStateParts extends Omit<IndexState, 'termPool' | 'tfPool'> {
  readonly termPool: readonly Int32Array[];
  readonly tfPool: readonly Uint16Array[];
}

/**
 * Entries per page of the chunks' (term id, tf) pairs. A chunk's pairs are one range of one page (a
 * chunk with more distinct terms gets a page of its size). Pages are never copied to grow: one pool
 * grown by half again as a first build went on left the arrays it replaced (as large as the pool)
 * in memory until a full collection, and up to a third of the last one unused.
 */
const TERM_PAGE = 1 << 16;

const EMPTY_IDS = new Int32Array(0);
const EMPTY_TFS = new Uint16Array(0);

export class InvertedIndex {
  private vocab = new Vocabulary(STOP);
  /** Identifier → term ids, so repeated identifiers skip the tokenizer's per-token work. */
  private readonly identifiers = new IdentifierTerms();
  /** Alive chunks containing each term. */
  private df: Int32Array = new Int32Array(1024);

  private count = 0; // chunk ids handed out (alive or not)
  private alive: Uint8Array = new Uint8Array(1024);
  private fileOfChunk: Int32Array = new Int32Array(1024);
  private startOfChunk: Int32Array = new Int32Array(1024);
  private endOfChunk: Int32Array = new Int32Array(1024);
  private lengthOfChunk: Int32Array = new Int32Array(1024);
  private termStart: Int32Array = new Int32Array(1024);
  private termCount: Int32Array = new Int32Array(1024);
  private termPages: Int32Array[] = [];
  private tfPages: Uint16Array[] = [];
  private pageOfChunk: Int32Array = new Int32Array(1024);
  /** Entries reserved in the last page, and in all pages (what a compaction keeps at most). */
  private pageUsed = 0;
  private poolUsed = 0;
  /** Where the chunk being added writes its pairs. */
  private writeTerms: Int32Array = EMPTY_IDS;
  private writeTfs: Uint16Array = EMPTY_TFS;
  private writeAt = 0;

  private aliveChunks = 0;
  private deadChunks = 0;
  private totalLength = 0;

  // Base postings over chunk ids < baseChunks and term ids < baseTerms.
  private readonly base = new PostingPages();
  private baseChunks = 0;
  private baseTerms = 0;
  private delta = new Map<number, number[]>();
  private deltaChunks = 0;
  /**
   * Chunks added during a bulk build without postings (neither base nor delta): searchable after the
   * next maintain(). Keeps the first index from piling up delta lists that the rebuild then drops.
   */
  private deferredChunks = 0;

  // ── vocabulary ──

  termId(term: string): number | undefined {
    this.ready();
    return this.vocab.idOf(term);
  }

  get vocabularySize(): number {
    this.ready();
    return this.vocab.size;
  }

  private intern(term: string): number {
    const id = this.vocab.intern(term);
    if (id >= this.df.length) this.df = growInt32(this.df, id + 1);
    return id;
  }

  // ── chunks ──

  /** Adds a chunk; returns its id. Searchable immediately (through the delta postings). */
  addChunk(file: number, startLine: number, endLine: number, terms: readonly string[], tfs: readonly number[], length: number): number {
    this.ready();
    const id = this.openChunk(file, startLine, endLine, length, terms.length);
    for (let i = 0; i < terms.length; i++) this.recordTerm(id, this.intern(terms[i]!), tfs[i]!, false);
    this.closeChunk(length, false);
    return id;
  }

  /** The chunk's record and room for its `distinct` terms in the pools; returns its id. */
  private openChunk(file: number, startLine: number, endLine: number, length: number, distinct: number): number {
    const id = this.count++;
    this.ensureChunkCapacity(id + 1);
    this.alive[id] = 1;
    this.fileOfChunk[id] = file;
    this.startOfChunk[id] = startLine;
    this.endOfChunk[id] = endLine;
    this.lengthOfChunk[id] = length;
    let page = this.termPages.length - 1;
    if (page < 0 || this.pageUsed + distinct > this.termPages[page]!.length) {
      const size = Math.max(TERM_PAGE, distinct);
      this.termPages.push(new Int32Array(size));
      this.tfPages.push(new Uint16Array(size));
      page++;
      this.pageUsed = 0;
    }
    this.pageOfChunk[id] = page;
    this.termStart[id] = this.pageUsed;
    this.termCount[id] = distinct;
    this.writeTerms = this.termPages[page]!;
    this.writeTfs = this.tfPages[page]!;
    this.writeAt = this.pageUsed;
    this.pageUsed += distinct;
    this.poolUsed += distinct;
    return id;
  }

  /** One term of the chunk being added: pool entry, document frequency, and (unless deferred) its delta posting. */
  private recordTerm(id: number, t: number, count: number, deferPostings: boolean): void {
    const tf = Math.min(65535, count);
    this.writeTerms[this.writeAt] = t;
    this.writeTfs[this.writeAt++] = tf;
    this.df[t]!++;
    if (deferPostings) return;
    let list = this.delta.get(t);
    if (!list) this.delta.set(t, (list = []));
    list.push(id, tf);
  }

  private closeChunk(length: number, deferPostings: boolean): void {
    if (deferPostings) this.deferredChunks++;
    else this.deltaChunks++;
    this.aliveChunks++;
    this.totalLength += length;
  }

  /**
   * Adds a chunk straight from its tokens (`tokens(emit)` calls emit for each, e.g. forEachToken on a
   * range of a file): they are counted into term ids with reusable scratch arrays, so indexing a file
   * allocates no per-chunk term lists. Returns the chunk id, or -1 when there is no token (blank lines,
   * punctuation).
   */
  addChunkTokens(file: number, startLine: number, endLine: number, tokens: (emit: (token: string) => void) => void, deferPostings = false): number {
    this.ready();
    let distinct = 0;
    let length = 0;
    tokens((token) => {
      const t = this.intern(token);
      if (t >= this.tfScratch.length) this.tfScratch = growInt32(this.tfScratch, t + 1);
      if (this.tfScratch[t]!++ === 0) {
        this.termScratch = growInt32(this.termScratch, distinct + 1);
        this.termScratch[distinct++] = t;
      }
      length++;
    });
    return this.finishChunk(file, startLine, endLine, distinct, length, deferPostings);
  }

  /**
   * Adds a chunk from UTF-8 bytes [from, to) (a file as read, or editor text encoded): the tokens of
   * forEachToken on the decoded text, interned without a string per token. Returns the chunk id, or -1
   * when there is no token.
   */
  addChunkBytes(file: number, startLine: number, endLine: number, bytes: Uint8Array, from: number, to: number, deferPostings = false): number {
    this.ready();
    this.scratchDistinct = 0;
    this.scratchLength = 0;
    forEachTermIdInBytes(bytes, from, to, this.vocab, this.identifiers, this.countTerm);
    return this.finishChunk(file, startLine, endLine, this.scratchDistinct, this.scratchLength, deferPostings);
  }
  private scratchDistinct = 0;
  private scratchLength = 0;
  /** One bound counter for addChunkBytes (no closure per chunk). */
  private readonly countTerm = (t: number): void => {
    if (t >= this.df.length) this.df = growInt32(this.df, t + 1);
    if (t >= this.tfScratch.length) this.tfScratch = growInt32(this.tfScratch, t + 1);
    if (this.tfScratch[t]!++ === 0) {
      this.termScratch = growInt32(this.termScratch, this.scratchDistinct + 1);
      this.termScratch[this.scratchDistinct++] = t;
    }
    this.scratchLength++;
  };

  /** Stores the chunk counted into the scratch arrays. */
  private finishChunk(file: number, startLine: number, endLine: number, distinct: number, length: number, deferPostings: boolean): number {
    if (length === 0) return -1;
    const id = this.openChunk(file, startLine, endLine, length, distinct);
    for (let i = 0; i < distinct; i++) {
      const t = this.termScratch[i]!;
      this.recordTerm(id, t, this.tfScratch[t]!, deferPostings);
      this.tfScratch[t] = 0;
    }
    this.closeChunk(length, deferPostings);
    return id;
  }
  private tfScratch: Int32Array = new Int32Array(1024);
  private termScratch: Int32Array = new Int32Array(256);

  removeChunk(id: number): void {
    if (!this.alive[id]) return;
    this.ready();
    this.alive[id] = 0;
    const pool = this.termPages[this.pageOfChunk[id]!]!;
    const start = this.termStart[id]!;
    const end = start + this.termCount[id]!;
    for (let i = start; i < end; i++) this.df[pool[i]!]!--;
    this.aliveChunks--;
    this.deadChunks++;
    this.totalLength -= this.lengthOfChunk[id]!;
  }

  isAlive(id: number): boolean {
    return this.alive[id] === 1;
  }
  fileOf(id: number): number {
    return this.fileOfChunk[id]!;
  }
  startLineOf(id: number): number {
    return this.startOfChunk[id]!;
  }
  endLineOf(id: number): number {
    return this.endOfChunk[id]!;
  }
  lengthOf(id: number): number {
    return this.lengthOfChunk[id]!;
  }
  /** Number of distinct terms of a chunk (its set size, for Jaccard). */
  distinctTermsOf(id: number): number {
    return this.termCount[id]!;
  }

  /**
   * The alive flags and token lengths of all chunks, for scoring loops (read-only; valid until the
   * next add or maintenance).
   */
  hotColumns(): { readonly alive: Uint8Array; readonly length: Int32Array } {
    return { alive: this.alive, length: this.lengthOfChunk };
  }

  /** Chunk ids handed out so far (scratch arrays for scoring are sized by this). */
  get idSpace(): number {
    return this.count;
  }
  get size(): number {
    return this.aliveChunks;
  }
  get averageLength(): number {
    return this.aliveChunks ? this.totalLength / this.aliveChunks : 0;
  }
  documentFrequency(term: number): number {
    this.ready();
    return this.df[term] ?? 0;
  }

  postings(term: number): Postings {
    this.ready();
    const length = term < this.baseTerms ? this.base.lengthOf[term]! : 0;
    if (length === 0) return { ids: EMPTY_IDS, tfs: EMPTY_TFS, from: 0, to: 0, delta: this.delta.get(term) };
    const slab = this.base.slabOf[term]!;
    const from = this.base.startOf[term]!;
    return { ids: this.base.slabIds[slab]!, tfs: this.base.slabTfs[slab]!, from, to: from + length, delta: this.delta.get(term) };
  }

  /**
   * Alive chunks holding `term` (base and delta postings), at most `limit` of them; `total` is every
   * alive chunk holding it. Chunks added during a bulk build count once the build has maintained.
   */
  chunksWith(term: string, limit: number): { readonly ids: number[]; readonly total: number } {
    const id = this.vocab.idOf(term);
    if (id === undefined) return { ids: [], total: 0 };
    const ids: number[] = [];
    const { ids: base, from, to, delta } = this.postings(id);
    for (let i = from; i < to && ids.length < limit; i++) if (this.alive[base[i]!]) ids.push(base[i]!);
    if (delta) for (let i = 0; i < delta.length && ids.length < limit; i += 2) if (this.alive[delta[i]!]) ids.push(delta[i]!);
    return { ids, total: this.df[id] ?? 0 };
  }

  // ── maintenance ──

  /**
   * Whether `maintain()` has work worth doing (a large delta or many dead chunks). During a bulk build
   * the base is rebuilt less often (each rebuild copies every posting): when the delta reaches half of it.
   * `slack` multiplies both limits (editor updates tolerate more before maintaining inline).
   */
  needsMaintenance(bulk = false, slack = 1): boolean {
    const deltaLimit = slack * Math.max(4096, bulk ? this.baseChunks / 2 : this.baseChunks / 8);
    return this.deltaChunks + this.deferredChunks > deltaLimit || this.deadChunks > slack * Math.max(4096, this.aliveChunks / 4);
  }

  /**
   * Rebuilds the base postings from every alive chunk; when dead chunks were dropped, chunk ids are
   * renumbered densely (order kept) and the old → new map (-1 = dropped) is returned.
   */
  maintain(): Int32Array | undefined {
    this.ready();
    const remap = this.deadChunks > 0 ? this.compactChunks() : undefined;
    this.rebuildBase();
    return remap;
  }

  private compactChunks(): Int32Array {
    const remap = new Int32Array(this.count).fill(-1);
    const pool = new Int32Array(Math.max(16, this.poolUsed));
    const tfPool = new Uint16Array(Math.max(16, this.poolUsed));
    let next = 0;
    let used = 0;
    for (let id = 0; id < this.count; id++) {
      if (!this.alive[id]) continue;
      remap[id] = next;
      const start = this.termStart[id]!;
      const n = this.termCount[id]!;
      const page = this.pageOfChunk[id]!;
      pool.set(this.termPages[page]!.subarray(start, start + n), used);
      tfPool.set(this.tfPages[page]!.subarray(start, start + n), used);
      this.pageOfChunk[next] = 0;
      this.fileOfChunk[next] = this.fileOfChunk[id]!;
      this.startOfChunk[next] = this.startOfChunk[id]!;
      this.endOfChunk[next] = this.endOfChunk[id]!;
      this.lengthOfChunk[next] = this.lengthOfChunk[id]!;
      this.termStart[next] = used;
      this.termCount[next] = n;
      this.alive[next] = 1;
      used += n;
      next++;
    }
    this.alive.fill(0, next, this.count);
    this.count = next;
    this.termPages = [pool];
    this.tfPages = [tfPool];
    this.pageUsed = pool.length;
    this.poolUsed = used;
    this.deadChunks = 0;
    return remap;
  }

  private rebuildBase(): void {
    const terms = this.vocab.size;
    const lengths = new Int32Array(terms);
    for (let id = 0; id < this.count; id++) {
      if (!this.alive[id]) continue;
      const pool = this.termPages[this.pageOfChunk[id]!]!;
      const start = this.termStart[id]!;
      const end = start + this.termCount[id]!;
      for (let i = start; i < end; i++) lengths[pool[i]!]!++;
    }
    const base = this.base;
    base.layout(lengths);
    const { slabOf, slabIds, slabTfs } = base;
    const fill = base.startOf.slice();
    for (let id = 0; id < this.count; id++) {
      if (!this.alive[id]) continue;
      const page = this.pageOfChunk[id]!;
      const pool = this.termPages[page]!;
      const tfPool = this.tfPages[page]!;
      const start = this.termStart[id]!;
      const end = start + this.termCount[id]!;
      for (let i = start; i < end; i++) {
        const t = pool[i]!;
        const slab = slabOf[t]!;
        const at = fill[t]!++;
        slabIds[slab]![at] = id;
        slabTfs[slab]![at] = tfPool[i]!;
      }
    }
    this.baseChunks = this.count;
    this.baseTerms = terms;
    this.delta.clear();
    this.deltaChunks = 0;
    this.deferredChunks = 0;
  }

  private ensureChunkCapacity(n: number): void {
    if (n <= this.alive.length) return;
    this.alive = growUint8(this.alive, n);
    this.fileOfChunk = growInt32(this.fileOfChunk, n);
    this.startOfChunk = growInt32(this.startOfChunk, n);
    this.endOfChunk = growInt32(this.endOfChunk, n);
    this.lengthOfChunk = growInt32(this.lengthOfChunk, n);
    this.termStart = growInt32(this.termStart, n);
    this.termCount = growInt32(this.termCount, n);
    this.pageOfChunk = growInt32(this.pageOfChunk, n);
  }

  // ── persistence ──

  /** Dense state for the snapshot (compacts first, so the caller must apply the returned remap). */
  exportState(): { state: IndexStateParts; remap: Int32Array | undefined } {
    this.ready();
    const remap = this.deadChunks > 0 ? this.compactChunks() : undefined;
    if (remap || this.deltaChunks > 0 || this.deferredChunks > 0) this.rebuildBase();
    const n = this.count;
    // Chunks fill pages in id order from each page's start, so the pool is the pages' used parts one
    // after the other, and a chunk's start in it is its page's offset plus its start in the page.
    const termPool: Int32Array[] = [];
    const tfPool: Uint16Array[] = [];
    const termStart = new Int32Array(n);
    let page = -1;
    let offset = 0;
    let end = 0;
    const closePage = () => {
      if (page < 0) return;
      termPool.push(this.termPages[page]!.subarray(0, end));
      tfPool.push(this.tfPages[page]!.subarray(0, end));
      offset += end;
    };
    for (let c = 0; c < n; c++) {
      if (this.pageOfChunk[c] !== page) {
        closePage();
        page = this.pageOfChunk[c]!;
        end = 0;
      }
      termStart[c] = offset + this.termStart[c]!;
      end = Math.max(end, this.termStart[c]! + this.termCount[c]!);
    }
    closePage();
    return {
      remap,
      state: {
        terms: this.vocab.terms,
        chunkFile: this.fileOfChunk.subarray(0, n),
        chunkStart: this.startOfChunk.subarray(0, n),
        chunkEnd: this.endOfChunk.subarray(0, n),
        chunkLength: this.lengthOfChunk.subarray(0, n),
        chunkTermStart: termStart,
        chunkTermCount: this.termCount.subarray(0, n),
        termPool,
        tfPool,
        chunkCount: n,
      },
    };
  }

  /**
   * Restores a dense state (every chunk alive). The state's arrays become the index's own (the caller
   * gives them up: a decoded snapshot's are fresh copies). The vocabulary, document frequencies and
   * postings are built on first use (see ready): a warm start that changes nothing and searches nothing
   * — `banyan index` — never needs them.
   */
  static fromState(s: IndexState | IndexStateParts): InvertedIndex {
    const index = new InvertedIndex();
    const n = s.chunkCount;
    index.count = n;
    // Its length is the capacity of every chunk column (see ensureChunkCapacity).
    index.alive = new Uint8Array(n).fill(1);
    index.fileOfChunk = s.chunkFile;
    index.startOfChunk = s.chunkStart;
    index.endOfChunk = s.chunkEnd;
    index.lengthOfChunk = s.chunkLength;
    index.termStart = s.chunkTermStart;
    index.termCount = s.chunkTermCount;
    const pool = Array.isArray(s.termPool) ? joined(s.termPool, (n) => new Int32Array(n)) : (s.termPool as Int32Array);
    const tfPool = Array.isArray(s.tfPool) ? joined(s.tfPool, (n) => new Uint16Array(n)) : (s.tfPool as Uint16Array);
    index.termPages = [pool];
    index.tfPages = [tfPool];
    index.pageOfChunk = new Int32Array(n);
    index.pageUsed = pool.length;
    index.poolUsed = pool.length;
    index.aliveChunks = n;
    index.baseChunks = n; // what the postings will hold (needsMaintenance's measure)
    for (let i = 0; i < n; i++) index.totalLength += index.lengthOfChunk[i]!;
    index.pendingTerms = s.terms;
    return index;
  }

  /** A restored state's terms, until ready() builds what depends on them. */
  private pendingTerms: readonly string[] | undefined;

  /** Builds the vocabulary, document frequencies and postings of a restored state, once. */
  private ready(): void {
    const terms = this.pendingTerms;
    if (!terms) return;
    this.pendingTerms = undefined;
    this.vocab.internAll(terms);
    this.df = new Int32Array(Math.max(16, this.vocab.size));
    for (const pool of this.termPages) for (let i = 0; i < pool.length; i++) this.df[pool[i]!]!++;
    this.rebuildBase();
  }
}

/** One array of an exported state's pieces (a snapshot's pools come whole; a state passed on in memory, in pieces). */
function joined<T extends Int32Array | Uint16Array>(parts: readonly T[], make: (length: number) => T): T {
  if (parts.length === 1) return parts[0]!;
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
