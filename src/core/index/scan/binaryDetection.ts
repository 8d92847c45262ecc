/**
 * Content checks that keep junk out of the index: binaries (a NUL byte or mostly control bytes in the
 * first 8 KB, the heuristic git uses) and minified or generated one-line code (very long average lines).
 */
const SAMPLE = 8000;

export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  if (n === 0) return false;
  if (bytes.subarray(0, n).indexOf(0) >= 0) return true; // native scan
  // No NUL: count control bytes in a shorter prefix (UTF-16 without BOM, old binary formats).
  const m = Math.min(n, 1024);
  let control = 0;
  for (let i = 0; i < m; i++) {
    const b = bytes[i]!;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / m > 0.3;
}

/**
 * Minified/bundled: long enough to matter and lines far longer than anyone writes by hand.
 * `lineStarts` as from chunker's lineStartsOf (one extra entry at the end: the text's length).
 */
export function looksMinified(lineStarts: Int32Array): boolean {
  const lineCount = lineStarts.length - 1;
  const length = lineStarts[lineCount]!;
  if (length < 4096) return false;
  if (length / lineCount > 300) return true;
  // A few enormous lines in an otherwise normal file (inlined source maps, data blobs).
  let longest = 0;
  for (let i = 0; i < lineCount; i++) longest = Math.max(longest, lineStarts[i + 1]! - lineStarts[i]! - 1);
  return longest > 20_000 && longest > length / 4;
}
