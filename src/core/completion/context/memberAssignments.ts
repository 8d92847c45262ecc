/**
 * JavaScript objects grow members by assignment (`webidl.brandCheck = function …`,
 * `exports.parse = …`), which no declaration lists: for a receiver chain like `webidl.converters.`,
 * the assignment lines `webidl.converters.X = …` in the files that define or export its head.
 */
import type { CodeIndex } from '../../index/codeIndex';
import type { ContextCandidate } from './types';

const MAX_FILES = 10;
const MAX_LINE = 160;

/** `bonus(member)` adjusts each line's score (words shared with the code around the cursor, names used already). */
export function memberAssignmentCandidates(index: CodeIndex, file: string, chain: readonly string[], files: Iterable<string>, score: number, bonus: (member: string) => number): ContextCandidate[] {
  const re = new RegExp(`^\\s*(?:[\\w$]+\\.)*${chain.map((p) => p.replace(/\$/g, '\\$')).join('\\.')}\\.([A-Za-z_$][\\w$]*)\\s*=(?!=)`);
  const out: ContextCandidate[] = [];
  let scanned = 0;
  for (const f of new Set(files)) {
    if (f === file) continue;
    if (++scanned > MAX_FILES) break;
    const lines = index.linesOf(f);
    if (!lines) continue;
    lines.forEach((l, i) => {
      const m = re.exec(l);
      if (!m) return;
      out.push({ file: f, startLine: i, endLine: i, text: l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l, source: 'definition', score: score + bonus(m[1]!) - out.length * 0.01, symbol: `${chain.join('.')}.${m[1]}` });
    });
  }
  return out;
}
