/**
 * `make(key)`, kept in `map` for the next ask; a full map (`max` entries) is emptied first. For what a
 * hot path asks again and again (a name's regex, a path's key, a file's lines): bounded without the
 * bookkeeping of an LRU, since what is still asked for comes back after a clear at the cost of one `make`.
 */
export function keptIn<K, V>(map: Map<K, V>, max: number, key: K, make: (key: K) => V): V {
  const kept = map.get(key);
  if (kept !== undefined || map.has(key)) return kept as V;
  if (map.size >= max) map.clear();
  const value = make(key);
  map.set(key, value);
  return value;
}
