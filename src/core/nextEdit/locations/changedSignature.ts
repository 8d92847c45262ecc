/**
 * Source: call sites of a definition whose head the user just changed (a parameter added, removed or
 * renamed; a return type changed). The index knows where each symbol's name line is; every other use
 * of that name is a call site or an implementation to update.
 */
import { findOccurrences } from './occurrences';
import { editSignalsOf, proximity } from './scoring';
import type { Candidate, LocatorContext } from './locatorContext';

export function changedSignature(ctx: LocatorContext): Candidate[] {
  const index = ctx.input.index;
  if (!index) return [];
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const s of editSignalsOf(ctx)) {
    const h = s.hunk;
    const last = h.newStart + Math.max(0, h.newLines.length - 1);
    for (const sym of index.symbolsInFile(h.file)) {
      if (sym.nameLine < h.newStart || sym.nameLine > last || seen.has(sym.name)) continue;
      if (sym.kind !== 'function' && sym.kind !== 'method' && sym.kind !== 'constant' && sym.kind !== 'property') continue;
      seen.add(sym.name);
      for (const o of findOccurrences(ctx, sym.name)) {
        if (o.file === h.file && o.line === sym.nameLine) continue;
        out.push({ file: o.file, line: o.line, score: proximity(ctx, o.file, o.line) / (1 + s.age), reason: 'changed-signature', detail: sym.name });
      }
    }
  }
  return out;
}
