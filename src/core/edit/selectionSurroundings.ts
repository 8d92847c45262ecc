/**
 * Asked to rewrite a selection, models often answer with more than the selection: the whole file,
 * the enclosing function, or a few lines around it, sometimes changed too. These checks keep such
 * copies from being pasted into the selection (which would duplicate the code around it).
 */
import { trimBlankEnds } from './blankLines';
import { refuse, type EditRegion, type StrategyRefusal } from './strategies/editStrategy';

/**
 * When asked for a selection, models often repeat code around it: the whole file, or the enclosing
 * function when only its body was selected. Repeated lines are removed when they match the
 * document on both sides; a repeat on one side only is refused (removing it would be a guess, and
 * keeping it would duplicate code).
 */
export function removeRepeatedSurroundings(code: string[], region: EditRegion, notes: string[]): { ok: true; code: string[] } | StrategyRefusal {
  const before = trimBlankEnds(region.linesBefore);
  const after = trimBlankEnds(region.linesAfter);
  const same = (a: string, b: string) => a.trim() === b.trim();
  const startsWith = (seq: readonly string[], head: readonly string[]) => head.every((l, i) => same(seq[i]!, l));
  const endsWith = (seq: readonly string[], tail: readonly string[]) => tail.every((l, i) => same(seq[seq.length - tail.length + i]!, l));

  if (before.length + after.length > 0 && code.length >= before.length + after.length && startsWith(code, before) && endsWith(code, after)
      && [...before, ...after].some(isSignificant)) {
    notes.push('the answer repeated the whole file; only the selection was replaced');
    return { ok: true, code: trimBlankEnds(code.slice(before.length, code.length - after.length)) };
  }
  let k = 0;
  for (let n = Math.min(before.length, code.length); n >= 1; n--) {
    if (startsWith(code, before.slice(before.length - n))) { k = n; break; }
  }
  let m = 0;
  for (let n = Math.min(after.length, code.length - k); n >= 1; n--) {
    if (endsWith(code, after.slice(0, n))) { m = n; break; }
  }
  const kSignificant = code.slice(0, k).some(isSignificant);
  const mSignificant = code.slice(code.length - m).some(isSignificant);
  if (!kSignificant && !mSignificant) return { ok: true, code };
  if (k > 0 && m > 0) {
    notes.push(`the answer repeated ${k} line(s) before and ${m} line(s) after the selection; they were not duplicated`);
    return { ok: true, code: trimBlankEnds(code.slice(k, code.length - m)) };
  }
  const where = k > 0 ? `the ${k} line(s) before the selection` : `the ${m} line(s) after the selection`;
  return refuse('overlaps-surroundings', `The answer repeats ${where} but not the code on the other side, so it is unclear what it replaces. Select the whole construct (for example the whole function) and rewrite again, or merge by hand.`);
}

/**
 * A line showing that the model copied code from outside the selection into its answer (often with
 * a change there too): a significant line from right around the selection (3 lines each side), or
 * three consecutive lines that stand together elsewhere — either way not found in the selection.
 */
export function repeatedOutsideCode(code: readonly string[], region: EditRegion): string | undefined {
  const nonBlank = (lines: readonly string[]) => lines.map((l) => l.trim()).filter((l) => l !== '');
  const triples = (lines: readonly string[]) => lines.slice(0, Math.max(0, lines.length - 2)).map((_, i) => lines.slice(i, i + 3));
  const inside = new Set(triples(nonBlank(region.lines.map((l) => l.text))).map((t) => t.join('\n')));
  const outside = new Set([...triples(nonBlank(region.linesBefore)), ...triples(nonBlank(region.linesAfter))].map((t) => t.join('\n')).filter((t) => !inside.has(t)));
  const selection = new Set(nonBlank(region.lines.map((l) => l.text)));
  const nearby = new Set([...nonBlank(region.linesBefore).slice(-3), ...nonBlank(region.linesAfter).slice(0, 3)].filter((l) => isSignificant(l) && !selection.has(l)));
  const copied = nonBlank(code).find((l) => nearby.has(l));
  if (copied !== undefined) return copied;
  for (const triple of triples(nonBlank(code))) {
    if (triple.filter(isSignificant).length >= 2 && outside.has(triple.join('\n'))) return triple[0];
  }
  return undefined;
}

/** A line that identifies a place: not just punctuation like `}` or `end`. */
function isSignificant(line: string): boolean {
  return /[\p{L}\p{N}_]{3,}/u.test(line) && line.trim().length >= 6;
}
