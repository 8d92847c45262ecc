/**
 * Where the base postings live: each term's list (chunk ids and term frequencies) is one range of one
 * page, and pages have a fixed size and are kept from one layout to the next. A first build rebuilds the
 * base every few seconds as it grows; with one pair of arrays sized to the whole base, every rebuild
 * allocated a larger pair, and the pairs it replaced stayed in memory until a full garbage collection
 * (on a large repository, tens of MB at the end of the build, when the memory peaks). Now a rebuild
 * allocates only the pages it did not have yet. A list longer than a page gets arrays of its own.
 */

/** Postings per page (ids: 256 KiB, tfs: 128 KiB). */
export const POSTINGS_PAGE = 1 << 16;
/** Lists up to this long fill pages in term order; longer ones are placed first, largest first, where they fit. */
const SMALL_LIST = POSTINGS_PAGE >>> 4;

export class PostingPages {
  private pageIds: Int32Array[] = [];
  private pageTfs: Uint16Array[] = [];
  /** Lists longer than a page, by term, kept for the next layout when still large enough. */
  private long = new Map<number, { readonly ids: Int32Array; readonly tfs: Uint16Array }>();
  /** Per term of the current layout: its slab (a page, or a long list after the pages), start and length. */
  slabOf: Int32Array = new Int32Array(0);
  startOf: Int32Array = new Int32Array(0);
  lengthOf: Int32Array = new Int32Array(0);
  /** Slabs of the current layout: the pages, then the long lists. */
  slabIds: Int32Array[] = [];
  slabTfs: Uint16Array[] = [];

  /** Places lists of `lengths[t]` postings for terms t < lengths.length; the caller then fills each range. */
  layout(lengths: Int32Array): void {
    const terms = lengths.length;
    const slabOf = new Int32Array(terms);
    const startOf = new Int32Array(terms);
    const used: number[] = [];
    const page = (p: number): number => {
      while (this.pageIds.length <= p) {
        this.pageIds.push(new Int32Array(POSTINGS_PAGE));
        this.pageTfs.push(new Uint16Array(POSTINGS_PAGE));
      }
      while (used.length <= p) used.push(0);
      return p;
    };
    const place = (t: number, p: number): void => {
      slabOf[t] = p;
      startOf[t] = used[p]!;
      used[p]! += lengths[t]!;
    };
    const longTerms: number[] = [];
    const mediumTerms: number[] = [];
    for (let t = 0; t < terms; t++) {
      const n = lengths[t]!;
      if (n > POSTINGS_PAGE) longTerms.push(t);
      else if (n > SMALL_LIST) mediumTerms.push(t);
    }
    // Medium lists first, largest first, each in the first page with room: little is left unused.
    mediumTerms.sort((a, b) => lengths[b]! - lengths[a]! || a - b);
    for (const t of mediumTerms) {
      let p = 0;
      while (p < used.length && used[p]! + lengths[t]! > POSTINGS_PAGE) p++;
      place(t, page(p));
    }
    // Short lists in term order, moving to the next page when one does not fit (at most SMALL_LIST left over per page).
    let p = 0;
    for (let t = 0; t < terms; t++) {
      const n = lengths[t]!;
      if (n === 0 || n > SMALL_LIST) continue;
      while (used[page(p)]! + n > POSTINGS_PAGE) p++;
      place(t, p);
    }
    // Pages the layout no longer needs (fewer postings after a compaction) are let go.
    this.pageIds.length = used.length;
    this.pageTfs.length = used.length;
    const slabIds = this.pageIds.slice();
    const slabTfs = this.pageTfs.slice();
    const long = new Map<number, { readonly ids: Int32Array; readonly tfs: Uint16Array }>();
    for (const t of longTerms) {
      const n = lengths[t]!;
      const kept = this.long.get(t);
      const arrays = kept && kept.ids.length >= n ? kept : { ids: new Int32Array(n), tfs: new Uint16Array(n) };
      long.set(t, arrays);
      slabOf[t] = slabIds.length;
      startOf[t] = 0;
      slabIds.push(arrays.ids);
      slabTfs.push(arrays.tfs);
    }
    this.long = long;
    this.slabOf = slabOf;
    this.startOf = startOf;
    this.lengthOf = lengths;
    this.slabIds = slabIds;
    this.slabTfs = slabTfs;
  }

  /** Postings held by the pages and long lists (what the layout allocated, used or not). */
  get capacity(): number {
    let n = 0;
    for (const a of this.slabIds) n += a.length;
    return n;
  }
}
