/**
 * Source: the definition a new name still needs. When the latest edits call a function or read an
 * upper-case constant that nothing defines — not the file outside the edits, not any other indexed
 * file (so no import can bring it: missingImport.ts does not fire) — the user writes it next: a
 * constant after the file's top-level constants (`DEFAULT_TIMEOUT` used in a test → below `JUPYTER_MODE =
 * …`); a function after the top-level statement the call is in (`createAsyncCtxStorage(this)` in a
 * class's constructor → after the class), in Java and C# at the end of the class (functions live in
 * classes there). The region does not lean toward it (the edit using it is where the user is).
 */
import { identifiersOf, isMeaningful, searchToken } from '../identifiers';
import { withoutComments } from './editSignals';
import { languageOf } from '../../index/languages';
import type { Candidate, LocatorContext } from './locatorContext';

const MAX_HUNKS = 2;
/** Index chunks looked through for the name in other files (a name in more chunks is no new one). */
const MAX_CHUNKS = 20;
/** A top-level upper-case constant: `NAME = …`, `const NAME = …`, `NAME: T = …` at the start of a line (a class's indented field is none). */
const CONSTANT = /^(?:export\s+)?(?:const\s+|var\s+|let\s+)?([A-Z][A-Z0-9_]*)\s*(?::[^=]*)?=(?![=>])/;
const UPPER = /^[A-Z][A-Z0-9_]*$/;
/** Words before a name that define it (`def name(`, `func name(`, `function name(`). */
const DEFINING = /(?:def|func|function|fn|class|type|interface|struct|const|let|var)\s+$/;

export function missingDefinition(ctx: LocatorContext): Candidate[] {
  const index = ctx.input.index;
  if (!index) return [];
  const lines = ctx.input.lines;
  const facts = ctx.factsOf(lines);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const s of ctx.signals().slice(0, MAX_HUNKS)) {
    const h = s.hunk;
    if (h.file !== ctx.file) continue;
    const code = withoutComments(h.newLines, languageOf(h.file));
    for (const name of new Set(code.flatMap((l) => identifiersOf(l)))) {
      if (seen.has(name) || !isMeaningful(name)) continue;
      seen.add(name);
      // Three capitals are mostly an acronym (`URL`, `API`), not a constant of the file's.
      const constant = UPPER.test(name) && name.length > 3;
      const use = code.findIndex((l) => usedAs(l, name, constant));
      if (use < 0 || code.some((l) => defines(l, name))) continue;
      // Anywhere outside the edits, in this file or another, the name is defined, imported or built in.
      if ((facts.linesWithName(name) ?? []).some((i) => !ctx.isMade(ctx.file, i))) continue;
      const token = searchToken(name);
      if (!token || index.symbols(name, { limit: 1 }).length) continue;
      const chunks = index.chunksWithToken(token, MAX_CHUNKS);
      if (chunks.total > chunks.chunks.length || chunks.chunks.some((c) => c.path !== ctx.file)) continue;
      const line = constant ? constantPlace(ctx, lines) : functionPlace(ctx, lines, h.newStart + use);
      if (line !== undefined) out.push({ file: ctx.file, line, score: 1 / (1 + s.age), reason: 'missing-definition', detail: name, hint: false });
    }
  }
  return out;
}

/** `name(` called as a free function (not `x.name(`), or an upper-case constant read; never `name =`. */
function usedAs(line: string, name: string, constant: boolean): boolean {
  const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])(\\s*\\()?`, 'g');
  for (const m of line.matchAll(re)) if (m[1] || constant) return true;
  return false;
}

/** The line defines `name` itself: `def name(`, `name = …`, `name := …`, a parameter `name: T`. */
function defines(line: string, name: string): boolean {
  const e = name.replace(/\$/g, '\\$');
  const at = line.search(new RegExp(`(?<![\\w$.])${e}(?![\\w$])`));
  if (at < 0) return false;
  return DEFINING.test(line.slice(0, at)) || new RegExp(`(?<![\\w$.])${e}\\s*(?::=|=(?![=>])|:(?!:))`).test(line);
}

/** After the file's last top-level upper-case constant outside the edits; none: no place. */
function constantPlace(ctx: LocatorContext, lines: readonly string[]): number | undefined {
  let last: number | undefined;
  for (let i = 0; i < lines.length; i++) if (!ctx.isMade(ctx.file, i) && CONSTANT.test(lines[i]!)) last = i;
  return last === undefined ? undefined : last + 1;
}

/** Languages whose functions are members of a class: a helper goes inside the class, at its end. */
const MEMBER_FUNCTIONS = new Set(['java', 'csharp']);

/**
 * Where a new function called on `line` goes: after the top-level statement holding the call, which ends
 * where the next unindented line closes it (`}`) or starts the next statement; in Java and C#, before
 * the closing line of the class. Undefined for a call that is itself top-level.
 */
function functionPlace(ctx: LocatorContext, lines: readonly string[], line: number): number | undefined {
  if (!/^\s/.test(lines[line] ?? '')) return undefined;
  const member = MEMBER_FUNCTIONS.has(languageOf(ctx.file) ?? '');
  for (let j = line + 1; j < lines.length; j++) {
    const l = lines[j]!;
    if (!l.trim() || /^\s/.test(l)) continue;
    return /^[)}\]]/.test(l) && !member ? j + 1 : j;
  }
  return lines.length;
}
