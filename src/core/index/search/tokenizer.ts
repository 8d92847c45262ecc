/**
 * Identifier tokens for search: every identifier lower-cased, plus its camelCase / snake_case parts
 * when it has more than one (so `getUserById` matches "user" and "getuserbyid"). Language keywords and
 * one-letter tokens are dropped: they match everything, carry no meaning and make postings long.
 *
 * A hand-written scanner over char codes rather than regular expressions: tokenizing every chunk is
 * a large share of indexing time, and this is several times faster.
 */
import type { IdentifierTerms } from './identifierTerms';
import { HASH_PRIME as PRIME, HASH_START as START, type Vocabulary } from './vocabulary';

/** Exported for the vocabulary, which drops them while interning bytes. */
export const STOP = new Set<string>(
  (
    'if else for while do return function const let var new this self true false null undefined none nil ' +
    'import export from as class interface type enum extends implements public private protected static ' +
    'void int float double bool boolean char string long short byte unsigned signed struct fn pub mut impl use mod ' +
    'def pass elif lambda in is not and or try catch except finally throw throws raise await async yield ' +
    'break continue switch case default package go func defer chan map range with assert typeof instanceof of ' +
    'the a an to it be on at by'
  ).split(' '),
);

const MAX_IDENT = 64;
/** Local copies: read per byte in the hot loops (an imported binding can be a getter under some loaders). */
const HASH_START = START;
const HASH_PRIME = PRIME;


// Character classes by code: 1 = lower, 2 = upper, 3 = digit, 4 = _ or $.
const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = 1;
for (let c = 65; c <= 90; c++) CLASS[c] = 2;
for (let c = 48; c <= 57; c++) CLASS[c] = 3;
CLASS[95] = 4;
CLASS[36] = 4;

/** Calls `emit` for each token of `text` (or of its [from, to) range) in order, repeats included. */
export function forEachToken(text: string, emit: (token: string) => void, from = 0, to = text.length): void {
  const n = to;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? CLASS[c]! : 0;
    if (k === 0 || k === 3) {
      // Skip a non-identifier char, or a number (with any letters glued to it, e.g. 0x1F, 10px).
      i++;
      if (k === 3) while (i < n && text.charCodeAt(i) < 128 && CLASS[text.charCodeAt(i)]! !== 0) i++;
      continue;
    }
    const start = i;
    let hasUpper = false;
    let hasLower = false;
    let hasSep = false;
    while (i < n) {
      const d = text.charCodeAt(i);
      const kd = d < 128 ? CLASS[d]! : 0;
      if (kd === 0) break;
      if (kd === 1) hasLower = true;
      else if (kd === 2) hasUpper = true;
      else if (kd === 4) hasSep = true;
      i++;
    }
    const len = i - start;
    if (len > MAX_IDENT || len < 2) continue; // generated blobs and one-letter names
    const ident = text.slice(start, i);
    const lower = hasUpper ? ident.toLowerCase() : ident;
    if (!STOP.has(lower)) emit(lower);
    if (len >= 4 && (hasSep || (hasUpper && hasLower))) emitParts(ident, lower, emit);
  }
}

/**
 * Bytes [from, to) of UTF-8 text as a Latin-1 string: forEachToken on it yields exactly the tokens of
 * the decoded text (identifiers are ASCII; every byte of a multi-byte character is ≥ 0x80 and
 * separates like the decoded character does). Lets the index tokenize a file chunk by chunk without
 * decoding the whole file into one big string.
 */
export function latin1Chunk(bytes: Uint8Array, from: number, to: number): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (buf as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(from, to);
}

/** Part boundaries of the identifier being split (identifiers are at most MAX_IDENT long). */
const PART_STARTS = new Int32Array(MAX_IDENT + 1);
const PART_ENDS = new Int32Array(MAX_IDENT + 1);

/**
 * camelCase / PascalCase / snake_case / ACRONYMCase parts of one identifier, emitted only when there
 * are several. Runs for most identifiers, so it allocates nothing besides the part strings.
 */
function emitParts(ident: string, lower: string, emit: (token: string) => void): void {
  const n = ident.length;
  let parts = 0;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const k = CLASS[ident.charCodeAt(i)]!;
    if (k === 4) {
      if (start >= 0) {
        PART_STARTS[parts] = start;
        PART_ENDS[parts++] = i;
      }
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    const prev = CLASS[ident.charCodeAt(i - 1)]!;
    // Boundaries: aB, a1 / 1a, and the last capital of an acronym before a lower-case run (HTTPServer).
    if ((k === 2 && prev === 1) || (k === 3) !== (prev === 3) || (k === 2 && prev === 2 && i + 1 < n && CLASS[ident.charCodeAt(i + 1)]! === 1)) {
      PART_STARTS[parts] = start;
      PART_ENDS[parts++] = i;
      start = i;
    }
  }
  if (start >= 0) {
    PART_STARTS[parts] = start;
    PART_ENDS[parts++] = n;
  }
  if (parts < 2) return;
  for (let p = 0; p < parts; p++) emitPart(lower, PART_STARTS[p]!, PART_ENDS[p]!, emit);
}

function emitPart(lower: string, s: number, e: number, emit: (token: string) => void): void {
  if (e - s < 2) return;
  const c = lower.charCodeAt(s);
  if (c >= 48 && c <= 57) return; // digits only
  const p = lower.slice(s, e);
  if (!STOP.has(p)) emit(p);
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t));
  return out;
}

/** Distinct tokens with their counts, in first-seen order. */
export function termCounts(text: string): { terms: string[]; tfs: number[]; length: number } {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const tfs: number[] = [];
  let length = 0;
  forEachToken(text, (t) => {
    length++;
    const i = index.get(t);
    if (i === undefined) {
      index.set(t, terms.length);
      terms.push(t);
      tfs.push(1);
    } else tfs[i]!++;
  });
  return { terms, tfs, length };
}

/**
 * The term ids of the tokens of UTF-8 bytes [from, to), exactly those of forEachToken on the decoded
 * text (identifiers are ASCII; every byte of a multi-byte character is ≥ 0x80 and separates like the
 * character does), interned in `vocab` without making a string per token; an identifier seen before
 * is one lookup in `known`. Stop words are dropped.
 */
export function forEachTermIdInBytes(bytes: Uint8Array, from: number, to: number, vocab: Vocabulary, known: IdentifierTerms, emit: (id: number) => void): void {
  let i = from;
  while (i < to) {
    const c = bytes[i]!;
    const k = c < 128 ? CLASS[c]! : 0;
    if (k === 0 || k === 3) {
      i++;
      if (k === 3) while (i < to && bytes[i]! < 128 && CLASS[bytes[i]!]! !== 0) i++;
      continue;
    }
    const start = i;
    let h = HASH_START;
    while (i < to) {
      const d = bytes[i]!;
      if (d >= 128 || CLASS[d]! === 0) break;
      h = Math.imul(h ^ d, HASH_PRIME);
      i++;
    }
    const len = i - start;
    if (len > MAX_IDENT || len < 2) continue; // generated blobs and one-letter names
    let e = known.find(bytes, start, i, h);
    if (e < 0) e = known.add(bytes, start, i, h, IDS, identifierTermIds(bytes, start, i, vocab));
    known.emit(e, emit);
  }
}

/** Term ids of one identifier, for IdentifierTerms (at most the whole plus one per part). */
const IDS = new Int32Array(MAX_IDENT + 2);

/** Fills IDS with the term ids of identifier bytes [start, end) as forEachToken emits them; returns the count. */
function identifierTermIds(bytes: Uint8Array, start: number, end: number, vocab: Vocabulary): number {
  let hasUpper = false;
  let hasLower = false;
  let hasSep = false;
  let h = HASH_START;
  for (let i = start; i < end; i++) {
    let d = bytes[i]!;
    const kd = CLASS[d]!;
    if (kd === 1) hasLower = true;
    else if (kd === 2) {
      hasUpper = true;
      d += 32;
    } else if (kd === 4) hasSep = true;
    h = Math.imul(h ^ d, HASH_PRIME);
  }
  let n = 0;
  const whole = vocab.internBytes(bytes, start, end, h);
  if (whole >= 0) IDS[n++] = whole;
  if (end - start < 4 || !(hasSep || (hasUpper && hasLower))) return n;
  let parts = 0;
  let s0 = -1;
  for (let i = start; i < end; i++) {
    const k = CLASS[bytes[i]!]!;
    if (k === 4) {
      if (s0 >= 0) {
        PART_STARTS[parts] = s0;
        PART_ENDS[parts++] = i;
      }
      s0 = -1;
      continue;
    }
    if (s0 < 0) {
      s0 = i;
      continue;
    }
    const prev = CLASS[bytes[i - 1]!]!;
    if ((k === 2 && prev === 1) || (k === 3) !== (prev === 3) || (k === 2 && prev === 2 && i + 1 < end && CLASS[bytes[i + 1]!]! === 1)) {
      PART_STARTS[parts] = s0;
      PART_ENDS[parts++] = i;
      s0 = i;
    }
  }
  if (s0 >= 0) {
    PART_STARTS[parts] = s0;
    PART_ENDS[parts++] = end;
  }
  if (parts < 2) return n;
  for (let p = 0; p < parts; p++) {
    const s = PART_STARTS[p]!;
    const e = PART_ENDS[p]!;
    if (e - s < 2) continue;
    const c = bytes[s]!;
    if (c >= 48 && c <= 57) continue; // digits only
    let ph = HASH_START;
    for (let i = s; i < e; i++) {
      const d = bytes[i]!;
      ph = Math.imul(ph ^ (d >= 65 && d <= 90 ? d + 32 : d), HASH_PRIME);
    }
    const id = vocab.internBytes(bytes, s, e, ph);
    if (id >= 0) IDS[n++] = id;
  }
  return n;
}
