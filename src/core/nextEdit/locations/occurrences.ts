/**
 * Where a name (whole word) or a piece of code text occurs: the cursor's document is read directly,
 * other files only where the index says the name's token occurs (the chunks holding it), so a lookup
 * costs the lines of a few chunks, not a scan of the workspace. Lines the history already changed are
 * left out: those edits are made.
 */
import { searchToken, wordPattern } from '../identifiers';
import { lowerBound } from './lineFacts';
import type { LocatorContext } from './locatorContext';

export interface Occurrence {
  readonly file: string;
  readonly line: number;
}

export interface OccurrenceOptions {
  /** Most chunks of other files read; a name in more chunks than this is too common to follow elsewhere. */
  readonly maxChunks?: number;
  /** Only the cursor's document. */
  readonly sameFileOnly?: boolean;
  /** Only the cursor's document and the files tied to the edits (ctx.isLinked): the others are skipped before their lines are read. */
  readonly linkedOnly?: boolean;
}

const DEFAULT_MAX_CHUNKS = 120;

/** Whole-word occurrences of `name`. `lookupToken` names the index token to look up (default: the name's own). */
export function findOccurrences(ctx: LocatorContext, name: string, options: OccurrenceOptions = {}): Occurrence[] {
  // Built only where a line is scanned (the name maps answer most lookups without it).
  let re: RegExp | undefined;
  return findLines(ctx, (l) => l.includes(name) && (re ??= wordPattern(name)).test(l), searchToken(name), options, name);
}

/** Lines containing `text` literally; `token` (a search token of an identifier inside it) finds the chunks. */
export function findText(ctx: LocatorContext, text: string, token: string | undefined, options: OccurrenceOptions = {}): Occurrence[] {
  return findLines(ctx, (l) => l.includes(text), token, options);
}

/** `name`: a whole word `matches` looks for, found in the cursor's document through its name map (lineFacts.ts). */
function findLines(ctx: LocatorContext, matches: (line: string) => boolean, token: string | undefined, options: OccurrenceOptions, name?: string): Occurrence[] {
  const out: Occurrence[] = [];
  const own = ctx.input.lines;
  const named = name === undefined ? undefined : ctx.factsOf(own).linesWithName(name);
  if (named) {
    for (const i of named) if (!ctx.isMade(ctx.file, i)) out.push({ file: ctx.file, line: i });
  } else {
    for (let i = 0; i < own.length; i++) if (matches(own[i]!) && !ctx.isMade(ctx.file, i)) out.push({ file: ctx.file, line: i });
  }
  const index = ctx.input.index;
  if (options.sameFileOnly || !index || !token) return out;
  const maxChunks = options.maxChunks ?? DEFAULT_MAX_CHUNKS;
  const { total, chunks } = index.chunksWithToken(token, maxChunks + 1);
  if (total > maxChunks) return out;
  for (const c of chunks) {
    if (c.path === ctx.file || !ctx.isCodeLike(c.path) || (options.linkedOnly && !ctx.isLinked(c.path))) continue;
    const lines = ctx.linesOf(c.path);
    if (!lines) continue;
    const end = Math.min(c.endLine, lines.length - 1);
    // A file looked in again and again (its lines kept across requests) is looked up in its name map.
    const named = name !== undefined && ctx.keepsLines ? ctx.factsOf(lines).linesWithNameOnceAsked(name) : undefined;
    if (named) {
      for (let k = lowerBound(named, c.startLine); k < named.length && named[k]! <= end; k++) if (!ctx.isMade(c.path, named[k]!)) out.push({ file: c.path, line: named[k]! });
    } else {
      for (let i = c.startLine; i <= end; i++) if (matches(lines[i]!) && !ctx.isMade(c.path, i)) out.push({ file: c.path, line: i });
    }
  }
  return out;
}
