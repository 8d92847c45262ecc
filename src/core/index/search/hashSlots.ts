/**
 * The slot array of the byte-keyed hash tables (Vocabulary, IdentifierTerms): open addressing with
 * linear probing; slots hold entry + 1 (0 = empty), capacity a power of two kept at least twice the
 * entries. The tables keep their own keys and do their own probing for lookups.
 */

/** Slots with entry `e` (hash `hashes[e]`, entries 0..e-1 already placed) added; grown when more than half full. */
export function withEntry(slots: Int32Array, hashes: Int32Array, e: number): Int32Array {
  if ((e + 1) * 2 > slots.length) {
    const grown = new Int32Array(slots.length * 2);
    for (let i = 0; i <= e; i++) place(grown, hashes[i]!, i);
    return grown;
  }
  place(slots, hashes[e]!, e);
  return slots;
}

function place(slots: Int32Array, hash: number, e: number): void {
  const mask = slots.length - 1;
  let s = hash & mask;
  while (slots[s] !== 0) s = (s + 1) & mask;
  slots[s] = e + 1;
}
