/**
 * Context source 2: code that looks like the code before the cursor (Jaccard over integer-encoded
 * identifier tokens, the Copilot/Cody similar-snippet idea) over the whole index, with files near this
 * one weighted up: those it imports, and those in its folder. (Files importing it are left out: finding
 * them resolves every file's imports, ~50 ms in a fresh CLI process.)
 */
import * as path from 'node:path';
import type { CodeIndex } from '../../index/codeIndex';
import type { CursorContext } from './cursorContext';
import type { ContextCandidate } from './types';

const QUERY_LINES = 10;
const MAX_SNIPPET_LINES = 16;
const LIMIT = 12;
export const PROXIMITY = { imported: 1.35, sameFolder: 1.15, other: 1 } as const;

export function similarCandidates(index: CodeIndex, file: string, cursor: CursorContext): ContextCandidate[] {
  const from = Math.max(0, cursor.line - QUERY_LINES);
  const query = [...cursor.lines.slice(from, cursor.line).filter((_, i) => !cursor.importLines.has(from + i)), cursor.linePrefix].join('\n');
  if (!query.trim()) return [];
  const imported = new Set(index.importsOf(file));
  const dir = path.dirname(file);
  const weights = new Map<string, number>(); // asked once per candidate chunk, so once per file here
  const fileWeight = (f: string) => {
    let w = weights.get(f);
    if (w === undefined) weights.set(f, (w = imported.has(f) ? PROXIMITY.imported : path.dirname(f) === dir ? PROXIMITY.sameFolder : PROXIMITY.other));
    return w;
  };
  const hits = index.similar(query, { limit: LIMIT, excludePaths: [file], fileWeight });
  return hits.flatMap((h) => {
    if (!h.text) return [];
    const lines = h.text.split('\n');
    // Long chunks: the part nearest their start (a function's head and first statements).
    const keep = lines.slice(0, MAX_SNIPPET_LINES);
    return [{ file: h.path, startLine: h.startLine, endLine: h.startLine + keep.length - 1, text: keep.join('\n'), fullText: h.text, source: 'similar' as const, score: h.score, ...(h.symbol ? { symbol: h.symbol } : {}) }];
  });
}
