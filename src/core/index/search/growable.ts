/** Typed-array growth by half again (less slack than doubling): the index keeps flat typed arrays, not arrays of objects. */
export function growInt32(a: Int32Array, needed: number): Int32Array {
  if (needed <= a.length) return a;
  const b = new Int32Array(Math.max(needed, Math.ceil(a.length * 1.5), 16));
  b.set(a);
  return b;
}

export function growUint16(a: Uint16Array, needed: number): Uint16Array {
  if (needed <= a.length) return a;
  const b = new Uint16Array(Math.max(needed, Math.ceil(a.length * 1.5), 16));
  b.set(a);
  return b;
}

export function growUint8(a: Uint8Array, needed: number): Uint8Array {
  if (needed <= a.length) return a;
  const b = new Uint8Array(Math.max(needed, Math.ceil(a.length * 1.5), 16));
  b.set(a);
  return b;
}
