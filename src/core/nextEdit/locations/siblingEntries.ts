/**
 * Source: the other lists a new entry belongs in. When the latest edit adds a name beside an existing
 * one — `URLLib3ProxyTransport` into `from ._transports.urllib3 import URLLib3Transport`, a line
 * `envGalleries := …` above `envAutoloadGalleries := …` — the file's other places that name the
 * neighbour (the `__all__` entry, the line reading `envAutoloadGalleries`) are where the new name goes
 * next. An import line inserted beside another is no entry (its neighbour is a module: a Go block's
 * `"strings"`); a name added to an import's list is. Only names new to the file count (found on no line
 * but the edits), and only neighbours named on few lines (a list entry, not `Request`). Looked up in the
 * file's name map.
 */
import { identifiersOf, isMeaningful } from '../identifiers';
import type { EditSignals } from './editSignals';
import { isImportLine } from './importLines';
import type { LineFacts } from './lineFacts';
import { shapeOf } from './lineShape';
import type { Candidate, LocatorContext } from './locatorContext';
import { ownFileSignals, proximity, strongest } from './scoring';

const MAX_HUNKS = 2;
/** Lines naming a neighbour beyond which it is not one list's entry. */
const MAX_NEIGHBOUR_LINES = 8;
const MAX_PER_HUNK = 6;

export function siblingEntries(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  const lines = ctx.input.lines;
  const facts = ctx.factsOf(lines);
  for (const s of ownFileSignals(ctx, MAX_HUNKS)) {
    const h = s.hunk;
    const isNew = (name: string) => (facts.linesWithName(name) ?? []).every((j) => ctx.isMade(ctx.file, j));
    const added = s.added.filter(isNew);
    if (!added.length) continue;
    const neighbours = neighboursOf(s, added, lines).filter((n) => !added.includes(n));
    const found = new Map<number, Candidate>();
    for (const n of neighbours) {
      const at = facts.linesWithName(n) ?? [];
      if (at.length > MAX_NEIGHBOUR_LINES) continue;
      for (const j of at) {
        if (found.has(j) || ctx.isMade(ctx.file, j) || j === h.newStart - 1 || j === h.newStart + h.newLines.length || holdsAny(facts, j, added)) continue;
        found.set(j, { file: ctx.file, line: j, score: proximity(ctx, ctx.file, j) / (1 + s.age), reason: 'sibling', detail: added[0] });
      }
    }
    out.push(...strongest([...found.values()], MAX_PER_HUNK));
  }
  return out;
}

/**
 * The existing names beside the added ones. A line changed in place must only have gained names, each
 * next to an old one across a comma (`A, B` → `A, A2, B`): those old ones. Inserted lines must start
 * like a line around them (`x := …` above `y := …`, not a comment above a function): that line's first name.
 */
function neighboursOf(s: EditSignals, added: readonly string[], lines: readonly string[]): string[] {
  const h = s.hunk;
  if (h.oldLines.length === 1 && h.newLines.length === 1) {
    if (s.removed.length || COMMENT.test(h.newLines[0]!)) return [];
    const line = h.newLines[0]!;
    const old = new Set(identifiersOf(h.oldLines[0]!));
    const out: string[] = [];
    for (const name of added) {
      const e = name.replace(/\$/g, '\\$');
      for (const m of line.matchAll(new RegExp(`([A-Za-z_$][\\w$]*)\\s*,\\s*${e}(?![\\w$])|(?<![\\w$])${e}\\s*,\\s*([A-Za-z_$][\\w$]*)`, 'g'))) {
        const n = m[1] ?? m[2];
        if (n && old.has(n) && isMeaningful(n)) out.push(n);
      }
    }
    return out;
  }
  const inserted = h.newLines.filter((l) => l.trim());
  // An import line's first name is a module (`"strings"` in a Go block, `from typing import …`), no list entry.
  if (h.oldLines.some((l) => l.trim()) || !inserted.length || inserted.some((l) => COMMENT.test(l) || isImportLine(l))) return [];
  const start = opening(inserted[0]!);
  return [lines[h.newStart - 1], lines[h.newStart + h.newLines.length]].flatMap((l) => (l === undefined || opening(l) !== start ? [] : identifiersOf(l).filter(isMeaningful).slice(0, 1)));
}

/** A comment's words are not entries (a `@since` line added to a doc comment names no list). */
const COMMENT = /^\s*(\/\/|\/\*|\*|#(\s|$)|"""|''')/;

/** How a line starts: its shape's first two parts (`_ :=`, `_: _`, `// _`). */
const opening = (line: string) => shapeOf(line).split(' ').slice(0, 2).join(' ');

function holdsAny(facts: LineFacts, line: number, names: readonly string[]): boolean {
  return names.some((n) => (facts.linesWithName(n) ?? []).includes(line));
}
