/**
 * Identifier (exact bytes) → the term ids it yields (the lower-cased whole, then its camelCase /
 * snake_case parts). Source code repeats the same identifiers over and over: after the first time,
 * one hash lookup replaces lower-casing, part splitting and a vocabulary lookup per part.
 * Keys are kept as bytes in one pool, so the cache holds no strings.
 */
import { growInt32, growUint8 } from './growable';
import { withEntry } from './hashSlots';

export class IdentifierTerms {
  private keyPool: Uint8Array = new Uint8Array(1 << 16);
  private keyUsed = 0;
  private keyStart: Int32Array = new Int32Array(1024);
  private keyLength: Int32Array = new Int32Array(1024);
  private hashes: Int32Array = new Int32Array(1024);
  private termStart: Int32Array = new Int32Array(1024);
  private termCount: Int32Array = new Int32Array(1024);
  private termPool: Int32Array = new Int32Array(4096);
  private termUsed = 0;
  private entries = 0;
  /** Slots hold entry + 1 (0 = empty); capacity a power of two, at least twice the entries. */
  private slots: Int32Array = new Int32Array(2048);

  /** The entry of identifier bytes [start, end) (`hash` over the raw bytes), or -1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === 0) return -1;
      const e = slot - 1;
      if (this.hashes[e] !== hash || this.keyLength[e] !== len) continue;
      const k = this.keyStart[e]!;
      let i = 0;
      while (i < len && this.keyPool[k + i] === bytes[start + i]) i++;
      if (i === len) return e;
    }
  }

  /** Adds an identifier with its term ids `ids[0..count)`; returns its entry. */
  add(bytes: Uint8Array, start: number, end: number, hash: number, ids: Int32Array, count: number): number {
    const e = this.entries++;
    const len = end - start;
    this.keyPool = growUint8(this.keyPool, this.keyUsed + len);
    this.keyPool.set(bytes.subarray(start, end), this.keyUsed);
    this.termPool = growInt32(this.termPool, this.termUsed + count);
    this.termPool.set(ids.subarray(0, count), this.termUsed);
    if (e >= this.hashes.length) {
      this.keyStart = growInt32(this.keyStart, e + 1);
      this.keyLength = growInt32(this.keyLength, e + 1);
      this.hashes = growInt32(this.hashes, e + 1);
      this.termStart = growInt32(this.termStart, e + 1);
      this.termCount = growInt32(this.termCount, e + 1);
    }
    this.keyStart[e] = this.keyUsed;
    this.keyLength[e] = len;
    this.hashes[e] = hash;
    this.termStart[e] = this.termUsed;
    this.termCount[e] = count;
    this.keyUsed += len;
    this.termUsed += count;
    this.slots = withEntry(this.slots, this.hashes, e);
    return e;
  }

  /** Calls `emit` with each term id of an entry, in order. */
  emit(e: number, emit: (id: number) => void): void {
    const from = this.termStart[e]!;
    const to = from + this.termCount[e]!;
    for (let i = from; i < to; i++) emit(this.termPool[i]!);
  }
}
