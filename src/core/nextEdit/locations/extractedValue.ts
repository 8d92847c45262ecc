/**
 * Source: the places a value just given a name still spells out. When the latest edits declare a new
 * name for a value (`DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10`, `address := event.getServer().address()`),
 * the user goes on to replace the value where it is still written out: other lines of the file holding
 * the value's text, or its longest dotted chain (`Ordered.HIGHEST_PRECEDENCE`), and not the new name.
 * Found from the file's name map (the lines holding the value's rarest name), never by reading the file.
 * A guess from one declaration: the region does not lean toward it (it pulled the region off the target).
 */
import { identifiersOf, isMeaningful } from '../identifiers';
import type { Candidate, LocatorContext } from './locatorContext';
import { ownFileSignals, proximity, strongest } from './scoring';

const MAX_HUNKS = 2;
/** Declarations of a hunk looked at. */
const MAX_DECLARATIONS = 3;
/** A value's name on more lines than this is too common to look from. */
const MAX_ANCHOR_LINES = 120;
const MAX_PER_VALUE = 6;
const MIN_VALUE = 6;
/** What a line holding only the value's dotted chain (not its whole text) counts for. */
const CHAIN_MATCH = 0.7;
/** `[modifiers and type] NAME = VALUE`, `NAME := VALUE`: a name not reached through a dot, then one `=` (not `==`, `=>`). */
const DECLARATION = /^\s*(?:(?:export\s+)?(?:const|let|var|val|final|private|public|protected|static|readonly|[\w<>[\],.?]+)\s+)*([A-Za-z_$][\w$]*)\s*(?::\s*[^=]+?)?\s*(?::=|=(?![=>]))\s*(.+?)\s*[;,]?\s*$/;
/** The longest run of names joined by dots (calls kept: `event.getServer().address()`). */
const CHAIN = /[A-Za-z_$][\w$]*(?:\(\))?(?:\.[A-Za-z_$][\w$]*(?:\(\))?)+/g;

export function extractedValue(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  const lines = ctx.input.lines;
  const facts = ctx.factsOf(lines);
  for (const s of ownFileSignals(ctx, MAX_HUNKS)) {
    const added = new Set(s.added);
    let declarations = 0;
    for (const line of s.hunk.newLines) {
      const m = DECLARATION.exec(line);
      if (!m || declarations >= MAX_DECLARATIONS) continue;
      const [, name, value] = m as unknown as [string, string, string];
      // A bare name or a short literal (`x = y`, `n = 0`) is an alias, not a value to replace.
      if (!added.has(name) || identifiersOf(value).includes(name) || value.length < MIN_VALUE || /^[\w$]+$/.test(value)) continue;
      declarations++;
      const chain = (value.match(CHAIN) ?? []).sort((a, b) => b.length - a.length)[0];
      const anchor = identifiersOf(value)
        .filter(isMeaningful)
        .map((n) => ({ n, at: facts.linesWithName(n) ?? [] }))
        .filter((a) => a.at.length <= MAX_ANCHOR_LINES)
        .sort((a, b) => a.at.length - b.at.length)[0];
      if (!anchor) continue;
      const named = new Set(facts.linesWithName(name));
      const found: Candidate[] = [];
      for (const j of anchor.at) {
        const text = lines[j]!;
        if (ctx.isMade(ctx.file, j) || named.has(j)) continue;
        const match = text.includes(value) ? 1 : chain && text.includes(chain) ? CHAIN_MATCH : 0;
        if (match) found.push({ file: ctx.file, line: j, score: (match * proximity(ctx, ctx.file, j)) / (1 + s.age), reason: 'new-symbol-usage', detail: name, hint: false });
      }
      out.push(...strongest(found, MAX_PER_VALUE));
    }
  }
  return out;
}
