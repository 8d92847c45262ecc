/**
 * Term strings ↔ dense term ids, looked up straight from UTF-8 bytes: an open-addressing table keyed
 * by a hash of the lower-cased identifier, checked against the stored string. Indexing then creates a
 * string only for a term never seen before, not one per token (most of the tokenizer's time and garbage).
 * Stop words are entries too, with no term id, so the scanner drops them with the same lookup.
 */
import { growInt32, growUint8 } from './growable';
import { withEntry } from './hashSlots';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash the table uses, of a string's char codes (callers hashing bytes must agree with it). */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Hash start and multiplier, for scanners that hash bytes inline (step: Math.imul(h ^ code, prime)). */
export const HASH_START = FNV_OFFSET;
export const HASH_PRIME = FNV_PRIME;

const NO_TERM = -1;

export class Vocabulary {
  /** Term strings by id. */
  readonly terms: string[] = [];
  // Entries (terms and stop words): key, hash, term id (NO_TERM when none), stop-word flag.
  private keys: string[] = [];
  private hashes: Int32Array = new Int32Array(1024);
  private ids: Int32Array = new Int32Array(1024);
  private stop: Uint8Array = new Uint8Array(1024);
  /** Slots hold entry + 1 (0 = empty); the capacity is a power of two kept at least twice the entries. */
  private slots: Int32Array = new Int32Array(2048);

  constructor(stopWords: Iterable<string> = []) {
    for (const w of stopWords) {
      const h = hashString(w);
      const e = this.find(w, h);
      this.stop[e >= 0 ? e : this.insert(w, h, NO_TERM)] = 1;
    }
  }

  get size(): number {
    return this.terms.length;
  }

  /** The id of a term, or undefined (unknown or a stop word). */
  idOf(term: string): number | undefined {
    const e = this.find(term, hashString(term));
    const id = e < 0 ? NO_TERM : this.ids[e]!;
    return id === NO_TERM ? undefined : id;
  }

  /** The id of a term, adding it (a stop word gets one too when interned this way, as before). */
  intern(term: string): number {
    const h = hashString(term);
    const e = this.find(term, h);
    if (e >= 0 && this.ids[e]! !== NO_TERM) return this.ids[e]!;
    const id = this.terms.length;
    // A term is usually a slice of a whole file's text; V8 would keep that text alive through it.
    const own = Buffer.from(term, 'latin1').toString('latin1');
    this.terms.push(own);
    if (e >= 0) this.ids[e] = id;
    else this.insert(own, h, id);
    return id;
  }

  /**
   * Interns terms known to be distinct and new (a snapshot's, into a vocabulary holding only stop words),
   * so that term i gets id size + i: tables sized once, strings kept as they are.
   */
  internAll(terms: readonly string[]): void {
    const first = this.terms.length;
    const entries = this.keys.length + terms.length;
    this.hashes = growInt32(this.hashes, entries);
    this.ids = growInt32(this.ids, entries);
    this.stop = growUint8(this.stop, entries);
    let capacity = this.slots.length;
    while (capacity < entries * 2) capacity *= 2;
    if (capacity > this.slots.length) {
      this.slots = new Int32Array(capacity);
      for (let e = 0; e < this.keys.length; e++) this.slots = withEntry(this.slots, this.hashes, e);
    }
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      const h = hashString(term);
      const e = this.find(term, h);
      if (e >= 0 && this.ids[e]! !== NO_TERM) throw new Error(`term "${term}" listed twice`);
      this.terms.push(term);
      if (e >= 0) this.ids[e] = first + i;
      else this.insert(term, h, first + i);
    }
  }

  /**
   * The term id of bytes [start, end) lower-cased (ASCII identifier bytes; `hash` over the lower-cased
   * codes), added when new; -1 for a stop word.
   */
  internBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === 0) break;
      const e = slot - 1;
      if (this.hashes[e] !== hash) continue;
      const key = this.keys[e]!;
      if (key.length !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        let c = bytes[start + i]!;
        if (c >= 65 && c <= 90) c += 32;
        if (key.charCodeAt(i) !== c) {
          same = false;
          break;
        }
      }
      if (same) return this.stop[e] ? -1 : this.ids[e]!;
    }
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // latin1Slice makes a fresh flat string: it keeps no file content alive.
    const term = (buf as Buffer & { latin1Slice(s: number, e: number): string }).latin1Slice(start, end).toLowerCase();
    const id = this.terms.length;
    this.terms.push(term);
    this.insert(term, hash, id);
    return id;
  }

  private find(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === 0) return -1;
      if (this.hashes[slot - 1] === hash && this.keys[slot - 1] === key) return slot - 1;
    }
  }

  private insert(key: string, hash: number, id: number): number {
    const e = this.keys.length;
    this.keys.push(key);
    this.hashes = growInt32(this.hashes, e + 1);
    this.ids = growInt32(this.ids, e + 1);
    this.stop = growUint8(this.stop, e + 1);
    this.hashes[e] = hash;
    this.ids[e] = id;
    this.slots = withEntry(this.slots, this.hashes, e);
    return e;
  }
}
