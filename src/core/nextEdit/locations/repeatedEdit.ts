/**
 * Source: the same change elsewhere. A one-line edit's old text (the changed words with a word of
 * context, e.g. `should should` when a doubled word was fixed, `.jsonp(` when a call was replaced) that
 * still occurs in other lines marks places the user will change the same way.
 */
import { identifiersOf, isMeaningful, searchToken } from '../identifiers';
import { findText } from './occurrences';
import { editSignalsOf, proximity } from './scoring';
import type { Candidate, LocatorContext } from './locatorContext';

const MIN_FRAGMENT = 4;

export function repeatedEdit(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const s of editSignalsOf(ctx)) {
    const fragment = s.oldFragment;
    if (!fragment || fragment.length < MIN_FRAGMENT || seen.has(fragment)) continue;
    // A fragment the new text still holds (an insertion) would find the lines already changed.
    if (s.newFragment?.includes(fragment)) continue;
    const anchor = rarestToken(ctx, fragment);
    if (!anchor) continue;
    seen.add(fragment);
    for (const o of findText(ctx, fragment, anchor)) {
      out.push({ file: o.file, line: o.line, score: proximity(ctx, o.file, o.line) / (1 + s.age), reason: 'repeated-edit', detail: fragment });
    }
  }
  return out;
}

/** The fragment's name that the fewest chunks hold: looking the fragment up by it reads the fewest lines. */
function rarestToken(ctx: LocatorContext, fragment: string): string | undefined {
  let best: { token: string; total: number } | undefined;
  for (const name of identifiersOf(fragment)) {
    if (!isMeaningful(name)) continue;
    const token = searchToken(name);
    if (!token) continue;
    const total = ctx.chunkCount(token);
    if (!best || total < best.total) best = { token, total };
  }
  return best?.token;
}
